/**
 * Composition root (`npm start`): read the configuration, open the store (migrations
 * run here), create the first admin, create the services, build the app, listen, and
 * shut down cleanly on SIGINT/SIGTERM.
 */
import { loadConfig } from './config.js';
import { createLogger } from './logging.js';
import { buildApp, type AppDeps } from './app.js';
import { databasePath, ensureInitialAdmin, scheduleRetention, storeOptions } from './bootstrap.js';
import { installShutdown, openStoreOrExit } from './lifecycle.js';

const config = loadConfig();
const logger = createLogger(config);
const store = openStoreOrExit(databasePath(config), logger, storeOptions(config));
await ensureInitialAdmin(store, config);

// ── Services of the other modules ──────────────────────────────────────────────────
// Create the knowledge base and the triage here and hand them to buildApp, e.g.
//   const kb = await openKnowledgeBase({ dir: config.kbDir, gitPull: config.kbGitPull, logger: logger.child({ module: 'kb' }) });
//   const triage = createTriage({ logger: logger.child({ module: 'triage' }), examples: store.enquiries.trainingExamples() });
//   services.triage = triage; services.suggester = kb; services.routes = [kbRoutes({ kb }), triageRoutes({ triage })];
// Close what you open here in the `onClose` list below.
const services: Pick<AppDeps, 'triage' | 'suggester' | 'routes'> = {};
const onClose: (() => void | Promise<void>)[] = [];
// ───────────────────────────────────────────────────────────────────────────────────

const app = await buildApp({ config, store, logger, ...services });
onClose.push(scheduleRetention(store, config, logger.child({ module: 'retention' })));
installShutdown({ app, store, logger, onClose });

try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  logger.fatal({ err: error }, 'could not listen');
  await app.close().catch(() => {});
  store.close();
  process.exit(1);
}
