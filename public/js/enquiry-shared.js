// Small helpers shared by the workspace pages (Neue Anfrage, Anfragen, Wissensbasis,
// Benutzer): JSON API calls with problem+json errors, DOM building without innerHTML
// for user text, German date formatting, and the redaction highlighting.

/** An API answer that was not 2xx; `problem` is the RFC 9457 body when there is one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `Fehler ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? null;
  }
  /** Field errors as a map from the field name (last path segment) to the message. */
  fieldErrors() {
    const out = new Map();
    for (const e of this.problem?.errors ?? []) {
      const name = String(e.path ?? '').split('.').pop();
      if (name && !out.has(name)) out.set(name, e.message);
    }
    return out;
  }
}

/** Calls the JSON API. Resolves with the parsed body (null for 204), rejects with ApiError. */
export async function api(method, url, body, options = {}) {
  const init = { method, credentials: 'same-origin', headers: { accept: 'application/json' }, signal: options.signal };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError(0, { detail: 'Der Server ist nicht erreichbar. Bitte die Verbindung prüfen.' });
  }
  if (response.status === 204) return null;
  const type = response.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const problem = data ?? { detail: `Fehler ${response.status}` };
    if (response.status === 401) problem.detail = 'Ihre Sitzung ist abgelaufen. Bitte in einem neuen Tab anmelden und es dann erneut versuchen – Ihre Eingaben bleiben erhalten.';
    throw new ApiError(response.status, problem);
  }
  return data;
}

/** Builds an element: el('a', { href: '/x', class: 'y', dataset: { id: 1 } }, 'text', child). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/**
 * Rows and cells of a table that turns into one card per row on narrow screens
 * (`.ws-stack` in app.css). The explicit roles keep it a table for screen readers when
 * the CSS changes its display; `label` (the column's name) is shown above a cell there.
 */
export function stackRow(attributes, ...cells) {
  return el('tr', { ...attributes, role: 'row' }, ...cells);
}

export function stackCell(attributes, ...children) {
  const { label, ...rest } = attributes;
  return el('td', { ...rest, role: 'cell', dataset: { ...(rest.dataset ?? {}), ...(label ? { label } : {}) } }, ...children);
}

/** The JSON in a data-* attribute of `element`. */
export function dataJson(element, name) {
  try {
    return JSON.parse(element.dataset[name] ?? 'null');
  } catch {
    return null;
  }
}

const DATE_TIME = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const DATE = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });

export function formatDateTime(iso) {
  return iso ? DATE_TIME.format(new Date(iso)) : '';
}

/** A calendar day `YYYY-MM-DD` as `TT.MM.JJJJ`. */
export function formatDay(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  return m ? `${m[3]}.${m[2]}.${m[1]}` : '';
}

export function formatInstantDay(iso) {
  return iso ? DATE.format(new Date(iso)) : '';
}

/** Today in Europe/Berlin as `YYYY-MM-DD`. */
export function todayBerlin() {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date());
}

const REDACTION_NAMES = {
  telefon: 'Telefonnummer', email: 'E-Mail-Adresse', iban: 'IBAN', geburtsdatum: 'Geburtsdatum',
  adresse: 'Adresse', aktenzeichen: 'Aktenzeichen', name: 'Name', phone: 'Telefonnummer',
};

/**
 * Fills `container` with `text`, the redacted placeholders (`redactions`, offsets into
 * `text`) in <mark class="ws-redaction">. Text outside `limit` characters is cut.
 */
export function renderRedacted(container, text, redactions = [], limit = Infinity) {
  container.replaceChildren();
  if (text == null) {
    container.append(el('em', { class: 'ws-help' }, 'Der Text wurde nach Ablauf der Aufbewahrungsfrist gelöscht.'));
    return;
  }
  const spans = [...redactions].filter((r) => r.start >= 0 && r.end <= text.length && r.start < r.end).sort((a, b) => a.start - b.start);
  let pos = 0;
  const end = Math.min(text.length, limit);
  for (const r of spans) {
    if (r.start < pos) continue;
    if (r.start >= end) break;
    container.append(text.slice(pos, r.start));
    container.append(el('mark', { class: 'ws-redaction', title: `geschwärzt: ${REDACTION_NAMES[r.type] ?? r.type}` }, text.slice(r.start, r.end)));
    pos = r.end;
  }
  if (pos < end) container.append(text.slice(pos, end));
  if (end < text.length) container.append('…');
}

/** Highlights placeholders like [Telefon] in plain text (when no offsets are known). */
export function renderPlaceholders(container, text, limit = Infinity) {
  const redactions = [];
  const cut = text.length > limit ? text.slice(0, limit) : text;
  for (const m of cut.matchAll(/\[(Telefon|E-Mail|IBAN|Geburtsdatum|Adresse|Aktenzeichen|Name)\]/g)) {
    redactions.push({ type: m[1].toLowerCase().replace('-', ''), start: m.index, end: m.index + m[0].length });
  }
  renderRedacted(container, cut, redactions);
  if (cut.length < text.length) container.append('…');
}

/**
 * Text with <mark> highlights from the search API's snippet (which is HTML-escaped by
 * the server); everything except text and <mark> is dropped.
 */
export function markedText(html) {
  const template = document.createElement('template');
  template.innerHTML = html;
  const out = document.createDocumentFragment();
  const walk = (node, target) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) target.append(child.textContent);
      else if (child.nodeType === Node.ELEMENT_NODE) {
        if (child.tagName === 'MARK') target.append(el('mark', {}, child.textContent));
        else walk(child, target);
      }
    }
  };
  walk(template.content, out);
  return out;
}

/** Shows a message in a status/alert element (empty message hides it). */
export function say(element, message, kind) {
  if (!element) return;
  // Elements that start hidden (alerts) are shown only while they have a message.
  if (!('autohide' in element.dataset)) element.dataset.autohide = element.hidden ? 'yes' : 'no';
  element.textContent = message ?? '';
  if (kind) element.dataset.kind = kind;
  else delete element.dataset.kind;
  if (element.dataset.autohide === 'yes') element.hidden = !message;
}
