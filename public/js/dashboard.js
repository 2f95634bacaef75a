// Lotse – live dashboard for the team lead. Fetches /api/trends and /api/trends/summary,
// draws the topic chart (uPlot, served locally) and the district map, and follows
// /ws/trends: every update refreshes today's figures at once and the series shortly
// after (debounced). Filters refetch without reloading the page.
import uPlot from '/vendor/uplot/uPlot.esm.js';
import { formatRate, perHundredThousand, renderMap } from './map.js';

const root = document.getElementById('dashboard');
const form = document.getElementById('filters');
const errorBox = document.getElementById('dash-error');
const number = new Intl.NumberFormat('de-DE');
const percent = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });

/** Line colours for up to 15 series, distinguishable and readable on white. */
const COLOURS = ['#0b5cad', '#b42318', '#1a7f37', '#9a6700', '#6f42c1', '#00838f', '#c2185b', '#4e342e', '#5d6d7e', '#e65100', '#2e7d32', '#283593', '#ad1457', '#00695c', '#827717'];

const REFETCH_DELAY_MS = 1000;
const MAX_BACKOFF_S = 30;

const state = {
  today: root.dataset.today,
  mapData: null,
  chart: null,
  chartKeys: '',
  controller: null,
  refetchTimer: null,
  lastSeq: null,
};

// ── Dates (local days as YYYY-MM-DD, computed in UTC to avoid time-zone drift) ──────────

