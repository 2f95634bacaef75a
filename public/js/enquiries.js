// Anfragen: the call-backs due today (and overdue) on top, then the stored enquiries,
// newest first, with the page's filters, 25 at a time (GET /api/enquiries, cursor paging).
import { api, dataJson, el, formatDateTime, formatDay, renderPlaceholders, say, stackCell, stackRow, todayBerlin } from './enquiry-shared.js';

const PAGE_SIZE = 25;
const root = document.getElementById('enquiries-app');
if (root) init(root);

function init(root) {
  const labels = dataJson(root, 'labels') ?? {};
  const filters = dataJson(root, 'filters') ?? {};
  const $ = (id) => document.getElementById(id);
  const list = $('list');
  const listTable = $('list-table');
  const listStatus = $('list-status');
  const more = $('more');
  const callbacks = $('callbacks');
  const callbacksTable = $('callbacks-table');
  const callbacksStatus = $('callbacks-status');
  let cursor = null;
  let shown = 0;

  const topicsOf = (e) => e.topics.map((t) => t.label).join(', ') || '–';
  const link = (e, text) => el('a', { href: `/anfragen/${e.id}` }, text);

  const CALLBACKS_SHOWN = 5;

  async function loadCallbacks() {
    try {
      const { day, items } = await api('GET', '/api/enquiries/callbacks?limit=100');
      callbacks.replaceChildren(
        ...items.map((e, i) => {
          const overdue = e.callbackDate < day;
          const excerpt = el('span', { class: 'ws-excerpt-inline' });
          renderPlaceholders(excerpt, e.text ?? '', 90);
          return stackRow(
            { class: overdue ? 'ws-overdue' : undefined, hidden: i >= CALLBACKS_SHOWN },
            stackCell({}, formatDay(e.callbackDate), overdue ? el('span', { class: 'ws-badge ws-late' }, 'überfällig') : el('span', { class: 'ws-badge' }, 'heute')),
            stackCell({}, link(e, `Nr. ${e.id}`), ' ', excerpt),
            stackCell({ label: 'Themen' }, topicsOf(e)),
            stackCell({ label: 'Landkreis' }, e.district?.name ?? '–'),
            stackCell({ label: 'Anrufende' }, labels.callers?.[e.caller] ?? '–'),
          );
        }),
      );
      callbacksTable.hidden = items.length === 0;
      if (items.length > CALLBACKS_SHOWN) {
        const all = el('button', { type: 'button', class: 'secondary ws-small-button' }, `Alle ${items.length} fälligen Rückrufe zeigen`);
        all.addEventListener('click', () => {
          for (const row of callbacks.rows) row.hidden = false;
          all.remove();
          callbacks.rows[CALLBACKS_SHOWN]?.querySelector('a')?.focus();
        });
        callbacksTable.after(el('p', {}, all));
      }
      say(callbacksStatus, items.length ? `${items.length} Rückruf${items.length === 1 ? '' : 'e'} fällig (Stand ${formatDay(todayBerlin())}).` : 'Heute sind keine Rückrufe fällig.');
    } catch (error) {
      say(callbacksStatus, error.message, 'error');
    }
  }

  async function loadPage() {
    const params = new URLSearchParams({ ...filters, limit: String(PAGE_SIZE) });
    if (cursor) params.set('cursor', cursor);
    more.disabled = true;
    try {
      const page = await api('GET', `/api/enquiries?${params}`);
      const rows = page.items.map((e) => {
        const text = el('span', { class: 'ws-excerpt' });
        renderPlaceholders(text, e.text ?? '(Text gelöscht)', 140);
        return stackRow(
          { dataset: { id: e.id } },
          stackCell({ class: 'ws-nowrap' }, link(e, formatDateTime(e.createdAt)), el('br'), el('span', { class: 'ws-help' }, `Nr. ${e.id}`)),
          stackCell({}, text),
          stackCell({ label: 'Themen' }, topicsOf(e)),
          stackCell({ label: 'Landkreis' }, e.district?.name ?? '–'),
          stackCell({ label: 'Anrufende' }, labels.callers?.[e.caller] ?? '–'),
          stackCell(
            {},
            el('span', { class: `ws-badge ws-outcome-${e.outcome}` }, labels.outcomes?.[e.outcome] ?? e.outcome),
            e.referredTo ? el('div', { class: 'ws-help ws-referral' }, `an ${e.referredTo}`) : null,
            e.callbackDate ? el('div', { class: 'ws-help' }, `Rückruf ${formatDay(e.callbackDate)}`) : null,
          ),
        );
      });
      list.append(...rows);
      shown += rows.length;
      cursor = page.nextCursor;
      listTable.hidden = shown === 0;
      more.hidden = !cursor;
      say(listStatus, shown === 0 ? 'Keine Anfragen gefunden.' : `${shown} Anfrage${shown === 1 ? '' : 'n'} angezeigt${cursor ? ' – es gibt weitere' : ''}.`);
    } catch (error) {
      say(listStatus, error.message, 'error');
    } finally {
      more.disabled = false;
    }
  }

  more.addEventListener('click', async () => {
    const before = list.rows.length;
    await loadPage();
    // Keyboard users continue with the first new row.
    list.rows[before]?.querySelector('a')?.focus();
  });

  loadCallbacks();
  loadPage();
}
