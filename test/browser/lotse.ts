/**
 * A whole Lotse on a random local port, in this process: a store in a folder and every
 * service and route of the composition root (src/server/compose.ts), as `npm start` has them.
 * Used by the browser tests and by scripts/screenshots.ts.
 *
 *   const lotse = await startLotse({ dir });
 *   await lotse.user('adviser');   // user "adviser" with TEST_PASSWORD
 *   … browse lotse.url …
 *   await lotse.close();
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Role } from '../../src/domain/ids.js';
import { silentLogger } from '../../src/domain/logger.js';
import { buildApp } from '../../src/server/app.js';
import { databasePath, storeOptions } from '../../src/server/bootstrap.js';
import { createServices, type Services } from '../../src/server/compose.js';
import { parseConfig, type Config } from '../../src/server/config.js';
import { kbUsageRoutes } from '../../src/server/routes/api/kb-usage.js';
import { similarRoutes } from '../../src/server/routes/api/similar.js';
import { enquiriesPages } from '../../src/server/routes/pages/enquiries.js';
import { enquiryPage } from '../../src/server/routes/pages/enquiry.js';
import { kbEditorPage } from '../../src/server/routes/pages/kb-editor.js';
import { signinPages } from '../../src/server/routes/pages/signin.js';
import { usersPage } from '../../src/server/routes/pages/users.js';
import { openStore, type Enquiry, type NewEnquiry, type Store, type User } from '../../src/store/index.js';
import { FAST_SCRYPT, TEST_PASSWORD } from '../helpers/app.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const KB_CONTENT = join(ROOT, 'kb-content');
export { TEST_PASSWORD };

/** The workspace's route plugins (pages and APIs) alone, for apps built around test doubles. */
export function workspaceRoutes(deps: { store: Store; config: Pick<Config, 'cookieSecure'>; kb?: Services['kb']; now?: () => Date }): FastifyPluginAsync[] {
  return [
    similarRoutes({ store: deps.store, ...(deps.kb ? { kb: deps.kb } : {}), ...(deps.now ? { now: deps.now } : {}) }),
    kbUsageRoutes({ store: deps.store, ...(deps.kb ? { kb: deps.kb } : {}) }),
    signinPages({ store: deps.store, config: deps.config }),
    enquiryPage(),
    enquiriesPages(),
    kbEditorPage(),
    usersPage(),
  ];
}

export interface Lotse {
  url: string;
  app: FastifyInstance;
  store: Store;
  services: Services;
  config: Config;
  /** Creates (once) a user named like the role, with {@link TEST_PASSWORD}. */
  user(role: Role, username?: string): Promise<User>;
  close(): Promise<void>;
}

export interface LotseOptions {
  /** Folder for the database and the saved KB index. */
  dir: string;
  /** KB folder; default the bundled kb-content/. */
  kbDir?: string;
  /** Port; default a random free one. */
  port?: number;
}

export async function startLotse(options: LotseOptions): Promise<Lotse> {
  const config = parseConfig({ LOTSE_DATA_DIR: options.dir, LOTSE_KB_DIR: options.kbDir ?? KB_CONTENT, LOTSE_LOG_LEVEL: 'silent' }, options.dir);
  const store = openStore(databasePath(config), silentLogger, { ...storeOptions(config), synchronous: 'NORMAL', scrypt: FAST_SCRYPT });
  const services = await createServices(config, store, silentLogger, { watchKb: false });
  const app = await buildApp({
    config,
    store,
    triage: services.triage,
    ...(services.suggester ? { suggester: services.suggester } : {}),
    routes: services.routes,
  });
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    services,
    config,
    async user(role, username = role) {
      return store.users.findByUsername(username) ?? (await store.users.create({ username, password: TEST_PASSWORD, role }));
    },
    async close() {
      await app.close();
      await services.close();
      store.close();
    },
  };
}

// ── Browser ─────────────────────────────────────────────────────────────────────────