function parseDay(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}
function formatDay(date) {
  return date.toISOString().slice(0, 10);
}
function addDays(day, days) {
  const date = parseDay(day);
  date.setUTCDate(date.getUTCDate() + days);
  return formatDay(date);
}
function addMonths(day, months) {
  const date = parseDay(day);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), last));
  return formatDay(target);
}
function bucketStart(day, bucket) {
  if (bucket === 'month') return `${day.slice(0, 7)}-01`;
  if (bucket === 'week') {
    const weekday = parseDay(day).getUTCDay() || 7;
    return addDays(day, 1 - weekday);
  }
  return day;
}
function germanDay(day) {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

/** from/to for the chosen period; rolling periods start at a bucket boundary. */
function rangeOf(values) {
  const today = state.today;
  const year = today.slice(0, 4);
  switch (values.period) {
    case 'eigener':
      return { from: values.from || bucketStart(addDays(addMonths(today, -12), 1), values.bucket), to: values.to || today };
    case 'jahr':
      return { from: `${year}-01-01`, to: today };
    case 'vorjahr':
      return { from: `${Number(year) - 1}-01-01`, to: `${Number(year) - 1}-12-31` };
    case '30d':
      return { from: bucketStart(addDays(today, -29), values.bucket), to: today };
    default: {
      const months = { '12m': 12, '6m': 6, '3m': 3 }[values.period] ?? 12;
      return { from: bucketStart(addDays(addMonths(today, -months), 1), values.bucket), to: today };
    }
  }
}

// ── Filters ──────────────────────────────────────────────────────────────────────────────

const FIELDS = ['period', 'from', 'to', 'bucket', 'topic', 'district', 'caller'];

function readFilters() {
  const data = new FormData(form);
  const values = {};
  for (const field of FIELDS) values[field] = String(data.get(field) ?? '');
  return values;
}

/** Fills the form from the address (so a filtered view can be bookmarked). */
function restoreFilters() {
  const params = new URLSearchParams(location.search);
  for (const field of FIELDS) {
    const value = params.get(field);
    const input = form.elements.namedItem(field);
    if (value === null || !input) continue;
    if (input instanceof HTMLSelectElement && ![...input.options].some((o) => o.value === value)) continue;
    input.value = value;
  }
  toggleCustom();
}

function toggleCustom() {
  const custom = form.elements.namedItem('period').value === 'eigener';
  for (const id of ['f-custom', 'f-custom-to']) document.getElementById(id).hidden = !custom;
}

function rememberFilters(values) {
  const params = new URLSearchParams();
  for (const field of FIELDS) {
    if (!values[field]) continue;
    if ((field === 'from' || field === 'to') && values.period !== 'eigener') continue;
    if ((field === 'period' && values.period === '12m') || (field === 'bucket' && values.bucket === 'week')) continue;
    params.set(field, values[field]);
  }
  const query = params.toString();
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

// ── Fetching ─────────────────────────────────────────────────────────────────────────────

class HttpError extends Error {
  constructor(status, body) {
    const details = body?.errors?.map((e) => e.message).join(' ') ?? '';
    super(`${body?.detail ?? `Fehler ${status}`}${details ? ` ${details}` : ''}`);
    this.status = status;
  }
}

async function getJson(url, signal) {
  const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', signal });
  if (response.status === 401) {
    location.assign(`/anmelden?next=${encodeURIComponent(location.pathname + location.search)}`);
    throw new HttpError(401, null);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new HttpError(response.status, body);
  return body;
}

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

async function refresh() {
  const values = readFilters();
  const range = rangeOf(values);
  const params = new URLSearchParams({ from: range.from, to: range.to, bucket: values.bucket || 'week' });
  for (const field of ['topic', 'district', 'caller']) if (values[field]) params.set(field, values[field]);
  state.controller?.abort();
  const controller = new AbortController();
  state.controller = controller;
  try {
    const [series, byDistrict] = await Promise.all([
      getJson(`/api/trends?${params}&by=topic`, controller.signal),
      getJson(`/api/trends?${params}&by=district`, controller.signal),
    ]);
    if (controller.signal.aborted) return;
    showError('');
    drawChart(series);
    await drawMap(byDistrict);
    document.getElementById('kpi-period').textContent = number.format(series.total);
  } catch (error) {
    if (error.name === 'AbortError' || error.status === 401) return;
    showError(`Die Zahlen konnten nicht geladen werden: ${error.message}`);
  }
}

function scheduleRefresh() {
  clearTimeout(state.refetchTimer);
  state.refetchTimer = setTimeout(refresh, REFETCH_DELAY_MS);
}

// ── Chart ────────────────────────────────────────────────────────────────────────────────

const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
const WEEKDAYS = ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'];
const NAMES = {
  MMMM: MONTHS,
  MMM: MONTHS.map((m) => m.slice(0, 3)),
  WWWW: WEEKDAYS,
  WWW: WEEKDAYS.map((w) => w.slice(0, 2)),
};

function bucketLabel(day, bucket) {
  if (bucket === 'month') return `${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
  if (bucket === 'week') return `Woche ab ${germanDay(day)}`;
  return germanDay(day);
}

function drawChart(result) {
  const container = document.getElementById('chart');
  const days = result.series[0]?.points.map((p) => p.t) ?? [];
  // uPlot wants seconds; noon UTC keeps the date right in every European time zone.
  const xs = days.map((d) => parseDay(d).getTime() / 1000 + 43_200);
  const data = [xs, ...result.series.map((s) => s.points.map((p) => p.count))];
  const keys = `${result.bucket}|${result.series.map((s) => s.key).join(',')}`;
  const caption = `${germanDay(result.from)} bis ${germanDay(result.to)}, ${result.bucket === 'week' ? 'je Woche' : result.bucket === 'month' ? 'je Monat' : 'je Tag'}; ${number.format(result.total)} Anfragen`;
  document.getElementById('chart-caption').textContent = caption;
  drawChartTable(result);

  if (state.chart && state.chartKeys === keys) {
    state.chart.setData(data);
    return;
  }
  state.chart?.destroy();
  state.chartKeys = keys;
  const dayOf = new Map(xs.map((x, i) => [x, days[i]]));
  state.chart = new uPlot(
    {
      width: Math.max(300, container.clientWidth),
      height: 340,
      fmtDate: (template) => uPlot.fmtDate(template, NAMES),
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, max * 1.1)] } },
      axes: [{}, { values: (_u, splits) => splits.map((v) => number.format(v)) }],
      legend: { live: true },
      cursor: { focus: { prox: 24 } },
      focus: { alpha: 0.35 },
      series: [
        { label: 'Zeitraum', value: (_u, x) => (x == null ? '–' : bucketLabel(dayOf.get(x) ?? '', result.bucket)) },
        ...result.series.map((s, i) => ({
          label: s.label,
          stroke: COLOURS[i % COLOURS.length],
          width: 2,
          points: { show: days.length <= 60 },
          value: (_u, v) => (v == null ? '–' : number.format(v)),
        })),
      ],
    },
    data,
    container,
  );
}

function drawChartTable(result) {
  const body = document.querySelector('#chart-table tbody');
  body.replaceChildren(
    ...[...result.series]
      .sort((a, b) => b.total - a.total)
      .map((s) => row([s.label, number.format(s.total)], [null, 'num'])),
  );
}

function row(cells, classes = []) {
  const tr = document.createElement('tr');
  cells.forEach((cell, i) => {
    const td = document.createElement(i === 0 ? 'th' : 'td');
    if (i === 0) td.scope = 'row';
    if (classes[i]) td.className = classes[i];
    if (cell instanceof Node) td.append(cell);
    else td.textContent = cell;
    tr.append(td);
  });
  return tr;
}

// ── Map ──────────────────────────────────────────────────────────────────────────────────

async function loadMapData() {
  if (!state.mapData) {
    const response = await fetch(root.dataset.mapUrl, { credentials: 'same-origin' });
    state.mapData = await response.json();
  }
  return state.mapData;
}

async function drawMap(result) {
  const data = await loadMapData();
  const figures = new Map();
  for (const district of data.districts) {
    const count = result.series.find((s) => s.key === district.code)?.total ?? 0;
    figures.set(district.code, { count, rate: perHundredThousand(count, district.population) });
  }
  renderMap(
    { map: document.getElementById('map'), legend: document.getElementById('map-legend'), tooltip: document.getElementById('map-tooltip') },
    data,
    figures,
  );
  const none = result.series.find((s) => s.key === '')?.total ?? 0;
  document.getElementById('map-caption').textContent =
    `${germanDay(result.from)} bis ${germanDay(result.to)}` + (none ? `; ${number.format(none)} Anfragen ohne Landkreis sind nicht in der Karte.` : '');
  const body = document.querySelector('#district-table tbody');
  const rows = [...data.districts]
    .sort((a, b) => a.name.localeCompare(b.name, 'de'))
    .map((d) => {
      const f = figures.get(d.code);
      return row([d.name, number.format(f.count), formatRate(f.rate)], [null, 'num', 'num']);
    });
  if (none) rows.push(row(['ohne Landkreis', number.format(none), '–'], [null, 'num', 'num']));
  body.replaceChildren(...rows);
}

// ── Summary (this week's top topics) ─────────────────────────────────────────────────────

function changeBadge(item) {
  const span = document.createElement('span');
  if (item.change === null) {
    span.textContent = item.count > 0 ? 'neu' : '–';
    span.className = 'muted';
    return span;
  }
  const pct = Math.round(item.change * 100);
  span.className = `badge ${pct > 0 ? 'up' : pct < 0 ? 'down' : ''}`.trim();
  span.textContent = `${pct > 0 ? '▲' : pct < 0 ? '▼' : '●'} ${percent.format(pct)} %`;
  span.title = `vorher: ${number.format(item.previous)}`;
  span.setAttribute('aria-label', `${pct > 0 ? 'gestiegen' : pct < 0 ? 'gesunken' : 'unverändert'} um ${Math.abs(pct)} Prozent, vorher ${item.previous}`);
  return span;
}

function spikeBadge(item) {
  const span = document.createElement('span');
  span.className = 'badge spike';
  span.textContent = 'Auffällig';
  span.title = `Deutlich mehr als erwartet (erwartet etwa ${number.format(Math.round(item.expected))})`;
  return span;
}

function drawSummary(summary) {
  document.getElementById('top-range').textContent =
    `${germanDay(summary.current.from)} bis ${germanDay(summary.current.to)} gegenüber ${germanDay(summary.previous.from)} bis ${germanDay(summary.previous.to)}`;
  const top = summary.topics.filter((t) => t.count > 0).slice(0, 6);
  const body = document.querySelector('#top-table tbody');
  if (top.length === 0) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = 3;
    td.className = 'muted';
    td.textContent = 'Noch keine Anfragen in den letzten 7 Tagen.';
    tr.append(td);
    body.replaceChildren(tr);
  } else {
    body.replaceChildren(
      ...top.map((item) => {
        const cell = document.createElement('span');
        cell.append(changeBadge(item));
        if (item.spike) cell.append(' ', spikeBadge(item));
        return row([item.label, number.format(item.count), cell], [null, 'num']);
      }),
    );
  }
  const spikes = summary.districts.filter((d) => d.spike);
  document.getElementById('top-districts').textContent = spikes.length
    ? `Auffällig viele Anfragen aus: ${spikes.map((d) => `${d.label} (${number.format(d.count)})`).join(', ')}`
    : '';
  document.getElementById('kpi-week').textContent = number.format(summary.total.count);
  const change = summary.total.change;
  document.getElementById('kpi-week-change').textContent =
    change === null ? '' : `(${percent.format(Math.round(change * 100))} % zur Vorwoche)`;
}

// ── Live connection ──────────────────────────────────────────────────────────────────────

const live = {
  socket: null,
  attempt: 0,
  countdown: null,
};

function setLive(stateName, text) {
  const status = document.getElementById('live-status');
  status.dataset.state = stateName;
  document.getElementById('live-text').textContent = text;
}

function onMessage(event) {
  let message;
  try {
    message = JSON.parse(event.data);
  } catch {
    return;
  }
  if (message.today?.day && message.today.day !== state.today) {
    // A new day began: rolling periods move with it.
    state.today = message.today.day;
    scheduleRefresh();
  }
  if (message.today) document.getElementById('kpi-today').textContent = number.format(message.today.total);
  if (message.summary) drawSummary(message.summary);
  if (message.type === 'snapshot') {
    // After a reconnect, updates may have been missed.
    if (state.lastSeq !== null && state.lastSeq !== message.seq) scheduleRefresh();
    state.lastSeq = message.seq;
  } else if (message.type === 'update') {
    state.lastSeq = message.seq;
    scheduleRefresh();
  }
}

function connect() {
  clearInterval(live.countdown);
  setLive('connecting', 'Verbindung wird aufgebaut …');
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/ws/trends`);
  live.socket = socket;
  socket.addEventListener('open', () => {
    live.attempt = 0;
    setLive('live', 'Live');
  });
  socket.addEventListener('message', onMessage);
  socket.addEventListener('close', () => {
    if (live.socket !== socket) return;
    live.socket = null;
    reconnectLater();
  });
}

function reconnectLater() {
  const delay = Math.min(MAX_BACKOFF_S, 2 ** live.attempt);
  live.attempt += 1;
  let left = delay;
  const tell = () => setLive('offline', `Verbindung unterbrochen – neuer Versuch in ${left} s`);
  tell();
  clearInterval(live.countdown);
  live.countdown = setInterval(() => {
    left -= 1;
    if (left > 0) return tell();
    clearInterval(live.countdown);
    // An expired session also ends the socket: getJson sends the user to the sign-in page.
    getJson('/api/trends/summary?window=7d')
      .then(drawSummary)
      .catch(() => {})
      .finally(connect);
  }, 1000);
}

// ── Start ────────────────────────────────────────────────────────────────────────────────

form.addEventListener('change', (event) => {
  if (event.target.name === 'period') toggleCustom();
  const values = readFilters();
  if (values.period === 'eigener' && (!values.from || !values.to)) return;
  rememberFilters(values);
  refresh();
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  rememberFilters(readFilters());
  refresh();
});

new ResizeObserver(() => {
  const container = document.getElementById('chart');
  if (state.chart && container.clientWidth > 0) state.chart.setSize({ width: Math.max(300, container.clientWidth), height: 340 });
}).observe(document.getElementById('chart'));

restoreFilters();
getJson('/api/trends/summary?window=7d').then(drawSummary).catch(() => {});
loadMapData()
  .catch(() => showError('Die Karte konnte nicht geladen werden.'))
  .finally(refresh);
connect();
