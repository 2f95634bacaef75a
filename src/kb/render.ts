/**
 * Markdown → sanitised HTML for articles, plus what search needs from the body: heading
 * texts, plain text and the relative links between articles.
 *
 * Everything goes through an allow-list sanitiser: no script, style, iframe, image,
 * form, event handler, `javascript:` or `data:` URL survives; raw HTML outside the
 * allow-list is dropped (script and style with their content). Relative `.md` links become `/wissen/<slug>` with a
 * `data-slug` attribute for the side panel; external links get rel="noopener noreferrer".
 */

import MarkdownIt from 'markdown-it';
import anchor from 'markdown-it-anchor';
import sanitizeHtml from 'sanitize-html';

/** Public URL of an article page. */
export function articleUrl(slug: string): string {
  return `/wissen/${slug}`;
}

export interface Heading {
  level: number;
  text: string;
  /** The anchor id of the heading in the HTML. */
  id: string;
}

export interface ArticleLink {
  /** The link target as written, e.g. `../sprache/integrationskurs.md#anmeldung`. */
  href: string;
  /** The target's path relative to the KB directory (posix), without the #fragment. */
  target: string;
  /** 1-based line in the whole file. */
  line?: number;
}

export interface RenderedBody {
  html: string;
  headings: Heading[];
  /** Plain text of everything but the headings; blocks separated by newlines. */
  text: string;
  /** Relative links to other Markdown files. */
  links: ArticleLink[];
}

/** Anchor ids for German headings: "Wer darf wann arbeiten?" → "wer-darf-wann-arbeiten". */
export function headingId(text: string): string {
  const id = text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id || 'abschnitt';
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Joins posix paths and resolves `.`/`..`; undefined when the path leaves the root. */
export function resolveRelative(fromDir: string, href: string): string | undefined {
  const parts = fromDir ? fromDir.split('/') : [];
  for (const seg of href.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

function slugFromPath(path: string): string {
  const base = path.split('/').pop() ?? path;
  return base.replace(/\.md$/i, '');
}

// Raw HTML is parsed (not shown as escaped text) so that the allow-list sanitiser below
// removes it cleanly: script and style with their content, iframes, images, handlers.
const md = new MarkdownIt({ html: true, linkify: true, typographer: false });
md.use(anchor, { level: [1, 2, 3, 4, 5, 6], slugify: headingId, tabIndex: false });
type Token = ReturnType<typeof md.parse>[number];
// Let every link through the parser so that a dangerous one shows as plain link text
// (its href is dropped below and by the sanitiser) instead of as Markdown source.
md.validateLink = () => true;
const SAFE_SCHEME = /^(?:https?|mailto|tel):/i;

interface RenderEnv {
  [key: string | symbol]: unknown;
  fileDir: string;
  lineOffset: number;
  links: ArticleLink[];
}

// Rewrites links after inline parsing, before rendering.
md.core.ruler.push('lotse_links', (state) => {
  const env = state.env as unknown as RenderEnv;
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    for (const tok of block.children) {
      if (tok.type !== 'link_open') continue;
      const href = String(tok.attrGet('href') ?? '');
      if (SCHEME.test(href.replace(/[\s\u0000-\u001f]+/g, '')) && !SAFE_SCHEME.test(href)) {
        tok.attrs = (tok.attrs ?? []).filter(([name]) => name !== 'href');
        continue;
      }
      if (/^https?:\/\//i.test(href)) {
        tok.attrSet('rel', 'noopener noreferrer');
        continue;
      }
      if (SCHEME.test(href) || href.startsWith('#') || href.startsWith('/')) continue;
      const [pathPart = '', fragment] = href.split('#', 2);
      let decoded: string;
      try {
        decoded = decodeURIComponent(pathPart);
      } catch {
        decoded = pathPart;
      }
      if (!/\.md$/i.test(decoded)) continue;
      const target = resolveRelative(env.fileDir, decoded);
      const line = block.map ? block.map[0] + env.lineOffset : undefined;
      env.links.push({ href, target: target ?? decoded, ...(line === undefined ? {} : { line }) });
      const slug = slugFromPath(decoded).toLowerCase();
      tok.attrSet('href', articleUrl(slug) + (fragment ? `#${fragment}` : ''));
      tok.attrSet('data-slug', slug);
    }
  }
});

const NON_TEXT_TAGS = ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template'];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'blockquote',
    'strong', 'em', 's', 'code', 'pre', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'data-slug'],
    h1: ['id'], h2: ['id'], h3: ['id'], h4: ['id'], h5: ['id'], h6: ['id'],
    ol: ['start'],
    code: ['class'],
  },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: NON_TEXT_TAGS,
  transformTags: {
    a: (tagName, attribs) => {
      const attrs = { ...attribs };
      if (attrs.href && /^https?:\/\//i.test(attrs.href)) attrs.rel = 'noopener noreferrer';
      else delete attrs.rel;
      return { tagName, attribs: attrs };
    },
  },
};