/** Debian's Chromium (`apt-get install -y chromium`); CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Without the background-networking flags Chromium keeps trying to reach other hosts. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Why the browser tests cannot run here, or null when Chromium is installed. */
export function chromiumMissing(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  return `Chromium fehlt unter ${CHROMIUM_PATH}. Installieren mit: apt-get update && apt-get install -y chromium (oder CHROMIUM_PATH setzen). Die Browser-Tests werden nie übersprungen${process.env.CI === 'true' ? ' – auch nicht in CI' : ''}.`;
}

/** Launches Chromium; `extraArgs` e.g. `--lang=de-DE` (German date fields). */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** Signs in through the sign-in form (mouse-free: fill and press Enter). */
export async function signInPage(page: Page, url: string, username: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${url}/anmelden`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/anmelden')), page.press('#password', 'Enter')]);
}

/** An enquiry written straight into the store (text as stored: already redacted). */
export function seedEnquiry(store: Store, input: Partial<NewEnquiry> & { text: string }): Enquiry {
  return store.enquiries.create({
    redactions: [],
    channel: 'telefon',
    caller: null,
    district: null,
    topics: [],
    outcome: 'beantwortet',
    referredTo: null,
    articleUsed: null,
    callbackDate: null,
    suggestions: [],
    triageVersion: 'seed',
    authorId: null,
    ...input,
  });
}

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

// ── Layout ──────────────────────────────────────────────────────────────────────────

/** What sticks out to the right (see {@link horizontalOverflow}). */
export interface HorizontalOverflow {
  /** `document.scrollingElement.scrollWidth` and `.clientWidth`: the page scrolls sideways when the first is larger. */
  scrollWidth: number;
  clientWidth: number;
  /**
   * Visible elements that stick out to the right — of the viewport, of their parent's box
   * (a table wider than its panel), or with content wider than themselves (a long word in
   * a narrow column) — each as `tag#id.class` „text“ and by how much. Only the innermost
   * of nested cases, at most 12. Overflow into an element with its own horizontal
   * scrolling (`overflow-x: auto`) is fine, as long as that element fits.
   */
  sticking: string[];
}

