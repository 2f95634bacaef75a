/**
 * `/berichte?from&to` (lead): the printable report of a period — tables per topic, per
 * district (with enquiries per 100,000 inhabitants), per caller and per referral target,
 * a map rendered here as static SVG from public/map/districts.json, and the largest
 * changes against the period of the same length before. Print CSS hides the navigation
 * and the form. Each report shown is written to the audit log (`report.export`).
 */
import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../../../store/index.js';
import { addDays, daysBetween, relativeChange, type LocalDay } from '../../../trends/index.js';
import { layoutData, pageAccess } from '../../plugins/pages.js';
import { germanErrorMap } from '../../validation.js';
import { reportQuerySchema } from '../api/reports.js';
import { createTrendsService, type PeriodFigures, type TrendsService } from '../api/trends.js';

/** The district map data that scripts/derive-map.ts writes. */
export interface DistrictMap {
  viewBox: string;
  attribution: string;
  source: string;
  populationSource: string;
  districts: { code: string; name: string; kind: string; population: number; path: string; labelX: number; labelY: number }[];
}

const MAP_FILE = new URL('../../../../public/map/districts.json', import.meta.url);

let cachedMap: DistrictMap | undefined;
/** Reads public/map/districts.json once. */
export function loadDistrictMap(): DistrictMap {
  cachedMap ??= JSON.parse(readFileSync(MAP_FILE, 'utf8')) as DistrictMap;
  return cachedMap;
}

/** Fill colours: index 0 = none, 1…5 = rising rate; the same scale as public/js/map.js. */
export const MAP_PALETTE = ['#f4f6f8', '#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const;

const integer = new Intl.NumberFormat('de-DE');
const decimal = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const share = new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 1 });
const signedPercent = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });

function niceStep(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 3, 4, 5, 10]) if (m * power >= value) return m * power;
  return 10 * power;
}

/**
 * Five equal classes with round limits over the range of the rates (from a round value at
 * or below the smallest non-zero rate up to the largest); class 0 is "no enquiries". The
 * same scale as the dashboard's (public/js/map.js).
 */
export function rateClasses(rates: readonly number[]) {
  const positive = rates.filter((r) => r > 0);
  const max = Math.max(0, ...positive);
  const min = positive.length ? Math.min(...positive) : 0;
  let step = niceStep((max - min) / 5 || max / 5);
  let low = Math.floor(min / step) * step;
  while (low + 5 * step < max) {
    step = niceStep(step * 1.001); // the next round step
    low = Math.floor(min / step) * step;
  }
  const classOf = (rate: number) => (rate > 0 ? Math.min(5, Math.max(1, Math.ceil((rate - low) / step))) : 0);
  const legend: { colour: string; label: string }[] = [{ colour: MAP_PALETTE[0], label: 'keine Anfragen' }];
  const digits = Math.min(3, String(Number(step.toFixed(10))).split('.')[1]?.length ?? 0);
  const limit = new Intl.NumberFormat('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  for (let i = 1; i <= 5; i++) {
    const top = low + i * step;
    legend.push({ colour: MAP_PALETTE[i]!, label: i === 1 ? `bis ${limit.format(top)}` : `über ${limit.format(top - step)} bis ${limit.format(top)}` });
  }
  return { classOf, legend };
}