/** Sanitises HTML with the article allow-list. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

function inlineText(tok: Token): string {
  if (!tok.children) return tok.content;
  let out = '';
  for (const c of tok.children) {
    if (c.type === 'text' || c.type === 'code_inline') out += c.content;
    else if (c.type === 'softbreak' || c.type === 'hardbreak') out += ' ';
  }
  return out;
}

export interface BodyOutline {
  headings: Heading[];
  /** Plain text of everything but the headings; blocks separated by newlines. */
  text: string;
  /** Relative links to other Markdown files. */
  links: ArticleLink[];
  /** Whether the Markdown contains raw HTML (kept only within the allow-list). */
  hasHtml: boolean;
}

function parseBody(markdown: string, file: string, lineOffset: number): { tokens: Token[]; env: RenderEnv } {
  const env: RenderEnv = { fileDir: file.split('/').slice(0, -1).join('/'), lineOffset: lineOffset + 1, links: [] };
  return { tokens: md.parse(markdown, env), env };
}

function outlineOf(tokens: Token[], env: RenderEnv): BodyOutline {
  const headings: Heading[] = [];
  const blocks: string[] = [];
  let hasHtml = false;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (!tok) continue;
    if (tok.type === 'html_block' || tok.children?.some((c) => c.type === 'html_inline')) hasHtml = true;
    if (tok.type === 'heading_open') {
      const inline = tokens[i + 1];
      if (inline?.type === 'inline') {
        headings.push({ level: Number(tok.tag.slice(1)), text: inlineText(inline), id: String(tok.attrGet('id') ?? '') });
        i += 1;
      }
    } else if (tok.type === 'inline') {
      const t = inlineText(tok).trim();
      if (t) blocks.push(t);
    } else if ((tok.type === 'fence' || tok.type === 'code_block') && tok.content.trim()) {
      blocks.push(tok.content.trim());
    } else if (tok.type === 'html_block') {
      // Only the visible text of allowed markup counts (script/style content is dropped).
      const visible = sanitizeHtml(tok.content, { allowedTags: [], allowedAttributes: {}, nonTextTags: NON_TEXT_TAGS }).trim();
      if (visible) blocks.push(visible);
    }
  }
  return { headings, text: blocks.join('\n'), links: env.links, hasHtml };
}

/**
 * What search and the checks need of a body, without producing HTML.
 * @param markdown the body without front matter
 * @param file the article's path relative to the KB directory (posix)
 * @param lineOffset number of file lines before the body (front matter), for link lines
 */
export function outlineBody(markdown: string, file: string, lineOffset = 0): BodyOutline {
  const { tokens, env } = parseBody(markdown, file, lineOffset);
  return outlineOf(tokens, env);
}

/** Renders an article body to sanitised HTML, with its outline. */
export function renderBody(markdown: string, file: string, lineOffset = 0): RenderedBody {
  const { tokens, env } = parseBody(markdown, file, lineOffset);
  const outline = outlineOf(tokens, env);
  const html = sanitizeArticleHtml(md.renderer.render(tokens, md.options, env));
  return { html, ...outline };
}
