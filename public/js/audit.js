// Protokoll (admin): the audit trail, newest first, with the page's filters, 50 entries
// at a time (GET /api/audit, cursor paging). Details are shown in German words; the
// trail never holds enquiry text, only ids, names, field names, counts and periods.
import { api, dataJson, el, formatDay, say } from './enquiry-shared.js';

const PAGE_SIZE = 50;
/** Enquiry numbers listed in one entry before the rest is only counted. */
const IDS_SHOWN = 12;

const AT = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const FIELD_LABELS = {
  topics: 'Themen',
  district: 'Landkreis',
  outcome: 'Ergebnis',
  referredTo: 'Verwiesen an',
  articleUsed: 'Hilfreicher Artikel',
  callbackDate: 'Rückruf',
  role: 'Rolle',
  active: 'Status',
  password: 'Passwort',
};

const VIA_LABELS = {
  similar: 'ähnliche Anfragen beim Erfassen',
  callbacks: 'fällige Rückrufe',
  'kb-usage': 'Lücken der Wissensbasis',
};

const TRIGGER_LABELS = { schedule: 'planmäßig', cli: 'von Hand (Kommandozeile)' };

const root = document.getElementById('audit-app');
if (root) init(root);

/** A day (`YYYY-MM-DD`) or an instant as German text; anything else as it is. */
function when(value) {
  if (typeof value !== 'string' || value === '') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value);
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : AT.format(new Date(time));
}

function period(detail) {
  const from = when(detail.from);
  const to = when(detail.to);
  if (from && to) return `Zeitraum ${from} – ${to}`;
  if (from) return `ab ${from}`;
  if (to) return `bis ${to}`;
  return 'gesamter Zeitraum';
}

const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** The entry's `detail` in German words (one line). */
export function describe(entry, labels) {
  const d = entry.detail ?? {};
  const roleLabel = (role) => labels.roles?.[role] ?? role;
  const who = () => (d.username ? `„${d.username}“` : 'Benutzer') + (d.userId ? ` (Nr. ${d.userId})` : '');
  switch (entry.action) {
    case 'session.signin_failed':
      return d.username !== undefined ? `Eingegebener Benutzername: „${d.username}“` : '';
    case 'user.create':
      return `${who()}, Rolle ${roleLabel(d.role)}`;
    case 'user.update': {
      const changes = [];
      if (d.role !== undefined) changes.push(`Rolle jetzt ${roleLabel(d.role)}`);
      if (d.active !== undefined) changes.push(d.active ? 'aktiviert' : 'deaktiviert');
      if (Array.isArray(d.fields) && d.fields.includes('password')) changes.push('neues Passwort gesetzt');
      return `${who()}: ${changes.join(', ') || 'geändert'}`;
    }
    case 'enquiry.update':
      return Array.isArray(d.fields) && d.fields.length > 0 ? `Geändert: ${d.fields.map((f) => FIELD_LABELS[f] ?? f).join(', ')}` : '';
    case 'enquiry.list': {
      const ids = Array.isArray(d.ids) ? d.ids : [];
      const shown = ids.slice(0, IDS_SHOWN).map((id) => `Nr. ${id}`).join(', ');
      const rest = ids.length > IDS_SHOWN ? ` und ${ids.length - IDS_SHOWN} weitere` : '';
      const via = VIA_LABELS[d.via] ?? 'Anfragenliste';
      return `${via}: ${ids.length === 0 ? 'keine Anfrage' : `${count(ids.length, 'Anfrage', 'Anfragen')} (${shown}${rest})`}`;
    }
    case 'report.export':
      return `${d.format === 'html' ? 'Druckbarer Bericht' : String(d.format ?? '').toUpperCase() || 'Export'}, ${period(d)}`;
    case 'audit.export': {
      const parts = [String(d.format ?? 'csv').toUpperCase(), period(d)];
      if (d.action) parts.push(`Aktion: ${labels.actions?.[d.action] ?? d.action}`);
      if (d.user) parts.push(`Benutzer Nr. ${d.user}`);
      return parts.join(', ');
    }
    case 'kb.reload': {
      const parts = [];
      if (d.revision !== undefined) parts.push(`Stand ${d.revision}`);
      if (typeof d.articles === 'number') parts.push(count(d.articles, 'Artikel', 'Artikel'));
      if (typeof d.errors === 'number') parts.push(count(d.errors, 'fehlerhafte Datei', 'fehlerhafte Dateien'));
      return parts.join(', ');
    }
    case 'retention.run': {
      const parts = [];
      if (d.cutoff) parts.push(`Texte vor ${when(d.cutoff)} gelöscht`);
      if (typeof d.retentionDays === 'number') parts.push(`Frist ${d.retentionDays} Tage`);
      if (typeof d.enquiries === 'number') parts.push(count(d.enquiries, 'Anfrage', 'Anfragen'));
      if (typeof d.examples === 'number') parts.push(count(d.examples, 'Trainingsbeispiel', 'Trainingsbeispiele'));
      if (d.trigger) parts.push(TRIGGER_LABELS[d.trigger] ?? d.trigger);
      return parts.join(', ');
    }
    default:
      // Actions without detail, and anything new: the raw keys and values, never hidden.
      return Object.entries(d)
        .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
        .join(', ');
  }
}

