/**
 * The store: SQLite with WAL, migrations, and one repository per concept.
 *
 *   const store = openStore('data/lotse.db', logger);
 *   store.users.create(...); store.enquiries.list(...); store.close();
 */
import { silentLogger, type Logger } from '../domain/logger.js';
import { createAuditLog, type AuditLog } from './audit.js';
import { createCallbackReader, type CallbackReader } from './callbacks.js';
import { openDatabase, type Synchronous } from './database.js';
import { createEnquiryRepository, type EnquiryRepository, type EnquiryWriteHook } from './enquiries.js';
import { createKbUsageReader, type KbUsageReader } from './kb-usage.js';
import { loadMigrations, migrate, MIGRATIONS_DIR } from './migrate.js';
import { createRollupReader, type RollupReader } from './rollups.js';
import type { ScryptParams } from './passwords.js';
import { createSessionRepository, type SessionRepository } from './sessions.js';
import { createSimilarReader, type SimilarReader } from './similar.js';
import { createUserRepository, type UserRepository } from './users.js';

export { AUDIT_ACTIONS, type AuditAction, type AuditEntry, type AuditLog, type AuditPage, type AuditQuery, type NewAuditEntry } from './audit.js';
export {
  backupDatabase,
  BackupError,
  databaseInUse,
  restoreDatabase,
  verifyLotseDatabase,
  type BackupOptions,
  type BackupResult,
  type DatabaseSummary,
  type RestoreResult,
} from './backup.js';
export type { Synchronous } from './database.js';
export type {
  AuditContext,
  Enquiry,
  EnquiryChange,
  EnquiryChanges,
  EnquiryListener,
  EnquiryPage,
  EnquiryPosition,
  EnquiryQuery,
  EnquiryRepository,
  EnquiryWriteHook,
  NewEnquiry,
  Redaction,
  StoredTopic,
  Suggestion,
  TagSource,
  TrainingExample,
} from './enquiries.js';
export { ftsQuery } from './enquiries.js';
export { loadMigrations, migrate, MigrationError, MIGRATIONS_DIR, type Migration } from './migrate.js';
export { DEFAULT_SCRYPT_PARAMS, hashPassword, verifyPassword, type ScryptParams } from './passwords.js';
export type { DailyCount, RollupReader, TrendDimension, TrendFilter } from './rollups.js';
export type { CallbackReader, DueCallback } from './callbacks.js';
export type { ArticleUsage, GapExample, KbUsage, KbUsageQuery, KbUsageReader, TopicGap } from './kb-usage.js';
export { similarQuery, type SimilarMatch, type SimilarReader } from './similar.js';
export type { NewSession, ResolvedSession, SessionRepository, SessionUser } from './sessions.js';
export type { NewUser, User, UserChanges, UserRepository } from './users.js';

export interface StoreOptions {
  /** The clock; tests inject one. Default: the system clock. */
  now?: () => Date;
  /** Durability of commits. Default `FULL` (see README, "Dauerhaftigkeit"). */
  synchronous?: Synchronous;
  /** Session idle timeout in ms. Default 8 h. */
  sessionIdleMs?: number;
  /** Absolute session lifetime in ms. Default 12 h. */
  sessionMaxAgeMs?: number;
  /** scrypt cost for new password hashes. Default {@link DEFAULT_SCRYPT_PARAMS}. */
  scrypt?: ScryptParams;
  /** Apply pending migrations while opening. Default true; when false call `migrate()`. */
  migrate?: boolean;
  /** Folder with the migration files. Default: the bundled `migrations/`. */
  migrationsDir?: string;
  /** Extra work inside every enquiry write transaction (e.g. roll-ups). */
  enquiryHooks?: readonly EnquiryWriteHook[];
}

export interface Store {
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly enquiries: EnquiryRepository;
  readonly audit: AuditLog;
  /** Counts per local day for trends and reports, kept in step by triggers (migration 002). */
  readonly rollups: RollupReader;
  /** Stored enquiries like a note (full-text OR query, bm25). */
  readonly similar: SimilarReader;
  /** Call-backs due by a day. */
  readonly callbacks: CallbackReader;
  /** Article suggestions vs. articles used, and content gaps per topic. */
  readonly kbUsage: KbUsageReader;
  /** Applies pending migrations; returns the versions applied now. */
  migrate(): number[];
  /** True once migrations ran and until `close()`. */
  isReady(): boolean;
  /** A cheap query that fails when the database is unusable. */
  ping(): boolean;
  close(): void;
}

/** Opens the database at `path` (`:memory:` for throwaway stores) and applies migrations. */
export function openStore(path: string, logger: Logger = silentLogger, options: StoreOptions = {}): Store {
  const now = options.now ?? (() => new Date());
  const db = openDatabase(path, { synchronous: options.synchronous ?? 'FULL' });
  const migrations = loadMigrations(options.migrationsDir ?? MIGRATIONS_DIR);
  let migrated = false;
  let closed = false;

  const runMigrations = (): number[] => {
    const applied = migrate(db, migrations, logger, now);
    migrated = true;
    return applied;
  };

  try {
    if (options.migrate !== false) runMigrations();
  } catch (error) {
    db.close();
    throw error;
  }

  // Repositories prepare their statements on first use of the schema, so they are
  // created lazily: a store opened with `migrate: false` has no tables yet.
  let repositories:
    | {
        users: UserRepository;
        sessions: SessionRepository;
        enquiries: EnquiryRepository;
        audit: AuditLog;
        rollups: RollupReader;
        similar: SimilarReader;
        callbacks: CallbackReader;
        kbUsage: KbUsageReader;
      }
    | undefined;
  const repos = () => {
    if (!migrated) throw new Error('store: migrations have not run yet');
    if (closed) throw new Error('store: closed');
    if (!repositories) {
      const audit = createAuditLog(db, now);
      repositories = {
        audit,
        users: createUserRepository(db, { now, ...(options.scrypt ? { scrypt: options.scrypt } : {}) }),
        sessions: createSessionRepository(db, {
          now,
          idleMs: options.sessionIdleMs ?? 8 * 3_600_000,
          maxAgeMs: options.sessionMaxAgeMs ?? 12 * 3_600_000,
        }),
        enquiries: createEnquiryRepository(db, { now, logger, audit, hooks: options.enquiryHooks ?? [] }),
        rollups: createRollupReader(db),
        similar: createSimilarReader(db),
        callbacks: createCallbackReader(db),
        kbUsage: createKbUsageReader(db),
      };
    }
    return repositories;
  };

  const ping = db.prepare('SELECT 1');
  return {
    get users() {
      return repos().users;
    },
    get sessions() {
      return repos().sessions;
    },
    get enquiries() {
      return repos().enquiries;
    },
    get audit() {
      return repos().audit;
    },
    get rollups() {
      return repos().rollups;
    },
    get similar() {
      return repos().similar;
    },
    get callbacks() {
      return repos().callbacks;
    },
    get kbUsage() {
      return repos().kbUsage;
    },
    migrate: runMigrations,
    isReady: () => migrated && !closed,
    ping() {
      if (closed) return false;
      try {
        ping.get();
        return true;
      } catch {
        return false;
      }
    },
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
