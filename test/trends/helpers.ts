/**
 * Helpers for the trends, live, report and dashboard tests: an app with the trends
 * plugins on a throwaway store, and enquiries written straight into the store at chosen
 * times.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Test } from 'tap';
import type { Caller, DistrictCode, TopicId } from '../../src/domain/ids.js';
import type { NewEnquiry, Store } from '../../src/store/index.js';
import { registerPages } from '../../src/server/plugins/pages.js';
import { trendsRoutes } from '../../src/server/routes/api/trends.js';
import { reportRoutes } from '../../src/server/routes/api/reports.js';
import { liveRoutes, type LiveFigures } from '../../src/server/routes/ws/trends.js';
import type { LiveHub, LiveHubOptions } from '../../src/server/plugins/live-hub.js';
import { dashboardPage } from '../../src/server/routes/pages/dashboard.js';
import { reportsPage } from '../../src/server/routes/pages/reports.js';
import { buildTestApp, type TestAppOptions, type TestClock, type TestContext } from '../helpers/app.js';

/**
 * A store and clock known only after `buildTestApp` returned: route plugins are created
 * before the test store exists, so they get these forwarding stand-ins.
 */
function lateBound() {
  let store: Store | undefined;
  let clock: TestClock | undefined;
  const proxy = new Proxy({} as Store, {
    get(_target, property) {
      if (!store) throw new Error('late store used before it was set');
      return Reflect.get(store, property, store);
    },
  });
  return {
    store: proxy,
    now: () => {
      if (!clock) throw new Error('late clock used before it was set');
      return clock.now();
    },
    set(context: TestContext) {
      store = context.store;
      clock = context.clock;
    },
  };
}

export interface TrendsAppOptions extends TestAppOptions {
  live?: LiveHubOptions;
  /** Receives the live hub. */
  onHub?: (hub: LiveHub<LiveFigures>) => void;
  /** Also register the dashboard and report pages (and the page plumbing when the app lacks it). */
  pages?: boolean;
}

/** buildTestApp with the trends API, the CSV export, the live WebSocket and (optionally) the pages. */
export async function buildTrendsApp(t: Test, options: TrendsAppOptions = {}): Promise<TestContext> {
  const late = lateBound();
  const deps = { store: late.store, now: late.now };
  const routes: FastifyPluginAsync[] = [trendsRoutes(deps), reportRoutes(deps), liveRoutes({ ...deps, ...(options.live ? { options: options.live } : {}), ...(options.onHub ? { onHub: options.onHub } : {}) })];
  if (options.pages) {
    routes.push(async (instance) => {
      // Until buildApp registers the page plumbing itself, register it here.
      if (!instance.hasReplyDecorator('view')) await registerPages(instance);
      await instance.register(dashboardPage(deps));
      await instance.register(reportsPage(deps));
    });
  }
  const { live: _live, pages: _pages, onHub: _onHub, ...rest } = options;
  const context = await buildTestApp(t, { ...rest, routes: [...(rest.routes ?? []), ...routes] });
  late.set(context);
  return context;
}

let counter = 0;

export interface DraftOptions {
  at: string | Date;
  topics?: TopicId[];
  district?: DistrictCode | null;
  caller?: Caller | null;
  referredTo?: string | null;
  text?: string;
}

/** A new enquiry for `store.enquiries.create`, stored at `at`. */
export function draft(options: DraftOptions): NewEnquiry {
  counter += 1;
  const district = options.district === undefined ? '15002' : options.district;
  return {
    text: options.text ?? `Testanfrage ${counter}`,
    redactions: [],
    channel: 'telefon',
    caller: options.caller === undefined ? 'ehrenamt' : options.caller,
    district: district === null ? null : { code: district, source: 'auto' },
    topics: (options.topics ?? ['sprache']).map((id, rank) => ({ id, score: 1 - rank / 10, source: 'auto' as const })),
    outcome: options.referredTo ? 'weiterverwiesen' : 'beantwortet',
    referredTo: options.referredTo ?? null,
    articleUsed: null,
    callbackDate: null,
    suggestions: [],
    triageVersion: null,
    authorId: null,
    createdAt: typeof options.at === 'string' ? new Date(options.at) : options.at,
  };
}

/** A small deterministic pseudo-random generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}
