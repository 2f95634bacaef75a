/** Start-up tasks that need the store: the first admin, store options, retention. */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from '../domain/logger.js';
import type { Store, StoreOptions } from '../store/index.js';
import type { Config } from './config.js';

export const INITIAL_ADMIN = 'admin';

/** The database file inside the data folder. */
export function databasePath(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'lotse.db');
}

/** Store options that follow from the configuration. */
export function storeOptions(config: Pick<Config, 'sessionIdleMinutes' | 'sessionMaxHours' | 'dbSynchronous'>): StoreOptions {
  return {
    synchronous: config.dbSynchronous,
    sessionIdleMs: config.sessionIdleMinutes * 60_000,
    sessionMaxAgeMs: config.sessionMaxHours * 3_600_000,
  };
}

/**
 * On first start (no users at all) creates `admin` with LOTSE_ADMIN_PASSWORD or a
 * generated password, which is written once to `print` (stdout) — deliberately not
 * through the logger, so it does not end up in log files.
 */
export async function ensureInitialAdmin(
  store: Store,
  config: Pick<Config, 'adminPassword'>,
  print: (text: string) => void = (text) => process.stdout.write(text),
): Promise<'exists' | 'created' | 'generated'> {
  if (store.users.count() > 0) return 'exists';
  const password = config.adminPassword ?? randomBytes(18).toString('base64url');
  await store.users.create({ username: INITIAL_ADMIN, password, role: 'admin' });
  if (config.adminPassword !== undefined) return 'created';
  print(
    `\nErster Start: Benutzer „${INITIAL_ADMIN}“ angelegt.\n` +
      `Passwort (wird nur dieses eine Mal angezeigt): ${password}\n` +
      `Bitte nach der ersten Anmeldung ändern: npm run user -- passwd ${INITIAL_ADMIN}\n\n`,
  );
  return 'generated';
}

/**
 * Deletes enquiry free text older than the retention period now and then every
 * `intervalMs` (figures stay). Returns a function that stops the timer.
 */
export function scheduleRetention(
  store: Store,
  config: Pick<Config, 'retentionDays'>,
  logger: Logger,
  options: { now?: () => Date; intervalMs?: number } = {},
): () => void {
  const now = options.now ?? (() => new Date());
  const run = () => {
    try {
      const cutoff = new Date(now().getTime() - config.retentionDays * 86_400_000);
      const purged = store.enquiries.purgeTextBefore(cutoff);
      if (purged > 0) logger.info({ purged, cutoff: cutoff.toISOString() }, 'enquiry texts deleted after the retention period');
    } catch (error) {
      logger.error({ err: error }, 'retention run failed');
    }
  };
  run();
  const timer = setInterval(run, options.intervalMs ?? 6 * 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
