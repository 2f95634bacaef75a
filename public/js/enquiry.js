// Neue Anfrage: tags the note while the adviser types, suggests articles and similar
// enquiries, and saves with Ctrl+Enter — all with the keyboard alone.
//
//   typing ──80 ms──▶ POST /api/triage ──▶ chips, redacted preview
//                                   └──▶ GET /api/kb/search (redacted note, district, topics)
//                                   └──▶ POST /api/enquiries/similar (redacted note)
//
// A newer keystroke aborts the requests still running for an older text.
import { api, ApiError, dataJson, el, formatDateTime, markedText, renderPlaceholders, renderRedacted, say } from './enquiry-shared.js';
import { createArticlePanel } from './panel.js';

/** Quiet time after a keystroke inside a word. */
const DEBOUNCE_MS = 80;
/** A keystroke that ends a word (space, punctuation, line break, paste) runs at once. */
const WORD_END_MS = 0;
const WORD_END = /[\s.,;:!?)"“”]$/;
const SUGGESTION_LIMIT = 6;
const SIMILAR_LIMIT = 4;
/** Similar enquiries need no keystroke freshness: they follow once typing rests. */
const SIMILAR_REST_MS = 400;
const PLACEHOLDERS = /\[(?:Telefon|E-Mail|IBAN|Geburtsdatum|Adresse|Aktenzeichen|Name)\]/g;

const app = document.getElementById('enquiry-app');
if (app) init(app);