/** Measures the page as it is now: whether it scrolls sideways and what sticks out to the right. */
export function horizontalOverflow(page: Page): Promise<HorizontalOverflow> {
  return page.evaluate(() => {
    const TOLERANCE = 1; // sub-pixel rounding
    const root = document.scrollingElement ?? document.documentElement;
    const viewport = root.clientWidth;
    const right = (e: Element) => e.getBoundingClientRect().right + window.scrollX;
    const style = (e: Element) => getComputedStyle(e);
    const visible = (e: Element) => {
      const box = e.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && style(e).visibility !== 'hidden';
    };
    const scrolls = (e: Element) => style(e).overflowX !== 'visible';
    /** The parent that lays the element out (display: contents passes it on). */
    const parentOf = (e: Element) => {
      let p = e.parentElement;
      while (p && style(p).display === 'contents') p = p.parentElement;
      return p;
    };
    /** Inside a scroll container of its own that fits the viewport. */
    const contained = (e: Element) => {
      for (let a = e.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
        if (scrolls(a)) return right(a) <= viewport + TOLERANCE;
      }
      return false;
    };
    const describe = (e: Element) => {
      const id = e.id ? `#${e.id}` : '';
      const classes = [...e.classList].map((c) => `.${c}`).join('');
      const text = (e.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50);
      return `${e.tagName.toLowerCase()}${id}${classes}${text ? ` „${text}“` : ''}`;
    };
    /** Sticks out of the viewport, not caught by a scroll container of its own. */
    const outOfViewport = (e: Element): string | null => {
      const outside = right(e) - viewport;
      return visible(e) && outside > TOLERANCE && !contained(e) ? `${Math.round(outside)} px rechts aus dem Fenster` : null;
    };
    const placed = (e: Element): boolean => {
      for (let a: Element | null = e; a && a !== document.body; a = a.parentElement) {
        const position = style(a).position;
        if (position === 'absolute' || position === 'fixed') return true;
      }
      return false;
    };
    /** Sticks out of its parent's box, or its content out of its own. */
    const outOfBox = (e: Element): string | null => {
      if (!visible(e)) return null;
      const s = style(e);
      // In-flow boxes only: tooltips and visually hidden texts (and what is inside them) are placed on purpose.
      if (placed(e) || (e.closest('svg') && e.closest('svg') !== e)) return null;
      const parent = parentOf(e);
      if (parent && parent !== document.documentElement && !scrolls(parent)) {
        const beyond = right(e) - right(parent);
        if (beyond > TOLERANCE) return `${Math.round(beyond)} px rechts aus ${describe(parent).split(' ')[0]}`;
      }
      if (s.display !== 'inline' && s.overflowX === 'visible' && !/^(INPUT|SELECT|TEXTAREA)$/.test(e.tagName)) {
        const wider = e.scrollWidth - e.clientWidth;
        if (wider > TOLERANCE) return `Inhalt ${wider} px breiter als das Element`;
      }
      return null;
    };
    const all = [...document.body.querySelectorAll('*')];
    // Out of the viewport: the outermost element of a branch (its parent still fits) …
    const outside = all.filter((e) => outOfViewport(e) && !(e.parentElement && e.parentElement !== document.body && outOfViewport(e.parentElement)));
    // … out of a box: the innermost one (an ancestor only passes on what is inside it).
    const boxed = new Map(all.flatMap((e) => (outside.includes(e) ? [] : [[e, outOfBox(e)] as const])).filter((x): x is readonly [Element, string] => x[1] !== null));
    const inner = [...boxed].filter(([e]) => ![...boxed.keys()].some((d) => d !== e && e.contains(d)));
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      sticking: [...outside.map((e) => [e, outOfViewport(e)!] as const), ...inner].slice(0, 12).map(([e, why]) => `${describe(e)}: ${why}`),
    };
  });
}

// ── Contrast ────────────────────────────────────────────────────────────────────────

/** What {@link textContrast} found on the page. */
export interface TextContrast {
  /** How many texts were measured (elements with text of their own, form values, generated content). */
  checked: number;
  /**
   * Texts below WCAG 2.x AA (1.4.3): 4.5:1, or 3:1 for large text (≥ 24 px, or ≥ 18.66 px
   * and bold). Each as `tag#id.class „text“: #text on #background = ratio (needs …)`;
   * the same element kind with the same colours once, with how often it occurs; at most 40.
   */
  failures: string[];
}

type ColourRGBA = [number, number, number, number];

/** What {@link installColourMaths} puts into the page. */
interface ColourWindow {
  lotseColour: {
    /** A computed CSS colour (`rgb(…)`/`rgba(…)`) as RGBA; null for anything else. */
    parse(c: string): ColourRGBA | null;
    /** `top` with opacity `alpha` (default its own) over the opaque `bottom`. */
    over(top: ColourRGBA, bottom: ColourRGBA, alpha?: number): ColourRGBA;
    /** WCAG 2.x contrast ratio. */
    ratio(a: ColourRGBA, b: ColourRGBA): number;
    hex(c: ColourRGBA): string;
    /** `tag#id.class „first 40 characters of text“`. */
    describe(e: Element, text: string): string;
  };
}

/**
 * Defines the colour maths of the contrast checks in the page (code run by
 * `page.evaluate` cannot share functions with Node), once per document.
 */
