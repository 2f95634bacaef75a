/**
 * `npm run demo`: Lotse on its own demo database, filled with about 5,000 synthetic
 * enquiries of the last twelve months (see demo-data.ts), with the users `leitung`
 * (lead), `beratung` (adviser) and `redaktion` (editor) and a printed demo password.
 *
 * The database lives in LOTSE_DATA_DIR, here by default `./data-demo` (never the real
 * `./data`). Filling happens only when the demo database has no enquiries yet, so the
 * demo can be stopped and started again. Everything else is what `npm start` does: the
 * same configuration, store, services (src/server/compose.ts), app and shutdown.
 */
import { performance } from 'node:perf_hooks';
import type { Role } from '../domain/ids.js';
import { buildApp } from '../server/app.js';
import { databasePath, ensureInitialAdmin, scheduleRetention, storeOptions } from '../server/bootstrap.js';
import { createServices } from '../server/compose.js';
import { ConfigError, parseConfig, type Config } from '../server/config.js';
import { installShutdown, openStoreOrExit } from '../server/lifecycle.js';
import { createLogger } from '../server/logging.js';
import { loadDistrictMap } from '../server/routes/pages/reports.js';
import type { Store } from '../store/index.js';
import { localDayOf } from '../trends/index.js';
import { seedDemo } from './demo-data.js';

export const DEMO_DATA_DIR = './data-demo';
export const DEMO_PASSWORD = 'lotse-demo-2026';
export const DEMO_USERS: readonly { username: string; role: Role }[] = [
  { username: 'leitung', role: 'lead' },
  { username: 'beratung', role: 'adviser' },
  { username: 'redaktion', role: 'editor' },
];

/** Creates the demo users that are missing; returns the adviser's id (the author of the demo enquiries). */
export async function ensureDemoUsers(store: Store): Promise<number | null> {
  for (const { username, role } of DEMO_USERS) {
    if (!store.users.findByUsername(username)) await store.users.create({ username, password: DEMO_PASSWORD, role });
  }
  return store.users.findByUsername('beratung')?.id ?? null;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let config: Config;
try {
  // The composition root reads the environment once; the demo only changes the data folder's default.
  config = parseConfig({ ...process.env, LOTSE_DATA_DIR: process.env.LOTSE_DATA_DIR || DEMO_DATA_DIR });
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
const logger = createLogger(config);
// Demo data need not survive a power cut: NORMAL makes filling it several times faster.
const store = openStoreOrExit(databasePath(config), logger, { ...storeOptions(config), synchronous: 'NORMAL' });

const authorId = await ensureDemoUsers(store);
const populations = Object.fromEntries(loadDistrictMap().districts.map((d) => [d.code, d.population]));
const started = performance.now();
const now = new Date();
const created = seedDemo(store, { now, today: localDayOf(now), populations, authorId });
if (created > 0) {
  process.stdout.write(
    `Demo-Datenbank in ${config.dataDir} mit ${created.toLocaleString('de-DE')} Anfragen der letzten zwölf Monate gefüllt ` +
      `(${Math.round(performance.now() - started).toLocaleString('de-DE')} ms).\n`,
  );
} else {
  process.stdout.write(`Demo-Datenbank in ${config.dataDir} enthält schon ${store.enquiries.count().toLocaleString('de-DE')} Anfragen; nichts hinzugefügt.\n`);
}
await ensureInitialAdmin(store, config);

const services = await createServices(config, store, logger);
const onClose: (() => void | Promise<void>)[] = [() => services.close()];
const app = await buildApp({
  config,
  store,
  logger,
  triage: services.triage,
  suggester: services.suggester,
  routes: services.routes,
});
onClose.push(scheduleRetention(store, config, logger.child({ module: 'retention' })));
installShutdown({ app, store, logger, onClose });

try {
  const address = await app.listen({ port: config.port, host: config.host });
  process.stdout.write(
    `\nLotse-Demo: ${address}\n` +
      `Anmelden als ${DEMO_USERS.map((u) => `„${u.username}“`).join(', ')} mit dem Demo-Passwort: ${DEMO_PASSWORD}\n` +
      `(Leitung: ${address}/dashboard und ${address}/berichte)\n\n`,
  );
} catch (error) {
  logger.fatal({ err: error }, 'could not listen');
  await app.close().catch(() => {});
  store.close();
  process.exit(1);
}
