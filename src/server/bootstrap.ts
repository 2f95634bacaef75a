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

export interface RetentionOptions {
  now?: () => Date;
  /** Enquiries (and training examples) per transaction. Default 200. */
  batchSize?: number;
  /** What started the run, for the audit trail. Default `schedule`. */
  trigger?: 'schedule' | 'cli';
}

export interface RetentionResult {
  /** Free text of enquiries created before this instant was deleted. */
  cutoff: string;
  enquiries: number;
  examples: number;
  batches: number;
}

/** Lets pending I/O (requests) run between two batches. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One retention run: deletes the free text (text, redactions) of enquiries older than
 * the retention period and the training examples made from them, in small transactions
 * with the event loop free in between, so requests are not held up; tags and figures
 * stay. Audited as `retention.run`. When there is little to do it completes without
 * waiting (the first batch runs before the first `await`).
 */
export async function runRetention(store: Store, config: Pick<Config, 'retentionDays'>, options: RetentionOptions = {}): Promise<RetentionResult> {
  const now = options.now ?? (() => new Date());
  const batchSize = Math.max(1, Math.trunc(options.batchSize ?? 200));
  const cutoff = new Date(now().getTime() - config.retentionDays * 86_400_000);
  const result: RetentionResult = { cutoff: cutoff.toISOString(), enquiries: 0, examples: 0, batches: 0 };
  for (;;) {
    const batch = store.enquiries.purgeTextBatch(cutoff, batchSize);
    result.batches += 1;
    result.enquiries += batch.enquiries;
    result.examples += batch.examples;
    if (batch.enquiries < batchSize && batch.examples < batchSize) break;
    await yieldToEventLoop();
  }
  store.audit.record({
    userId: null,
    action: 'retention.run',
    enquiryId: null,
    detail: { cutoff: result.cutoff, retentionDays: config.retentionDays, enquiries: result.enquiries, examples: result.examples, trigger: options.trigger ?? 'schedule' },
  });
  return result;
}

/**
 * Deletes enquiry free text older than the retention period now and then every
 * `intervalMs` (figures stay), in batches (see {@link runRetention}). Returns a
 * function that stops the timer.
 */
export function scheduleRetention(
  store: Store,
  config: Pick<Config, 'retentionDays'>,
  logger: Logger,
  options: { now?: () => Date; intervalMs?: number; batchSize?: number } = {},
): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const result = await runRetention(store, config, { ...options, trigger: 'schedule' });
      if (result.enquiries > 0) logger.info({ purged: result.enquiries, examples: result.examples, batches: result.batches, cutoff: result.cutoff }, 'enquiry texts deleted after the retention period');
    } catch (error) {
      logger.error({ err: error }, 'retention run failed');
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), options.intervalMs ?? 6 * 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
