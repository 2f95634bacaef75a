// The article side panel of the enquiry form: shows one knowledge-base article
// (GET /api/kb/articles/:slug, HTML sanitised by the server) beside the note without
// leaving it. Links to other articles open in the panel too; links to other hosts open
// in a new tab.
import { api, el } from './enquiry-shared.js';

/**
 * @param {object} options
 * @param {HTMLElement} options.root   the panel section (hidden while closed)
 * @param {(article: {slug: string, title: string}) => void} options.onToggleHelped
 * @param {() => string | null} options.helpedSlug   the slug currently marked as helpful
 * @param {() => void} [options.onClose]
 */
export function createArticlePanel({ root, onToggleHelped, helpedSlug, onClose }) {
  const title = root.querySelector('#panel-title');
  const meta = root.querySelector('#panel-meta');
  const body = root.querySelector('#panel-body');
  const helped = root.querySelector('#panel-helped');
  const close = root.querySelector('#panel-close');
  let current = null;
  let controller = null;

  function refresh() {
    const pressed = current !== null && helpedSlug() === current.slug;
    helped.setAttribute('aria-pressed', String(pressed));
    helped.textContent = pressed ? '✓ hat geholfen' : 'hat geholfen';
    helped.disabled = current === null;
  }

  async function open(slug, { focus = false } = {}) {
    controller?.abort();
    controller = new AbortController();
    root.hidden = false;
    root.dataset.slug = slug;
    title.textContent = 'Artikel wird geladen …';
    meta.textContent = '';
    body.replaceChildren();
    current = null;
    refresh();
    try {
      const article = await api('GET', `/api/kb/articles/${encodeURIComponent(slug)}`, undefined, { signal: controller.signal });
      current = { slug: article.slug, title: article.title };
      title.textContent = article.title;
      const where = article.districts?.length ? 'lokaler Artikel' : 'landesweit';
      meta.textContent = `${article.summary} · Stand ${formatGermanDay(article.updated)} · ${where}`;
      // The server sanitises article HTML (no scripts, no styles, no event handlers).
      body.innerHTML = article.html;
      // A table wider than the panel scrolls sideways on its own (keyboard: focus it, then arrow keys).
      for (const table of body.querySelectorAll('table')) {
        const scroller = el('div', { class: 'ws-table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Tabelle, seitlich verschiebbar' });
        table.replaceWith(scroller);
        scroller.append(table);
      }
      for (const link of body.querySelectorAll('a[href]')) {
        if (link.dataset.slug) {
          link.addEventListener('click', (event) => {
            event.preventDefault();
            open(link.dataset.slug, { focus: true });
          });
        } else if (/^https?:/i.test(link.getAttribute('href'))) {
          link.target = '_blank';
          link.rel = 'noopener noreferrer';
        }
      }
      refresh();
      root.dispatchEvent(new CustomEvent('panel:opened', { detail: current }));
      if (focus) root.focus();
    } catch (error) {
      if (error?.name === 'AbortError') return;
      title.textContent = 'Artikel nicht verfügbar';
      body.replaceChildren(el('p', { class: 'ws-alert' }, error.message));
    }
  }

  function hide() {
    controller?.abort();
    root.hidden = true;
    current = null;
    delete root.dataset.slug;
    onClose?.();
  }

  helped.addEventListener('click', () => {
    if (current) onToggleHelped(current);
    refresh();
  });
  close.addEventListener('click', hide);

  return {
    open,
    close: hide,
    refresh,
    get current() {
      return current;
    },
    get isOpen() {
      return !root.hidden;
    },
  };
}

function formatGermanDay(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day ?? '');
  return m ? `${m[3]}.${m[2]}.${m[1]}` : day ?? '';
}