async function installColourMaths(page: Page): Promise<void> {
  await page.evaluate(() => {
    type RGBA = [number, number, number, number];
    const parse = (c: string): RGBA | null => {
      const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+)(%)?)?\s*\)$/.exec(c.trim());
      if (!m) return null;
      const alpha = m[4] === undefined ? 1 : Number(m[4]) / (m[5] ? 100 : 1);
      return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
    };
    /** `top` with opacity `alpha` over the opaque `bottom`. */
    const over = (top: RGBA, bottom: RGBA, alpha = top[3]): RGBA => [0, 1, 2].map((i) => top[i]! * alpha + bottom[i]! * (1 - alpha)).concat(1) as RGBA;
    const luminance = (c: RGBA) => {
      const channel = (v: number) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
    };
    const ratio = (a: RGBA, b: RGBA) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const hex = (c: RGBA) => `#${c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
    const describe = (e: Element, text: string) => {
      const id = e.id ? `#${e.id}` : '';
      const classes = [...e.classList].map((c) => `.${c}`).join('');
      const shortText = text.replace(/\s+/g, ' ').trim().slice(0, 40);
      return `${e.tagName.toLowerCase()}${id}${classes}${shortText ? ` „${shortText}“` : ''}`;
    };
    (window as unknown as ColourWindow).lotseColour = { parse, over, ratio, hex, describe };
  });
}

/**
 * Measures the contrast of every visible text as it is painted now: the computed text
 * colour against the element's effective background — the background colours of the
 * element and its ancestors composited over the white canvas (alpha and `opacity` of
 * every layer included). Texts over a background image (map, chart) and of disabled
 * controls (exempt in WCAG) are skipped, as are texts hidden visually (`.visually-hidden`,
 * off-screen skip link, closed `<details>`), inside SVG and of `<option>`s (the `<select>`
 * shows its chosen one). Form values and placeholders count; so does generated content
 * (`::before`/`::after`, e.g. the column names of stacked table cells).
 */
