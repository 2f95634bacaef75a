/**
 * Shared test helpers: a Lotse app on a throwaway database with an injectable clock,
 * and signing in as any role.
 *
 *   const { app, store, clock } = await buildTestApp(t);
 *   const cookie = await signIn(app, 'adviser');
 *   await app.inject({ method: 'GET', url: '/api/enquiries', headers: { cookie } });
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import { silentLogger } from '../../src/domain/logger.js';
import type { Role } from '../../src/domain/ids.js';
import { buildApp, type AppDeps } from '../../src/server/app.js';
import { storeOptions } from '../../src/server/bootstrap.js';
import { parseConfig, type Config } from '../../src/server/config.js';
import { openStore, type ScryptParams, type Store, type StoreOptions, type User } from '../../src/store/index.js';

/** Cheap scrypt for tests; the stored hash carries its parameters, so verification is unchanged. */
export const FAST_SCRYPT: ScryptParams = { N: 1024, r: 8, p: 1 };

export const TEST_PASSWORD = 'ein-langes-testpasswort';

/** A clock tests move by hand. */
export class TestClock {
  #ms: number;
  constructor(start = '2026-11-25T09:00:00.000Z') {
    this.#ms = Date.parse(start);
  }
  readonly now = (): Date => new Date(this.#ms);
  advance(ms: number): void {
    this.#ms += ms;
  }
  set(iso: string): void {
    this.#ms = Date.parse(iso);
  }
}

export interface TestContext {
  app: FastifyInstance;
  store: Store;
  clock: TestClock;
  config: Config;
  dir: string;
}

export interface TestAppOptions extends Partial<Omit<AppDeps, 'config' | 'store'>> {
  /** Environment for parseConfig (LOTSE_DATA_DIR is set to the test folder). */
  env?: Record<string, string>;
  store?: Partial<StoreOptions>;
  /** Use the system clock instead of a TestClock (e.g. for ordering by real time). */
  realClock?: boolean;
}

const stores = new WeakMap<FastifyInstance, Store>();

/** Opens a store in a fresh test folder and builds the app; both are closed at teardown. */
export async function buildTestApp(t: Test, options: TestAppOptions = {}): Promise<TestContext> {
  const dir = t.testdir({});
  const config = parseConfig({ LOTSE_DATA_DIR: dir, LOTSE_LOG_LEVEL: 'silent', ...options.env }, dir);
  const clock = new TestClock();
  const now = options.realClock ? () => new Date() : clock.now;
  const store = openStore(join(dir, 'lotse.db'), silentLogger, { ...storeOptions(config), now, scrypt: FAST_SCRYPT, ...options.store });
  const { env: _env, store: _store, realClock: _real, ...deps } = options;
  const app = await buildApp({ config, store, now, ...deps });
  stores.set(app, store);
  t.teardown(async () => {
    await app.close();
    store.close();
  });
  return { app, store, clock, config, dir };
}

/** Creates a user (name defaults to the role) with {@link TEST_PASSWORD}, unless it exists. */
export async function ensureUser(store: Store, role: Role, username: string = role): Promise<User> {
  return store.users.findByUsername(username) ?? (await store.users.create({ username, password: TEST_PASSWORD, role }));
}

/** Signs in through the API as a user of `role` (created when missing); returns the Cookie header value. */
export async function signIn(app: FastifyInstance, role: Role, username: string = role): Promise<string> {
  const store = stores.get(app);
  if (!store) throw new Error('signIn: app was not built with buildTestApp');
  await ensureUser(store, role, username);
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password: TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`signIn: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'lotse_session');
  if (!cookie) throw new Error('signIn: no session cookie');
  return `lotse_session=${cookie.value}`;
}

/** JSON body of an inject response. */
export function json<T = Record<string, unknown>>(res: { body: string }): T {
  return JSON.parse(res.body) as T;
}
