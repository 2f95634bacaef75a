// One stored enquiry (GET /api/enquiries/:id) and its correction form: only the fields
// that were changed go to PATCH /api/enquiries/:id (changed topics become manual tags
// and a training example for the triage).
import { api, ApiError, dataJson, el, formatDateTime, formatDay, renderPlaceholders, renderRedacted, say } from './enquiry-shared.js';

const root = document.getElementById('detail-app');
if (root) init(root);

function init(root) {
  const id = root.dataset.id;
  const labels = dataJson(root, 'labels') ?? {};
  const $ = (x) => document.getElementById(x);
  const status = $('detail-status');
  const detail = $('detail');
  const form = $('correct-form');
  const district = $('c-district');
  const outcome = $('c-outcome');
  const referral = $('c-referral');
  const callback = $('c-callback');
  const article = $('c-article');
  const error = $('correct-error');
  const saveStatus = $('correct-status');
  let enquiry = null;

  const topicBoxes = () => [...form.querySelectorAll('input[name="topics"]')];
  const checkedTopics = () => topicBoxes().filter((b) => b.checked).map((b) => b.value);

  function show(e) {
    enquiry = e;
    renderRedacted($('d-text'), e.text, e.redactions);
    const source = (s) => (s === 'manual' ? 'von Hand' : 'automatisch');
    const facts = [
      ['Eingang', `${formatDateTime(e.createdAt)}${e.author ? ` von ${e.author.username}` : ''}`],
      ['Kanal', labels.channels?.[e.channel] ?? e.channel],
      ['Anrufende', labels.callers?.[e.caller] ?? 'nicht angegeben'],
      ['Themen', e.topics.map((t) => `${t.label} (${source(t.source)})`).join(', ') || 'keine'],
      ['Landkreis', e.district ? `${e.district.name} (${source(e.district.source)})` : 'kein Landkreis'],
      ['Ergebnis', labels.outcomes?.[e.outcome] ?? e.outcome],
      ['Weiterverweisung', e.referredTo ?? '–'],
      ['Rückruf', e.callbackDate ? formatDay(e.callbackDate) : '–'],
      ['Zuletzt geändert', formatDateTime(e.updatedAt)],
    ];
    $('d-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));

    for (const box of topicBoxes()) box.checked = e.topics.some((t) => t.id === box.value);
    district.value = e.district?.code ?? '';
    outcome.value = e.outcome;
    referral.value = e.referredTo ?? '';
    callback.value = e.callbackDate ?? '';
    const options = [...e.suggestions.map((s) => ({ slug: s.slug, title: s.title }))];
    if (e.articleUsed && !options.some((o) => o.slug === e.articleUsed)) options.push({ slug: e.articleUsed, title: e.articleUsed });
    article.replaceChildren(el('option', { value: '' }, 'keiner'), ...options.map((o) => el('option', { value: o.slug }, o.title)));
    article.value = e.articleUsed ?? '';

    $('d-suggestions').replaceChildren(
      ...(e.suggestions.length
        ? e.suggestions.map((s) => el('li', {}, s.title, ' ', el('span', { class: 'ws-help' }, `(${s.slug}${s.slug === e.articleUsed ? ', hat geholfen' : ''})`)))
        : [el('li', { class: 'ws-help' }, 'Keine Vorschläge gespeichert.')]),
    );
    detail.hidden = false;
  }

  async function load() {
    try {
      show(await api('GET', `/api/enquiries/${id}`));
      say(status, '');
      status.hidden = true;
      loadSimilar();
      loadReferrals();
    } catch (e) {
      say(status, e.status === 404 ? 'Diese Anfrage gibt es nicht.' : e.message, 'error');
    }
  }

  async function loadSimilar() {
    if (!enquiry?.text) return;
    try {
      const { items } = await api('POST', '/api/enquiries/similar', { text: enquiry.text.slice(0, 5000), limit: 5, excludeId: enquiry.id });
      $('d-similar').replaceChildren(
        ...(items.length
          ? items.map((s) => {
              const text = el('p', { class: 'ws-excerpt' });
              renderPlaceholders(text, s.text, 200);
              return el(
                'li',
                { class: 'ws-similar-item' },
                el('p', { class: 'ws-similar-head' }, el('a', { href: `/anfragen/${s.id}` }, `Nr. ${s.id} vom ${formatDateTime(s.createdAt)}`), ' ', el('span', { class: `ws-badge ws-outcome-${s.outcome}` }, labels.outcomes?.[s.outcome] ?? s.outcome)),
                text,
                s.articleUsed ? el('p', { class: 'ws-help' }, `Geholfen hat: ${s.articleUsed.title}`) : null,
              );
            })
          : [el('li', { class: 'ws-help' }, 'Keine ähnlichen Anfragen.')]),
      );
    } catch {
      // Optional information.
    }
  }

  async function loadReferrals() {
    try {
      const { items } = await api('GET', '/api/enquiries/referrals?limit=40');
      $('referral-targets').replaceChildren(...items.map((r) => el('option', { value: r.referredTo })));
    } catch {
      // Optional information.
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!enquiry) return;
    say(error, '');
    const changes = {};
    const topics = checkedTopics();
    const before = enquiry.topics.map((t) => t.id);
    if (topics.length === 0) {
      say(error, 'Bitte mindestens ein Thema ankreuzen.', 'error');
      topicBoxes()[0]?.focus();
      return;
    }
    if (topics.length !== before.length || topics.some((t) => !before.includes(t))) changes.topics = topics;
    if ((district.value || null) !== (enquiry.district?.code ?? null)) changes.district = district.value || null;
    if (outcome.value !== enquiry.outcome) changes.outcome = outcome.value;
    const referredTo = referral.value.trim() || null;
    if (referredTo !== enquiry.referredTo) changes.referredTo = referredTo;
    if ((callback.value || null) !== enquiry.callbackDate) changes.callbackDate = callback.value || null;
    if ((article.value || null) !== enquiry.articleUsed) changes.articleUsed = article.value || null;
    if (Object.keys(changes).length === 0) {
      say(saveStatus, 'Nichts geändert.');
      return;
    }
    if (outcome.value === 'weiterverwiesen' && !referredTo) {
      say(error, 'Bitte angeben, wohin weiterverwiesen wurde.', 'error');
      referral.focus();
      return;
    }
    try {
      show(await api('PATCH', `/api/enquiries/${enquiry.id}`, changes));
      say(saveStatus, `Gespeichert: ${Object.keys(changes).length} Änderung${Object.keys(changes).length === 1 ? '' : 'en'}.`);
    } catch (e) {
      const first = e instanceof ApiError ? [...e.fieldErrors().values()][0] : null;
      say(error, first ? `${e.message} ${first}` : e.message, 'error');
    }
  });

  load();
}