function germanDay(day: LocalDay): string {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

function changeText(current: number, previous: number): { text: string; direction: 'up' | 'down' | 'same' | 'new' } {
  const change = relativeChange(current, previous);
  if (change === null) return { text: current > 0 ? 'neu' : '–', direction: current > 0 ? 'new' : 'same' };
  const pct = Math.round(change * 100);
  if (pct === 0) return { text: '± 0 %', direction: 'same' };
  return { text: `${pct > 0 ? '▲' : '▼'} ${signedPercent.format(pct)} %`, direction: pct > 0 ? 'up' : 'down' };
}

/** The report's view model: formatted tables, map and top changes. */
export function reportView(figures: PeriodFigures, previous: PeriodFigures, map: DistrictMap) {
  const mentions = figures.topics.reduce((a, t) => a + t.count, 0);
  const previousOf = (list: PeriodFigures['topics'], key: string) => list.find((x) => x.key === key)?.count ?? 0;
  const topics = figures.topics.map((t) => ({
    label: t.label,
    count: integer.format(t.count),
    share: mentions ? share.format(t.count / mentions) : '–',
    previous: integer.format(previousOf(previous.topics, t.key)),
    change: changeText(t.count, previousOf(previous.topics, t.key)),
  }));
  const population = new Map(map.districts.map((d) => [d.code, d.population]));
  const rates = new Map(figures.districts.map((d) => [d.key, population.has(d.key) ? (d.count / population.get(d.key)!) * 100_000 : null]));
  const districts = figures.districts.map((d) => {
    const rate = rates.get(d.key) ?? null;
    return {
      label: d.label,
      code: d.key,
      count: integer.format(d.count),
      population: population.has(d.key) ? integer.format(population.get(d.key)!) : '–',
      rate: rate === null ? '–' : decimal.format(rate),
      change: changeText(d.count, previousOf(previous.districts, d.key)),
    };
  });
  const callers = figures.callers.map((c) => ({
    label: c.label,
    count: integer.format(c.count),
    share: figures.total ? share.format(c.count / figures.total) : '–',
  }));
  const classes = rateClasses([...rates.values()].filter((r): r is number => r !== null));
  const mapView = {
    viewBox: map.viewBox,
    attribution: map.attribution,
    populationSource: map.populationSource,
    legend: classes.legend,
    districts: map.districts.map((d) => {
      const rate = rates.get(d.code) ?? 0;
      const count = figures.districts.find((x) => x.key === d.code)?.count ?? 0;
      return {
        path: d.path,
        fill: MAP_PALETTE[classes.classOf(rate)],
        title: `${d.name}: ${integer.format(count)} Anfragen, ${decimal.format(rate)} je 100.000 Einwohner`,
      };
    }),
  };
  // The largest changes, among keys with at least five enquiries in one of the periods.
  const movers = [
    ...figures.topics.map((t) => ({ kind: 'Thema', label: t.label, count: t.count, previous: previousOf(previous.topics, t.key) })),
    ...figures.districts.filter((d) => d.key !== '').map((d) => ({ kind: 'Landkreis', label: d.label, count: d.count, previous: previousOf(previous.districts, d.key) })),
  ]
    .filter((m) => Math.max(m.count, m.previous) >= 5 && m.count !== m.previous)
    .map((m) => ({ ...m, delta: m.count - m.previous, change: changeText(m.count, m.previous) }))
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.label.localeCompare(b.label, 'de'))
    .slice(0, 8)
    .map((m) => ({ ...m, count: integer.format(m.count), previous: integer.format(m.previous), delta: signedPercent.format(m.delta) }));
  return {
    total: integer.format(figures.total),
    mentions: integer.format(mentions),
    topics,
    districts,
    callers,
    referrals: figures.referrals.map((r) => ({ label: r.referredTo, count: integer.format(r.count) })),
    map: mapView,
    movers,
  };
}

const FIELD_NAMES: Record<string, string> = { from: 'Von', to: 'Bis' };

export interface ReportsPageDeps {
  store: Pick<Store, 'rollups' | 'audit'>;
  now?: () => Date;
  trends?: TrendsService;
}

export function reportsPage(deps: ReportsPageDeps): FastifyPluginAsync {
  return async (app) => {
    const trends = deps.trends ?? createTrendsService(deps);
    const schema = reportQuerySchema(trends.today);
    const map = loadDistrictMap();

    app.get('/berichte', { onRequest: pageAccess('lead'), schema: { hide: true } }, async (request, reply) => {
      // A page ignores parameters it does not know; only from/to are checked.
      const query = request.query as Record<string, unknown>;
      const parsed = schema.safeParse(
        Object.fromEntries(Object.entries({ from: query.from, to: query.to }).filter(([, v]) => v !== undefined && v !== '')),
        { error: germanErrorMap },
      );
      const errors = parsed.success ? [] : parsed.error.issues.map((i) => `${FIELD_NAMES[String(i.path[0])] ?? 'Anfrage'}: ${i.message}`);
      const range = parsed.success ? parsed.data : schema.parse({});
      const { from, to } = range;
      const length = daysBetween(from, to) + 1;
      const previousRange = { from: addDays(from, -length), to: addDays(from, -1) };
      const figures = trends.period(from, to);
      const previous = trends.period(previousRange.from, previousRange.to);
      if (parsed.success) {
        deps.store.audit.record({ userId: request.user?.id ?? null, action: 'report.export', enquiryId: null, detail: { format: 'html', from, to }, ip: request.ip });
      }
      return reply
        .code(parsed.success ? 200 : 400)
        .header('cache-control', 'no-store')
        .view('reports', {
          ...layoutData(request, '/berichte'),
          title: `Bericht ${germanDay(from)} – ${germanDay(to)}`,
          scripts: ['/static/js/dashboard-report.js'],
          errors,
          from,
          to,
          period: `${germanDay(from)} bis ${germanDay(to)}`,
          previousPeriod: `${germanDay(previousRange.from)} bis ${germanDay(previousRange.to)}`,
          csvUrl: `/api/reports/enquiries.csv?from=${from}&to=${to}`,
          generated: new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(deps.now?.() ?? new Date()),
          ...reportView(figures, previous, map),
        });
    });

    // The English path of the contract (SPEC, issue 5) leads to the German page, parameters kept.
    app.get('/reports', { schema: { hide: true } }, async (request, reply) => {
      const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      return reply.redirect(`/berichte${search}`, 301);
    });
  };
}