export async function textContrast(page: Page): Promise<TextContrast> {
  await installColourMaths(page);
  return page.evaluate(() => {
    type RGBA = ColourRGBA;
    const { parse, over, ratio, hex, describe } = (window as unknown as ColourWindow).lotseColour;
    const shown = (c: string) => {
      const p = parse(c);
      return p ? `${hex(p)}${p[3] < 1 ? `/${Math.round(p[3] * 100)}%` : ''}` : c;
    };
    const style = (e: Element, pseudo?: string) => getComputedStyle(e, pseudo);

    /**
     * The painted colours of `text` (unpainted: null) and of what is behind it, inside `element`
     * (plus `extraBackground`, a pseudo-element's own); null over a background image.
     */
    const paint = (element: Element, text: RGBA | null, extraBackground: RGBA | null) => {
      const chain: Element[] = [];
      for (let e: Element | null = element; e; e = e.parentElement) chain.unshift(e);
      const groups: { opacity: number; backdrop: RGBA }[] = [];
      let current: RGBA = [255, 255, 255, 1]; // the canvas
      for (const e of chain) {
        const s = style(e);
        if (s.backgroundImage !== 'none') return null;
        const opacity = Number(s.opacity);
        if (opacity < 1) groups.push({ opacity, backdrop: current }); // the group includes e's own background
        const background = parse(s.backgroundColor);
        if (background && background[3] > 0) current = over(background, current);
      }
      if (extraBackground && extraBackground[3] > 0) current = over(extraBackground, current);
      let fg = text ? over(text, current) : current;
      let bg = current;
      for (const { opacity, backdrop } of groups.reverse()) {
        fg = over(fg, backdrop, opacity);
        bg = over(bg, backdrop, opacity);
      }
      return { fg, bg };
    };
    const hiddenVisually = (e: Element) => {
      for (let a: Element | null = e; a; a = a.parentElement) {
        const s = style(a);
        if (s.clip !== 'auto' && s.position !== 'static') return true;
        const box = a.getBoundingClientRect();
        if (s.overflow !== 'visible' && (box.width <= 1 || box.height <= 1)) return true;
      }
      const box = e.getBoundingClientRect();
      return box.right + window.scrollX <= 0 || box.bottom + window.scrollY <= 0;
    };
    const visible = (e: Element) => {
      const box = e.getBoundingClientRect();
      const s = style(e);
      return box.width > 0 && box.height > 0 && s.visibility === 'visible' && Number(s.opacity) > 0 && !hiddenVisually(e);
    };
    const disabled = (e: Element) => e.matches(':disabled') || e.closest(':disabled, [aria-disabled="true"]') !== null;
    const ownText = (e: Element) => [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');

    const found = new Map<string, { text: string; count: number }>();
    let checked = 0;
    const measure = (e: Element, pseudo: string | undefined, colour: string, text: string) => {
      const s = style(e, pseudo);
      const fg = parse(colour);
      const painted = paint(e, fg, pseudo ? parse(s.backgroundColor) : null);
      if (!painted) return; // over a background image
      checked++;
      const size = parseFloat(s.fontSize);
      const weight = Number(s.fontWeight) || (s.fontWeight === 'bold' ? 700 : 400);
      const large = size >= 24 || (size >= 18.66 && weight >= 700);
      const needed = large ? 3 : 4.5;
      const actual = fg ? ratio(painted.fg, painted.bg) : 0;
      if (actual >= needed) return;
      const what = `${describe(e, '')}${pseudo ?? ''}`;
      const key = `${what}: ${shown(colour)} on ${hex(painted.bg)}`;
      const colours = `text ${shown(colour)}${fg && hex(painted.fg) !== hex(fg) ? ` (painted ${hex(painted.fg)})` : ''} on ${hex(painted.bg)} = ${actual.toFixed(2)}:1, needs ${needed}:1 (${size.toFixed(1)} px, ${weight})`;
      const entry = found.get(key);
      if (entry) entry.count++;
      else found.set(key, { text: `${describe(e, text)}${pseudo ?? ''}: ${colours}`, count: 1 });
    };

    for (const e of document.body.querySelectorAll('*')) {
      if (e.closest('svg, option, optgroup, script, style, template, noscript') || !visible(e) || disabled(e)) continue;
      if (e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement) {
        if (e instanceof HTMLInputElement && !/^(text|search|email|url|tel|password|number|date|month|week|time|datetime-local)$/.test(e.type)) {
          if (/^(submit|button|reset)$/.test(e.type) && e.value) measure(e, undefined, style(e).color, e.value);
          continue;
        }
        if (e.value) measure(e, undefined, style(e).color, e.type === 'password' ? '••••' : e.value);
        else if (e.placeholder) measure(e, '::placeholder', style(e, '::placeholder').color, e.placeholder);
        continue;
      }
      if (e instanceof HTMLSelectElement) {
        const chosen = e.selectedOptions[0]?.textContent ?? '';
        if (chosen.trim()) measure(e, undefined, style(e).color, chosen);
        continue;
      }
      if (ownText(e)) measure(e, undefined, style(e).color, e.textContent ?? '');
      for (const pseudo of ['::before', '::after']) {
        const s = style(e, pseudo);
        if (s.display === 'none' || s.content === 'none' || s.content === 'normal' || s.content === '""' || s.visibility !== 'visible') continue;
        const generated = s.content.replace(/^attr\(([\w-]+)\)$/, (_, name: string) => e.getAttribute(name) ?? '').replace(/^"(.*)"$/, '$1');
        if (generated.trim()) measure(e, pseudo, s.color, generated);
      }
    }
    return {
      checked,
      failures: [...found.values()].slice(0, 40).map(({ text, count }) => (count > 1 ? `${text} (${count}×)` : text)),
    };
  });
}

/** The focus indicator of one element reached with Tab (see {@link focusIndicators}). */
export interface FocusIndicator {
  /** `tag#id.class „text“`. */
  element: string;
  kind: 'link' | 'button' | 'input' | 'other';
  /** At least one part of the indicator has 3:1 against the background around the element. */
  ok: boolean;
  /** Each part (outline, box-shadow ring) with its colour, the background and the ratio. */
  detail: string;
}

/**
 * Presses Tab up to `stops` times from the top of the page and measures the focus
 * indicator of every element that gets the focus (WCAG 2.2, 1.4.11 non-text contrast,
 * 2.4.7 focus visible): its outline and its outer box-shadow rings, each against the
 * effective background around the element (the parent's, composited as in
 * {@link textContrast}). An indicator of two colours passes when one of them has 3:1
 * (technique C40). Stops when the focus comes back to an element already measured.
 * SVG elements (map districts, drawn with a stroke) are left out.
 */
export async function focusIndicators(page: Page, stops = 30): Promise<FocusIndicator[]> {
  await installColourMaths(page);
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur?.();
    window.scrollTo(0, 0);
    (window as unknown as { focusSeen: WeakSet<Element> }).focusSeen = new WeakSet();
  });
  const results: FocusIndicator[] = [];
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press('Tab');
    const result = await page.evaluate((): FocusIndicator | 'skip' | 'again' => {
      const e = document.activeElement;
      if (!e || e === document.body || e.closest('svg')) return 'skip';
      const seen = (window as unknown as { focusSeen: WeakSet<Element> }).focusSeen;
      if (seen.has(e)) return 'again';
      seen.add(e);
      type RGBA = ColourRGBA;
      const { parse, over, ratio, hex, describe } = (window as unknown as ColourWindow).lotseColour;
      /** The background painted at `element` (its own layer included), over the white canvas. */
      const backgroundAt = (element: Element | null) => {
        const chain: Element[] = [];
        for (let a = element; a; a = a.parentElement) chain.unshift(a);
        const groups: { opacity: number; backdrop: RGBA }[] = [];
        let current: RGBA = [255, 255, 255, 1];
        for (const a of chain) {
          const s = getComputedStyle(a);
          const opacity = Number(s.opacity);
          if (opacity < 1) groups.push({ opacity, backdrop: current });
          const background = parse(s.backgroundColor);
          if (background && background[3] > 0) current = over(background, current);
        }
        for (const { opacity, backdrop } of groups.reverse()) current = over(current, backdrop, opacity);
        return current;
      };
      const s = getComputedStyle(e);
      const outside = parseFloat(s.outlineOffset) >= 0;
      const around = backgroundAt(outside ? e.parentElement : e);
      const parts: { name: string; colour: RGBA }[] = [];
      const outlineColour = parse(s.outlineColor);
      if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1 && outlineColour) parts.push({ name: `outline ${s.outlineWidth}`, colour: outlineColour });
      for (const m of s.boxShadow.matchAll(/(rgba?\([^)]*\))\s+(-?[\d.]+)px\s+(-?[\d.]+)px\s+(-?[\d.]+)px\s+(-?[\d.]+)px(\s+inset)?/g)) {
        const colour = parse(m[1]!);
        if (colour && !m[6] && Number(m[5]) >= 1) parts.push({ name: `box-shadow ${m[5]}px`, colour });
      }
      const measured = parts.map((p) => ({ ...p, ratio: ratio(over(p.colour, around), around) }));
      const element = describe(e, (e as HTMLElement).innerText || (e as HTMLInputElement).value || e.getAttribute('aria-label') || '');
      const kind = e.matches('a[href]') ? 'link' : e.matches('button, input[type="submit"], input[type="button"], summary') ? 'button' : e.matches('input, select, textarea') ? 'input' : 'other';
      const detail = measured.length === 0 ? `${element}: no outline or box-shadow ring` : `${element}: ${measured.map((p) => `${p.name} ${hex(p.colour)} on ${hex(around)} = ${p.ratio.toFixed(2)}:1`).join('; ')} (needs 3:1)`;
      return { element, kind, ok: measured.some((p) => p.ratio >= 3), detail };
    });
    if (result === 'again') break;
    if (result !== 'skip') results.push(result);
  }
  return results;
}