function init(root) {
  const labels = dataJson(root, 'labels') ?? {};
  const filters = dataJson(root, 'filters') ?? {};
  const $ = (id) => document.getElementById(id);
  const tbody = $('audit-entries');
  const table = $('audit-table');
  const status = $('audit-status');
  const more = $('more');
  let cursor = null;
  let shown = 0;

  function userCell(entry) {
    if (entry.user) return entry.user.username ?? `Nr. ${entry.user.id}`;
    // Failed sign-ins with an unknown name have no user; everything else without one is the system.
    return el('span', { class: 'ws-help' }, entry.action === 'session.signin_failed' ? 'unbekannt' : 'System');
  }

  function enquiryCell(entry) {
    if (entry.enquiryId === null) return '';
    // A deleted enquiry has no page any more.
    if (entry.action === 'enquiry.delete') return `Nr. ${entry.enquiryId}`;
    return el('a', { href: `/anfragen/${entry.enquiryId}` }, `Nr. ${entry.enquiryId}`);
  }

  function row(entry) {
    return el(
      'tr',
      { dataset: { id: entry.id, action: entry.action } },
      // The first cell takes the focus after "Weitere laden" (tabindex -1: not in the tab order).
      el('th', { scope: 'row', tabindex: '-1' }, el('time', { datetime: entry.at }, AT.format(new Date(entry.at)))),
      el('td', {}, userCell(entry)),
      el('td', {}, labels.actions?.[entry.action] ?? entry.action),
      el('td', { class: 'ws-nowrap' }, enquiryCell(entry)),
      el('td', { class: 'ws-address' }, entry.ip ?? el('span', { class: 'ws-help' }, '–')),
      el('td', { class: 'ws-detail' }, describe(entry, labels)),
    );
  }

  async function loadPage() {
    const params = new URLSearchParams({ ...filters, limit: String(PAGE_SIZE) });
    if (cursor) params.set('cursor', cursor);
    more.disabled = true;
    try {
      const page = await api('GET', `/api/audit?${params}`);
      tbody.append(...page.items.map(row));
      shown += page.items.length;
      cursor = page.nextCursor;
      table.hidden = shown === 0;
      more.hidden = !cursor;
      say(status, shown === 0 ? 'Keine Einträge gefunden.' : `${count(shown, 'Eintrag', 'Einträge')} angezeigt${cursor ? ' – es gibt weitere' : ''}.`);
    } catch (error) {
      say(status, error.message, 'error');
    } finally {
      more.disabled = false;
    }
  }

  more.addEventListener('click', async () => {
    const before = tbody.rows.length;
    await loadPage();
    // Keyboard users continue with the first new entry.
    const next = tbody.rows[before]?.cells[0];
    if (next) next.focus();
    else more.focus();
  });

  if (!('blocked' in root.dataset)) loadPage();
}
