/**
 * The whole application as `npm start` composes it — buildApp with the services and
 * route plugins of src/server/compose.ts (knowledge base, triage and their routes),
 * pages included — on a throwaway database and the fixture knowledge base. The
 * hardening tests (access matrix, attacks, fuzzing, audit) run against this, so a route
 * added to the composition root is attacked and checked too.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import { silentLogger } from '../../../src/domain/logger.js';
import type { Role } from '../../../src/domain/ids.js';
import { buildApp, type AppDeps } from '../../../src/server/app.js';
import { storeOptions } from '../../../src/server/bootstrap.js';
import { createServices, type Services } from '../../../src/server/compose.js';
import { parseConfig, type Config } from '../../../src/server/config.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { ensureUser, FAST_SCRYPT, TEST_PASSWORD, TestClock } from '../../helpers/app.js';

export const FIXTURE_KB = fileURLToPath(new URL('../../fixtures/kb/', import.meta.url));

export interface FullApp {
  app: FastifyInstance;
  store: Store;
  services: Services;
  config: Config;
  clock: TestClock;
  dir: string;
  /** Signs in as a user of `role` (created when missing); returns the Cookie header value. */
  signIn(role: Role, username?: string): Promise<string>;
}

export interface FullAppOptions {
  env?: Record<string, string>;
  /** Use the system clock (default: a TestClock at 2026-11-25 09:00 UTC). */
  realClock?: boolean;
  loginThrottle?: AppDeps['loginThrottle'];
}

export async function buildFullApp(t: Test, options: FullAppOptions = {}): Promise<FullApp> {
  const dir = t.testdir({});
  const config = parseConfig({ LOTSE_DATA_DIR: dir, LOTSE_KB_DIR: FIXTURE_KB, LOTSE_LOG_LEVEL: 'silent', ...options.env }, dir);
  const clock = new TestClock();
  const now = options.realClock ? () => new Date() : clock.now;
  const store = openStore(join(dir, 'lotse.db'), silentLogger, { ...storeOptions(config), synchronous: 'NORMAL', now, scrypt: FAST_SCRYPT });
  const services = await createServices(config, store, silentLogger, { watchKb: false, now });
  const app = await buildApp({
    config,
    store,
    now,
    triage: services.triage,
    suggester: services.suggester,
    routes: services.routes,
    ...(options.loginThrottle ? { loginThrottle: options.loginThrottle } : {}),
  });
  t.teardown(async () => {
    await app.close();
    await services.close();
    store.close();
  });
  const signIn = async (role: Role, username: string = role): Promise<string> => {
    await ensureUser(store, role, username);
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password: TEST_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`signIn: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'lotse_session');
    if (!cookie) throw new Error('signIn: no session cookie');
    return `lotse_session=${cookie.value}`;
  };
  return { app, store, services, config, clock, dir, signIn };
}