function init(root) {
  const labels = dataJson(root, 'labels') ?? { topics: {}, districts: {}, outcomes: {} };
  const $ = (id) => document.getElementById(id);
  const form = $('enquiry-form');
  const note = $('note');
  const chips = $('chips');
  const proposed = $('proposed');
  const tagsSource = $('tags-source');
  const addTopic = $('add-topic');
  const districtSelect = $('district');
  const redaction = $('redaction');
  const redacted = $('redacted');
  const caller = $('caller');
  const channel = $('channel');
  const outcome = $('outcome');
  const referral = $('referral');
  const referralTargets = $('referral-targets');
  const callback = $('callback');
  const articleUsed = $('article-used');
  const formError = $('form-error');
  const saveButton = $('save');
  const resetButton = $('reset');
  const saveStatus = $('save-status');
  const saved = $('saved');
  const suggestStatus = $('suggest-status');
  const suggestionList = $('suggestions');
  const similarStatus = $('similar-status');
  const similarList = $('similar');

  // Measured for the browser tests: last keystroke → suggestions shown, in ms, and
  // whether that keystroke ended a word (no debounce) or the debounce ran out.
  const metrics = (window.lotseMetrics ??= { suggestionLatencies: [], samples: [] });

  const state = {
    /** The last triage answer's tags. */
    auto: { topics: [], district: null },
    /** Topics chosen by hand (array of ids) once the adviser changed a chip; null = automatic. */
    manualTopics: null,
    /** 'auto' | 'manual' | 'none' */
    districtMode: 'auto',
    manualDistrict: null,
    redactedText: '',
    redactions: [],
    suggestions: [],
    /** {slug, title} of the article marked "hat geholfen". */
    used: null,
    outcomeTouched: false,
  };

  const panel = createArticlePanel({
    root: $('panel'),
    helpedSlug: () => state.used?.slug ?? null,
    onToggleHelped: (article) => toggleUsed(article),
    onClose: () => note.focus(),
  });

  // ── Tags ───────────────────────────────────────────────────────────────────────────
  const topicLabel = (id) => labels.topics[id] ?? id;
  const autoTopic = (id) => state.auto.topics.find((t) => t.id === id);

  function effectiveTopics() {
    if (state.manualTopics) return state.manualTopics.map((id) => autoTopic(id) ?? { id, label: topicLabel(id), score: null, evidence: [], manual: true });
    return state.auto.topics;
  }

  function effectiveDistrict() {
    if (state.districtMode === 'none') return null;
    if (state.districtMode === 'manual') return { code: state.manualDistrict, name: labels.districts[state.manualDistrict] ?? state.manualDistrict, evidence: '', manual: true };
    return state.auto.district;
  }

  function renderChips() {
    const topics = effectiveTopics();
    const district = effectiveDistrict();
    const focusedKey = document.activeElement?.closest?.('.ws-chip')?.dataset.key;
    const nodes = [];
    for (const t of topics) {
      const evidence = t.evidence?.length ? `erkannt an: ${t.evidence.join(', ')}` : t.manual ? 'von Hand' : '';
      nodes.push(
        el(
          'button',
          {
            type: 'button',
            class: 'ws-chip',
            dataset: { kind: 'topic', id: t.id, key: `topic:${t.id}` },
            title: evidence || undefined,
            'aria-label': `Thema ${t.label ?? topicLabel(t.id)} entfernen${evidence ? ` (${evidence})` : ''}`,
          },
          el('span', { class: 'ws-chip-label' }, t.label ?? topicLabel(t.id)),
          evidence ? el('small', { class: 'ws-chip-evidence', 'aria-hidden': 'true' }, t.evidence?.length ? t.evidence.slice(0, 3).join(', ') : 'von Hand') : null,
          el('span', { class: 'ws-chip-x', 'aria-hidden': 'true' }, '×'),
        ),
      );
    }
    if (district) {
      const evidence = district.manual ? 'von Hand' : district.evidence ? `erkannt an: ${district.evidence}` : '';
      nodes.push(
        el(
          'button',
          {
            type: 'button',
            class: 'ws-chip ws-chip-district',
            dataset: { kind: 'district', id: district.code, key: 'district' },
            title: evidence || undefined,
            'aria-label': `Landkreis ${district.name} entfernen${evidence ? ` (${evidence})` : ''}`,
          },
          el('span', { class: 'ws-chip-label' }, el('span', { class: 'ws-chip-kind' }, 'Landkreis'), ` ${district.name}`),
          evidence ? el('small', { class: 'ws-chip-evidence', 'aria-hidden': 'true' }, district.manual ? 'von Hand' : district.evidence) : null,
          el('span', { class: 'ws-chip-x', 'aria-hidden': 'true' }, '×'),
        ),
      );
    }
    if (nodes.length === 0) nodes.push(el('span', { class: 'ws-help' }, note.value.trim() ? 'Kein Thema erkannt – bitte unten eines hinzufügen.' : 'Noch keine – einfach lostippen.'));
    chips.replaceChildren(...nodes);
    if (focusedKey) chips.querySelector(`[data-key="${CSS.escape(focusedKey)}"]`)?.focus();

    // Topics the triage sees but the adviser's own choice does not have: one click adds them.
    const extra = state.manualTopics ? state.auto.topics.filter((t) => !state.manualTopics.includes(t.id)) : [];
    proposed.hidden = extra.length === 0;
    proposed.replaceChildren(
      ...(extra.length ? [el('span', { class: 'ws-help' }, 'Auch erkannt:')] : []),
      ...extra.map((t) =>
        el('button', { type: 'button', class: 'ws-chip ws-chip-add', dataset: { id: t.id }, 'aria-label': `Thema ${t.label} hinzufügen`, title: t.evidence?.length ? `erkannt an: ${t.evidence.join(', ')}` : undefined }, `+ ${t.label}`),
      ),
    );
    const manual = [state.manualTopics ? 'Themen von Hand' : '', state.districtMode !== 'auto' ? 'Landkreis von Hand' : ''].filter(Boolean).join(', ');
    tagsSource.textContent = manual ? `(${manual})` : topics.length || district ? '(automatisch erkannt)' : '';
  }

  function setManualTopics(ids) {
    state.manualTopics = [...new Set(ids)];
    renderChips();
    rerun();
  }

  function removeChip(chip) {
    const all = [...chips.querySelectorAll('.ws-chip')];
    const index = all.indexOf(chip);
    if (chip.dataset.kind === 'district') {
      state.districtMode = 'none';
      districtSelect.value = 'none';
      renderChips();
      rerun();
    } else {
      setManualTopics(effectiveTopics().map((t) => t.id).filter((id) => id !== chip.dataset.id));
    }
    const rest = [...chips.querySelectorAll('.ws-chip')];
    (rest[Math.min(index, rest.length - 1)] ?? note).focus();
  }

  chips.addEventListener('click', (event) => {
    const chip = event.target.closest('.ws-chip');
    if (chip) removeChip(chip);
  });
  chips.addEventListener('keydown', (event) => {
    const chip = event.target.closest('.ws-chip');
    if (!chip) return;
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      removeChip(chip);
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      const all = [...chips.querySelectorAll('.ws-chip')];
      const next = all[all.indexOf(chip) + (event.key === 'ArrowRight' ? 1 : -1)];
      if (next) {
        event.preventDefault();
        next.focus();
      }
    }
  });
  proposed.addEventListener('click', (event) => {
    const chip = event.target.closest('.ws-chip-add');
    if (!chip) return;
    setManualTopics([...effectiveTopics().map((t) => t.id), chip.dataset.id]);
    note.focus();
  });

  function addSelectedTopic() {
    const id = addTopic.value;
    if (!id) return;
    setManualTopics([...effectiveTopics().map((t) => t.id), id]);
    addTopic.value = '';
  }
  // A choice made with the pointer adds at once; from the keyboard the arrow keys only
  // move through the list (Chromium fires "change" on each) and Enter adds.
  let pointerChoice = false;
  addTopic.addEventListener('pointerdown', () => {
    pointerChoice = true;
  });
  addTopic.addEventListener('blur', () => {
    pointerChoice = false;
  });
  addTopic.addEventListener('change', () => {
    if (pointerChoice) addSelectedTopic();
  });
  addTopic.addEventListener('keydown', (event) => {
    pointerChoice = false;
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      addSelectedTopic();
    }
  });

  districtSelect.addEventListener('change', () => {
    const value = districtSelect.value;
    if (value === '') state.districtMode = 'auto';
    else if (value === 'none') state.districtMode = 'none';
    else {
      state.districtMode = 'manual';
      state.manualDistrict = value;
    }
    renderChips();
    rerun();
  });

  // ── Typing → triage → suggestions ─────────────────────────────────────────────────
  let timer = 0;
  let controller = null;
  let generation = 0;
  let lastInputAt = 0;
  let lastTrigger = 'pause';
  /** The text (trimmed) of the last run, to skip a run when only trailing space changed. */
  let lastRunText = null;

  note.addEventListener('input', (event) => {
    lastInputAt = performance.now();
    clearTimeout(timer);
    const wordEnd = event.inputType === 'insertLineBreak' || event.inputType === 'insertFromPaste' || (typeof event.data === 'string' && WORD_END.test(event.data));
    lastTrigger = wordEnd ? 'word' : 'pause';
    timer = setTimeout(() => run(), wordEnd ? WORD_END_MS : DEBOUNCE_MS);
    if (note.value.trim()) say(saved, '');
  });

  /** Runs again now (after a chip changed), without the debounce. */
  function rerun() {
    clearTimeout(timer);
    run({ force: true });
  }

  async function run({ force = false } = {}) {
    const text = note.value;
    // A space after a word the previous run already saw changes nothing.
    if (!force && lastRunText !== null && text.trim() === lastRunText) return;
    lastRunText = text.trim();
    const gen = ++generation;
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    if (!text.trim()) {
      clearDerived();
      return;
    }
    const startedFromInput = lastInputAt;
    const trigger = lastTrigger;
    try {
      const body = { text: text.slice(0, 5000) };
      if (state.districtMode === 'manual') body.district = state.manualDistrict;
      const result = await api('POST', '/api/triage', body, { signal });
      if (gen !== generation) return;
      state.auto = { topics: result.topics, district: result.district };
      state.redactedText = result.redactedText;
      state.redactions = result.placeholders;
      renderChips();
      renderRedaction();
      const query = result.redactedText.replace(PLACEHOLDERS, ' ').replace(/\s+/g, ' ').trim();
      await search(query, signal, gen, startedFromInput, trigger);
      // Wait until typing rests, so that this request does not hold up the next keystroke's.
      await new Promise((resolve) => setTimeout(resolve, SIMILAR_REST_MS));
      if (gen !== generation || signal.aborted) return;
      await similar(result.redactedText, signal, gen);
    } catch (error) {
      if (error?.name === 'AbortError' || gen !== generation) return;
      lastRunText = null;
      say(suggestStatus, error instanceof ApiError ? error.message : 'Die Verschlagwortung ist gerade nicht verfügbar. Speichern geht trotzdem.', 'error');
    }
  }

  function clearDerived() {
    lastRunText = null;
    state.auto = { topics: [], district: null };
    state.redactedText = '';
    state.redactions = [];
    state.suggestions = [];
    renderChips();
    renderRedaction();
    suggestionList.replaceChildren();
    similarList.replaceChildren();
    say(suggestStatus, 'Artikel erscheinen, sobald Sie tippen.');
    say(similarStatus, 'Frühere Anfragen mit ähnlichen Worten (geschwärzt).');
  }

  function renderRedaction() {
    if (state.redactions.length === 0) {
      redaction.hidden = true;
      return;
    }
    redaction.hidden = false;
    renderRedacted(redacted, state.redactedText, state.redactions);
  }

  async function search(query, signal, gen, startedFromInput, trigger) {
    const words = query.match(/[\p{L}\p{N}]{3,}/gu) ?? [];
    if (words.length < 2) {
      state.suggestions = [];
      suggestionList.replaceChildren();
      say(suggestStatus, 'Noch ein paar Worte mehr, dann erscheinen Artikel.');
      return;
    }
    const params = new URLSearchParams({ q: query.slice(0, 1000), limit: String(SUGGESTION_LIMIT) });
    const district = effectiveDistrict();
    if (district) params.set('district', district.code);
    for (const t of effectiveTopics()) params.append('topic', t.id);
    const result = await api('GET', `/api/kb/search?${params}`, undefined, { signal });
    if (gen !== generation) return;
    // Local articles of the caller's district first, otherwise in the search's order.
    const local = district ? result.results.filter((r) => r.districts.includes(district.code)) : [];
    state.suggestions = [...local, ...result.results.filter((r) => !local.includes(r))];
    renderSuggestions(district);
    if (startedFromInput === lastInputAt && startedFromInput > 0) {
      // At the next frame, when the new list is painted.
      requestAnimationFrame(() => {
        const ms = Math.round(performance.now() - startedFromInput);
        metrics.suggestionLatencies.push(ms);
        metrics.samples.push({ ms, trigger });
      });
    }
  }

  function renderSuggestions(district) {
    const items = state.suggestions.map((r, i) => {
      const isLocal = district && r.districts.includes(district.code);
      const pressed = state.used?.slug === r.slug;
      return el(
        'li',
        { class: 'ws-suggestion', dataset: { slug: r.slug } },
        el(
          'div',
          { class: 'ws-suggestion-head' },
          el('button', { type: 'button', class: 'ws-link', dataset: { action: 'open' }, 'aria-keyshortcuts': i < 9 ? `Alt+${i + 1}` : undefined }, r.title),
          i < 9 ? el('kbd', { class: 'ws-shortcut', 'aria-hidden': 'true' }, `Alt+${i + 1}`) : null,
          isLocal ? el('span', { class: 'ws-badge ws-local' }, `vor Ort: ${district.name}`) : null,
        ),
        el('p', { class: 'ws-summary' }, r.summary),
        r.snippet ? el('p', { class: 'ws-snippet' }, markedText(r.snippet)) : null,
        el(
          'button',
          { type: 'button', class: `secondary ws-helped${pressed ? ' is-on' : ''}`, dataset: { action: 'helped' }, 'aria-pressed': String(pressed), 'aria-label': `${r.title}: hat geholfen` },
          pressed ? '✓ hat geholfen' : 'hat geholfen',
        ),
      );
    });
    suggestionList.replaceChildren(...items);
    const locals = district ? state.suggestions.filter((r) => r.districts.includes(district.code)).length : 0;
    say(suggestStatus, items.length ? `${items.length} Artikel gefunden${locals ? `, ${locals} davon vor Ort (${district.name}) zuerst` : ''}.` : 'Kein passender Artikel gefunden.');
  }

  suggestionList.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    const item = event.target.closest('.ws-suggestion');
    if (!button || !item) return;
    const article = state.suggestions.find((s) => s.slug === item.dataset.slug);
    if (!article) return;
    if (button.dataset.action === 'open') panel.open(article.slug);
    else toggleUsed({ slug: article.slug, title: article.title });
  });

  async function similar(text, signal, gen) {
    const result = await api('POST', '/api/enquiries/similar', { text: text.slice(0, 5000), limit: SIMILAR_LIMIT }, { signal });
    if (gen !== generation) return;
    const items = result.items.map((e) => {
      const excerpt = el('p', { class: 'ws-excerpt' });
      renderPlaceholders(excerpt, e.text, 220);
      const tags = [...e.topics.map((t) => t.label), e.district?.name].filter(Boolean).join(' · ');
      return el(
        'li',
        { class: 'ws-similar-item' },
        el(
          'p',
          { class: 'ws-similar-head' },
          el('a', { href: `/anfragen/${e.id}`, target: '_blank', rel: 'noopener' }, `Nr. ${e.id} vom ${formatDateTime(e.createdAt)}`, el('span', { class: 'visually-hidden' }, ' (öffnet in neuem Tab)')),
          ' ',
          el('span', { class: `ws-badge ws-outcome-${e.outcome}` }, labels.outcomes[e.outcome] ?? e.outcome),
        ),
        tags ? el('p', { class: 'ws-help' }, tags) : null,
        excerpt,
        e.referredTo ? el('p', { class: 'ws-help' }, `Weiterverwiesen an: ${e.referredTo}`) : null,
        e.articleUsed
          ? el('p', { class: 'ws-help' }, 'Geholfen hat: ', el('button', { type: 'button', class: 'ws-link', dataset: { slug: e.articleUsed.slug } }, e.articleUsed.title))
          : null,
      );
    });
    similarList.replaceChildren(...items);
    say(similarStatus, items.length ? '' : 'Keine ähnlichen Anfragen gespeichert.');
  }

  similarList.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-slug]');
    if (button) panel.open(button.dataset.slug);
  });

  // ── Article that helped ───────────────────────────────────────────────────────────
  function toggleUsed(article) {
    state.used = state.used?.slug === article.slug ? null : { slug: article.slug, title: article.title };
    renderUsed();
  }

  function renderUsed() {
    if (state.used) {
      articleUsed.replaceChildren(
        el('span', {}, state.used.title),
        ' ',
        el('button', { type: 'button', class: 'ws-link ws-small', id: 'article-used-clear', 'aria-label': `Markierung „${state.used.title}“ entfernen` }, 'entfernen'),
      );
    } else {
      articleUsed.replaceChildren('keiner markiert');
    }
    for (const item of suggestionList.querySelectorAll('.ws-suggestion')) {
      const button = item.querySelector('[data-action="helped"]');
      const pressed = state.used?.slug === item.dataset.slug;
      button.setAttribute('aria-pressed', String(pressed));
      button.classList.toggle('is-on', pressed);
      button.textContent = pressed ? '✓ hat geholfen' : 'hat geholfen';
    }
    panel.refresh();
  }
  articleUsed.addEventListener('click', (event) => {
    if (event.target.closest('#article-used-clear')) {
      state.used = null;
      renderUsed();
      note.focus();
    }
  });

  // ── Outcome follows the other fields until the adviser picks one ────────────────────
  outcome.addEventListener('change', () => {
    state.outcomeTouched = true;
  });
  referral.addEventListener('input', () => {
    if (state.outcomeTouched) return;
    if (referral.value.trim()) {
      if (outcome.value === 'beantwortet' || outcome.value === 'offen') outcome.value = 'weiterverwiesen';
    } else if (outcome.value === 'weiterverwiesen') outcome.value = callback.value ? 'rueckruf' : 'beantwortet';
  });
  callback.addEventListener('input', () => {
    if (state.outcomeTouched) return;
    if (callback.value) outcome.value = 'rueckruf';
    else if (outcome.value === 'rueckruf') outcome.value = referral.value.trim() ? 'weiterverwiesen' : 'beantwortet';
  });

  async function loadReferralTargets() {
    try {
      const result = await api('GET', '/api/enquiries/referrals?limit=40');
      referralTargets.replaceChildren(...result.items.map((r) => el('option', { value: r.referredTo }, `${r.count}×`)));
    } catch {
      // The list is a convenience; typing works without it.
    }
  }

  // ── Saving ────────────────────────────────────────────────────────────────────────
  let saving = false;
  const FIELD_OF = { text: note, referredTo: referral, callbackDate: callback, caller, channel, outcome, topics: addTopic, district: districtSelect };

  function fail(message, field) {
    say(formError, message, 'error');
    field?.setAttribute('aria-invalid', 'true');
    field?.focus();
  }

  async function save() {
    if (saving) return;
    for (const f of Object.values(FIELD_OF)) f.removeAttribute('aria-invalid');
    say(formError, '');
    const text = note.value.trim();
    if (!text) return fail('Bitte zuerst eine Notiz eingeben.', note);
    if (state.manualTopics && state.manualTopics.length === 0) return fail('Bitte mindestens ein Thema angeben (+ Thema).', addTopic);
    if (outcome.value === 'weiterverwiesen' && !referral.value.trim()) return fail('Bitte angeben, wohin weiterverwiesen wurde.', referral);
    if (outcome.value === 'rueckruf' && !callback.value) return fail('Bitte das Datum für den Rückruf angeben.', callback);

    const body = { text: note.value.slice(0, 5000), channel: channel.value, outcome: outcome.value };
    if (caller.value) body.caller = caller.value;
    if (referral.value.trim()) body.referredTo = referral.value.trim();
    if (callback.value) body.callbackDate = callback.value;
    if (state.used) body.articleUsed = state.used.slug;
    // A changed chip is a manual correction: then the tags go along explicitly.
    if (state.manualTopics) body.topics = state.manualTopics;
    if (state.districtMode === 'manual') body.district = state.manualDistrict;
    if (state.districtMode === 'none') body.district = null;

    saving = true;
    saveButton.disabled = true;
    say(saveStatus, 'Wird gespeichert …');
    try {
      const enquiry = await api('POST', '/api/enquiries', body);
      clearForm();
      const tags = [...enquiry.topics.map((t) => t.label), enquiry.district?.name].filter(Boolean).join(', ');
      saved.replaceChildren(
        el('span', {}, `Anfrage Nr. ${enquiry.id} gespeichert${tags ? ` (${tags})` : ''}. `),
        el('a', { href: `/anfragen/${enquiry.id}`, id: 'saved-link' }, 'Anfrage ansehen'),
      );
      saved.dataset.kind = 'ok';
      say(saveStatus, '');
      note.focus();
    } catch (error) {
      say(saveStatus, '');
      if (error instanceof ApiError) {
        const fields = error.fieldErrors();
        const [name, message] = fields.entries().next().value ?? [];
        fail(message ? `${error.message} ${message}` : error.message, name ? FIELD_OF[name] : undefined);
      } else {
        fail('Speichern ist fehlgeschlagen. Bitte erneut versuchen.');
      }
    } finally {
      saving = false;
      saveButton.disabled = false;
    }
  }

  function clearForm() {
    clearTimeout(timer);
    controller?.abort();
    generation++;
    note.value = '';
    caller.value = '';
    channel.value = 'telefon';
    outcome.value = 'beantwortet';
    referral.value = '';
    callback.value = '';
    addTopic.value = '';
    districtSelect.value = '';
    Object.assign(state, { manualTopics: null, districtMode: 'auto', manualDistrict: null, used: null, outcomeTouched: false });
    panel.close();
    renderUsed();
    clearDerived();
    say(formError, '');
    loadReferralTargets();
  }

  saveButton.addEventListener('click', save);
  resetButton.addEventListener('click', () => {
    clearForm();
    say(saved, '');
    note.focus();
  });
  form.addEventListener('submit', (event) => event.preventDefault());

  // ── Keyboard ──────────────────────────────────────────────────────────────────────
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      save();
      return;
    }
    if (event.altKey && !event.ctrlKey && !event.metaKey) {
      const digit = /^Digit([1-9])$/.exec(event.code);
      if (digit) {
        const article = state.suggestions[Number(digit[1]) - 1];
        event.preventDefault();
        if (article) panel.open(article.slug);
        return;
      }
      if (event.code === 'KeyH' && panel.current) {
        event.preventDefault();
        toggleUsed(panel.current);
        return;
      }
      if (event.code === 'KeyT') {
        event.preventDefault();
        addTopic.focus();
        return;
      }
    }
    if (event.key === 'Escape') {
      if (panel.isOpen) panel.close();
      else note.focus();
    }
  });

  window.addEventListener('beforeunload', (event) => {
    if (note.value.trim()) event.preventDefault();
  });

  loadReferralTargets();
  renderChips();
  if (note.value.trim()) run();
}
