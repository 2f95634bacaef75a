// Wissensbasis (editor): status of the served KB (GET /api/kb/status), reload
// (POST /api/kb/reload), and usage and content gaps from the enquiries (GET /api/kb/usage).
import { api, dataJson, el, formatDateTime, formatDay, say, todayBerlin } from './enquiry-shared.js';

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

  function problemRows(problems) {
    return problems.map((p) => el('tr', {}, el('td', {}, el('code', {}, p.file)), cell(p.line ?? '–', 'ws-num'), cell(p.message)));
  }

  async function loadStatus() {
    try {
      const s = await api('GET', '/api/kb/status');
      $('kb-facts').replaceChildren(
        el('dt', {}, 'Revision'), el('dd', {}, el('code', { id: 'kb-revision' }, s.revision)),
        el('dt', {}, 'Artikel'), el('dd', { id: 'kb-articles' }, String(s.articles)),
        el('dt', {}, 'Abgelehnt'), el('dd', {}, String(s.errors.length)),
        el('dt', {}, 'Geladen'), el('dd', {}, formatDateTime(s.loadedAt)),
      );
      say($('status-status'), '');
      $('errors').replaceChildren(...problemRows(s.errors));
      $('errors-table').hidden = s.errors.length === 0;
      $('errors-empty').hidden = s.errors.length > 0;
      $('errors-count').textContent = s.errors.length ? `(${s.errors.length})` : '';
      $('stale').replaceChildren(...s.stale.map((a) => el('tr', {}, cell(el('span', {}, a.title, ' ', el('span', { class: 'ws-help' }, `(${a.slug})`))), cell(formatDay(a.reviewBy)))));
      $('stale-table').hidden = s.stale.length === 0;
      $('stale-empty').hidden = s.stale.length > 0;
      $('stale-count').textContent = s.stale.length ? `(${s.stale.length})` : '';
      $('warnings').replaceChildren(...(s.warnings?.length ? problemRows(s.warnings) : [empty(3, 'Keine Hinweise.')]));
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
    cell(el('span', {}, a.title, a.inKb === false ? el('span', { class: 'ws-badge ws-late' }, 'nicht mehr in der Wissensbasis') : null, ' ', el('span', { class: 'ws-help' }, `(${a.slug})`)));

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
              el(
                'tr',
                {},
                cell(t.label),
                cell(String(t.enquiries), 'ws-num'),
                cell(String(t.withoutHelp), 'ws-num'),
                cell(String(t.lowScore), 'ws-num'),
                cell(el('strong', {}, String(t.gaps)), 'ws-num'),
                cell(t.examples.length ? el('ul', { class: 'ws-examples' }, ...t.examples.map((x) => el('li', {}, x.excerpt))) : '–'),
              ),
            )
          : [empty(6, 'Keine Daten.')]),
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
