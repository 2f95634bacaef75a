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
