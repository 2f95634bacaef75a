// Wissensbasis (editor): status of the served KB (GET /api/kb/status), reload
// (POST /api/kb/reload), and usage and content gaps from the enquiries (GET /api/kb/usage).
import { api, dataJson, el, formatDateTime, formatDay, say, stackCell, stackRow, todayBerlin } from './enquiry-shared.js';

const root = document.getElementById('kb-app');
if (root) init(root);

function init(root) {
  const labels = dataJson(root, 'labels') ?? {};
  const $ = (id) => document.getElementById(id);
  const reload = $('reload');
  const reloadStatus = $('reload-status');
  const period = $('usage-period');

  const cell = (value, cls) => el('td', { class: cls }, value);
  const empty = (columns, text) => el('tr', {}, el('td', { colspan: columns, class: 'ws-help' }, text));

  /** One row per file, its issues listed with their lines. */
  function problemRows(problems) {
    const byFile = new Map();
    for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
    return [...byFile].map(([file, list]) =>
      el(
        'tr',
        {},
        el('td', { class: 'ws-kb-file' }, el('code', {}, file)),
        cell(el('ul', { class: 'ws-issues' }, ...list.map((p) => el('li', {}, p.line ? el('span', { class: 'ws-line' }, `Zeile ${p.line}: `) : null, p.message)))),
      ),
    );
  }

  async function loadStatus() {
    try {
      const s = await api('GET', '/api/kb/status');
      const files = new Set(s.errors.map((e) => e.file)).size;
      const fact = (label, value) => el('div', {}, el('dt', {}, label), el('dd', {}, value));
      $('kb-facts').replaceChildren(
        fact('Revision', el('code', { id: 'kb-revision' }, s.revision)),
        fact('Artikel', el('span', { id: 'kb-articles' }, String(s.articles))),
        fact('Abgelehnte Dateien', String(files)),
        fact('Überfällig', String(s.stale.length)),
        fact('Geladen', formatDateTime(s.loadedAt)),
      );
      say($('status-status'), '');
      $('errors').replaceChildren(...problemRows(s.errors));
      $('errors-table').hidden = s.errors.length === 0;
      $('errors-empty').hidden = s.errors.length > 0;
      $('errors-count').textContent = s.errors.length ? `(${files} ${files === 1 ? 'Datei' : 'Dateien'}, ${s.errors.length} ${s.errors.length === 1 ? 'Fehler' : 'Fehler'})` : '';
      $('stale').replaceChildren(...s.stale.map((a) => el('tr', {}, cell(el('span', {}, a.title, ' ', el('span', { class: 'ws-help' }, `(${a.slug})`)), 'ws-kb-article'), cell(formatDay(a.reviewBy)))));
      $('stale-table').hidden = s.stale.length === 0;
      $('stale-empty').hidden = s.stale.length > 0;
      $('stale-count').textContent = s.stale.length ? `(${s.stale.length})` : '';
      $('warnings').replaceChildren(...(s.warnings?.length ? problemRows(s.warnings) : [empty(2, 'Keine Hinweise.')]));
      $('warnings-count').textContent = `(${s.warnings?.length ?? 0})`;
      $('misses').replaceChildren(...s.misses.map((m) => el('li', {}, el('q', {}, m.query), ` – ${m.count}-mal`)));
      $('misses-empty').hidden = s.misses.length > 0;
    } catch (error) {
      say($('status-status'), error.message, 'error');
    }
  }

  reload.addEventListener('click', async () => {
    reload.disabled = true;
    say(reloadStatus, 'Wird neu geladen …');
    try {
      const r = await api('POST', '/api/kb/reload');
      const parts = [`${r.articles} Artikel`, `${r.errors} abgelehnt`];
      if (r.added.length) parts.push(`neu: ${r.added.join(', ')}`);
      if (r.changed.length) parts.push(`geändert: ${r.changed.join(', ')}`);
      if (r.removed.length) parts.push(`entfernt: ${r.removed.join(', ')}`);
      if (r.git) parts.push(`Git: ${r.git.ok ? 'aktualisiert' : `Fehler – ${r.git.message}`}`);
      say(reloadStatus, `Neu geladen (Revision ${r.revision}): ${parts.join(' · ')}.`, 'ok');
      await loadStatus();
    } catch (error) {
      say(reloadStatus, error.message, 'error');
    } finally {
      reload.disabled = false;
    }
  });

  function fromOf(value) {
    if (value === 'alle') return null;
    const d = new Date(`${todayBerlin()}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - Number(value) + 1);
    return d.toISOString().slice(0, 10);
  }

  const articleCell = (a) =>
    cell(el('span', {}, a.title, a.inKb === false ? el('span', { class: 'ws-badge ws-late' }, 'nicht mehr in der Wissensbasis') : null, ' ', el('span', { class: 'ws-help' }, `(${a.slug})`)), 'ws-kb-article');

  async function loadUsage() {
    const params = new URLSearchParams({ examples: '3' });
    const from = fromOf(period.value);
    if (from) params.set('from', from);
    try {
      const u = await api('GET', `/api/kb/usage?${params}`);
      const rate = u.enquiries ? Math.round((u.withHelp / u.enquiries) * 100) : 0;
      say(
        $('usage-status'),
        u.enquiries
          ? `${u.enquiries} Anfragen, bei ${u.withHelp} (${rate} %) hat ein Artikel geholfen.${u.lowScoreThreshold !== null ? ` Als schwach gilt ein bester Vorschlag unter Score ${Math.round(u.lowScoreThreshold)} (halber mittlerer Bestwert).` : ''}`
          : 'Im Zeitraum gibt es keine Anfragen.',
      );
      $('gaps').replaceChildren(
        ...(u.topics.length
          ? u.topics.map((t) =>
              stackRow(
                {},
                stackCell({ class: 'ws-gap-topic' }, t.label),
                stackCell({ class: 'ws-num', label: 'Anfragen' }, String(t.enquiries)),
                stackCell({ class: 'ws-num', label: 'ohne hilfreichen Artikel' }, String(t.withoutHelp)),
                stackCell({ class: 'ws-num', label: 'schwacher Vorschlag' }, String(t.lowScore)),
                stackCell({ class: 'ws-num', label: 'Lücken' }, el('strong', {}, String(t.gaps))),
                stackCell({ label: 'Beispiele (geschwärzt)' }, t.examples.length ? el('ul', { class: 'ws-examples' }, ...t.examples.map((x) => el('li', {}, x.excerpt))) : '–'),
              ),
            )
          : [stackRow({}, stackCell({ colspan: 6, class: 'ws-help' }, 'Keine Daten.'))]),
      );
      const used = u.articles.filter((a) => a.used > 0).slice(0, 10);
      $('most-used').replaceChildren(...(used.length ? used.map((a) => el('tr', {}, articleCell(a), cell(String(a.used), 'ws-num'), cell(String(a.shown), 'ws-num'))) : [empty(3, 'Noch kein Artikel als hilfreich markiert.')]));
      const helpful = u.articles
        .filter((a) => a.shown >= 3 && a.helpfulRate !== null && a.helpfulRate > 0)
        .sort((a, b) => b.helpfulRate - a.helpfulRate || b.shown - a.shown)
        .slice(0, 10);
      $('most-helpful').replaceChildren(
        ...(helpful.length ? helpful.map((a) => el('tr', {}, articleCell(a), cell(`${Math.round(a.helpfulRate * 100)} %`, 'ws-num'), cell(String(a.shown), 'ws-num'))) : [empty(3, 'Noch zu wenige Daten.')]),
      );
      const unhelpful = u.articles
        .filter((a) => a.shown >= 5 && (a.helpfulRate ?? 0) < 0.1)
        .sort((a, b) => b.shown - a.shown)
        .slice(0, 10);
      $('least-helpful').replaceChildren(
        ...(unhelpful.length ? unhelpful.map((a) => el('tr', {}, articleCell(a), cell(String(a.shown), 'ws-num'), cell(String(a.usedWhenShown), 'ws-num'))) : [empty(3, 'Keine.')]),
      );
    } catch (error) {
      say($('usage-status'), error.message, 'error');
    }
  }

  period.addEventListener('change', loadUsage);
  void labels;
  loadStatus();
  loadUsage();
}
