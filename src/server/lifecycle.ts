/** Opening and closing the process's resources, kept out of main.ts so it stays a list of steps. */
import type { FastifyInstance } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import { MigrationError, openStore, type Store, type StoreOptions } from '../store/index.js';

/** Opens the store and applies migrations; a migration problem ends the start with one line. */
export function openStoreOrExit(path: string, logger: PinoLogger, options: StoreOptions): Store {
  try {
    return openStore(path, logger.child({ module: 'store' }), options);
  } catch (error) {
    if (error instanceof MigrationError) {
      process.stderr.write(`Datenbank kann nicht vorbereitet werden: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

export interface ShutdownOptions {
  app: FastifyInstance;
  store: Store;
  logger: PinoLogger;
  /** Further clean-up, run after the server stopped and before the store closes. */
  onClose?: (() => void | Promise<void>)[];
  /** Hard limit for a graceful stop. Default 10 s. */
  timeoutMs?: number;
}

/**
 * On SIGINT/SIGTERM: stop accepting connections, let in-flight requests finish
 * (`app.close()`), run the clean-ups, close the database, exit 0. A second signal or
 * the timeout ends the process at once with exit code 1.
 */
export function installShutdown({ app, store, logger, onClose = [], timeoutMs = 10_000 }: ShutdownOptions): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: stopping immediately');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('graceful shutdown timed out');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    try {
      await app.close();
      for (const close of onClose) await close();
      store.close();
      logger.info('stopped');
      logger.flush();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));
}
