/**
 * The whole application as `npm start` composes it — buildApp with the services and
 * route plugins of src/server/compose.ts (knowledge base, triage and their routes),
 * pages included — on a throwaway database and the fixture knowledge base. The
 * hardening tests (access matrix, attacks, fuzzing, audit) run against this, so a route
 * added to the composition root is attacked and checked too.
 *
 * The second-wave route plugins (pages, trends, reports, live WebSocket, similar
 * enquiries, KB usage) are added as well, each only if the composition has not
 * registered its first route already (like src/cli/demo.ts does), so the tests cover
 * them before and after they are wired into compose.ts.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Test } from 'tap';
import { silentLogger } from '../../../src/domain/logger.js';
import type { Role } from '../../../src/domain/ids.js';
import { buildApp, type AppDeps } from '../../../src/server/app.js';
import { storeOptions } from '../../../src/server/bootstrap.js';
import { createServices, type Services } from '../../../src/server/compose.js';
import { parseConfig, type Config } from '../../../src/server/config.js';
import { kbUsageRoutes } from '../../../src/server/routes/api/kb-usage.js';
import { reportRoutes } from '../../../src/server/routes/api/reports.js';
import { similarRoutes } from '../../../src/server/routes/api/similar.js';
import { trendsRoutes } from '../../../src/server/routes/api/trends.js';
import { dashboardPage } from '../../../src/server/routes/pages/dashboard.js';
import { enquiriesPages } from '../../../src/server/routes/pages/enquiries.js';
import { enquiryPage } from '../../../src/server/routes/pages/enquiry.js';
import { kbEditorPage } from '../../../src/server/routes/pages/kb-editor.js';
import { reportsPage } from '../../../src/server/routes/pages/reports.js';
import { signinPages } from '../../../src/server/routes/pages/signin.js';
import { usersPage } from '../../../src/server/routes/pages/users.js';
import { liveRoutes } from '../../../src/server/routes/ws/trends.js';
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

/** Registers `plugin` unless the app already serves `probe` (not encapsulated, like the plugin itself would be). */
function unlessServed(probe: { method: 'GET' | 'POST'; url: string }, plugin: FastifyPluginAsync): FastifyPluginAsync {
  const wrapper: FastifyPluginAsync = async (instance) => {
    if (instance.hasRoute(probe)) return;
    await instance.register(plugin);
  };
  return Object.assign(wrapper, { [Symbol.for('skip-override')]: true });
}

/** The second-wave route plugins with the first route each registers. */
function secondWave(store: Store, services: Services, config: Config, now: () => Date): FastifyPluginAsync[] {
  const deps = { store, now };
  return [
    unlessServed({ method: 'GET', url: '/anmelden' }, signinPages({ store, config })),
    unlessServed({ method: 'GET', url: '/anfrage' }, enquiryPage()),
    unlessServed({ method: 'GET', url: '/anfragen' }, enquiriesPages()),
    unlessServed({ method: 'GET', url: '/wissensbasis' }, kbEditorPage()),
    unlessServed({ method: 'GET', url: '/benutzer' }, usersPage()),
    unlessServed({ method: 'GET', url: '/api/trends' }, trendsRoutes(deps)),
    unlessServed({ method: 'GET', url: '/api/reports/enquiries.csv' }, reportRoutes(deps)),
    unlessServed({ method: 'GET', url: '/ws/trends' }, liveRoutes(deps)),
    unlessServed({ method: 'GET', url: '/dashboard' }, dashboardPage(deps)),
    unlessServed({ method: 'GET', url: '/berichte' }, reportsPage(deps)),
    unlessServed({ method: 'POST', url: '/api/enquiries/similar' }, similarRoutes({ store, kb: services.kb, now })),
    unlessServed({ method: 'GET', url: '/api/kb/usage' }, kbUsageRoutes({ store, kb: services.kb })),
  ];
}

export async function buildFullApp(t: Test, options: FullAppOptions = {}): Promise<FullApp> {
  const dir = t.testdir({});
  const config = parseConfig({ LOTSE_DATA_DIR: dir, LOTSE_KB_DIR: FIXTURE_KB, LOTSE_LOG_LEVEL: 'silent', ...options.env }, dir);
  const clock = new TestClock();
  const now = options.realClock ? () => new Date() : clock.now;
  const store = openStore(join(dir, 'lotse.db'), silentLogger, { ...storeOptions(config), synchronous: 'NORMAL', now, scrypt: FAST_SCRYPT });
  const services = await createServices(config, store, silentLogger, { watchKb: false });
  const app = await buildApp({
    config,
    store,
    now,
    triage: services.triage,
    suggester: services.suggester,
    routes: [...(services.routes ?? []), ...secondWave(store, services, config, now)],
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
