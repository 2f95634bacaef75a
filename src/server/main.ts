/**
 * Composition root (`npm start`): read the configuration, open the store (migrations
 * run here), create the first admin, create the services, build the app, listen, and
 * shut down cleanly on SIGINT/SIGTERM.
 */
import { loadConfig } from './config.js';
import { createLogger } from './logging.js';
import { buildApp } from './app.js';
import { databasePath, ensureInitialAdmin, scheduleRetention, storeOptions } from './bootstrap.js';
import { installShutdown, openStoreOrExit } from './lifecycle.js';
import { createServices } from './compose.js';

const config = loadConfig();
const logger = createLogger(config);
const store = openStoreOrExit(databasePath(config), logger, storeOptions(config));
await ensureInitialAdmin(store, config);

// The knowledge base and the triage, with their routes; closed after the app.
const services = await createServices(config, store, logger);
const onClose: (() => void | Promise<void>)[] = [() => services.close()];

const app = await buildApp({ config, store, logger, triage: services.triage, suggester: services.suggester, routes: services.routes });
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
