/**
 * Backups and restores of the database file.
 *
 * `backupDatabase` uses SQLite's online backup (better-sqlite3 `db.backup()`) on a
 * read-only connection of its own, so it runs while Lotse serves: readers never block
 * writers in WAL mode. The copy is written next to its destination under a temporary
 * name, turned into a self-contained file (journal mode DELETE, no -wal beside it),
 * checked (`PRAGMA integrity_check`, Lotse's schema_migrations) and only then renamed
 * into place, so a half-written backup never carries the final name.
 *
 * `restoreDatabase` refuses while any process has the database open (it tries to take
 * an exclusive lock), checks the backup the same way, keeps the current database under
 * a dated name, puts the backup in its place and removes stale -wal/-shm files.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { loadMigrations, MIGRATIONS_DIR } from './migrate.js';

export class BackupError extends Error {
  /** `not_found`, `exists`, `invalid` (not a sound Lotse database), `in_use` (restore while the server runs). */
  readonly reason: 'not_found' | 'exists' | 'invalid' | 'in_use';
  constructor(reason: BackupError['reason'], message: string) {
    super(message);
    this.name = 'BackupError';
    this.reason = reason;
  }
}

export interface DatabaseSummary {
  /** Applied migration versions, ascending. */
  migrations: number[];
  enquiries: number;
  users: number;
  bytes: number;
}

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

export interface BackupOptions {
  /**
   * Pages copied per step; between steps the event loop runs. Default 1000 (4 MB).
   * When a write by another connection restarts the backup, the rest is copied in one
   * step (one read transaction), so a busy server cannot keep the backup from finishing.
   */
  pagesPerStep?: number;
  onProgress?: (progress: BackupProgress) => void;
  /** Replace an existing file at the destination. Default false. */
  overwrite?: boolean;
  /** Folder with the migration files this version knows. Default: the bundled ones. */
  migrationsDir?: string;
}

export interface BackupResult extends DatabaseSummary {
  path: string;
  durationMs: number;
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeSidecars(path: string): void {
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
  rmSync(`${path}-journal`, { force: true });
}

/**
 * Checks that `path` is a sound Lotse database this version can open: integrity_check
 * passes, `schema_migrations` lists migrations 1…n without gaps and none newer than the
 * code knows. Throws {@link BackupError} `invalid` (or `not_found`) naming the problem.
 */
export function verifyLotseDatabase(path: string, migrationsDir: string = MIGRATIONS_DIR): DatabaseSummary {
  if (!existsSync(path) || !statSync(path).isFile()) throw new BackupError('not_found', `Die Datei ${path} gibt es nicht.`);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError('invalid', `${path} lässt sich nicht als SQLite-Datenbank öffnen: ${(error as Error).message}`);
  }
  try {
    let check: string[];
    try {
      check = (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (error) {
      throw new BackupError('invalid', `${path} ist keine SQLite-Datenbank: ${(error as Error).message}`);
    }
    if (check.join() !== 'ok') throw new BackupError('invalid', `${path} ist beschädigt (integrity_check: ${check.slice(0, 3).join('; ')}).`);
    const hasTable = (name: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    if (!hasTable('schema_migrations')) throw new BackupError('invalid', `${path} ist keine Lotse-Datenbank (Tabelle schema_migrations fehlt).`);
    const migrations = (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
    if (migrations.length === 0 || migrations.some((v, i) => v !== i + 1)) {
      throw new BackupError('invalid', `${path} ist keine vollständige Lotse-Datenbank (Migrationen ${migrations.join(', ') || 'keine'}).`);
    }
    const known = loadMigrations(migrationsDir).length;
    const newest = migrations.at(-1) ?? 0;
    if (newest > known) {
      throw new BackupError('invalid', `${path} stammt von einer neueren Lotse-Version (Migration ${newest}, diese Version kennt ${known}).`);
    }
    for (const table of ['users', 'enquiries']) {
      if (!hasTable(table)) throw new BackupError('invalid', `${path} ist keine Lotse-Datenbank (Tabelle ${table} fehlt).`);
    }
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { migrations, enquiries: count('enquiries'), users: count('users'), bytes: statSync(path).size };
  } finally {
    db.close();
  }
}

/** Copies the live database at `sourcePath` to `destPath` while it is in use. */
export async function backupDatabase(sourcePath: string, destPath: string, options: BackupOptions = {}): Promise<BackupResult> {
  const started = Date.now();
  const source = resolve(sourcePath);
  const dest = resolve(destPath);
  if (!existsSync(source)) throw new BackupError('not_found', `Die Datenbank ${source} gibt es nicht.`);
  if (dest === source) throw new BackupError('exists', 'Die Sicherung kann nicht die Datenbank selbst sein.');
  if (existsSync(dest) && !options.overwrite) throw new BackupError('exists', `${dest} gibt es schon; bitte einen neuen Dateinamen wählen.`);
  if (!existsSync(dirname(dest))) throw new BackupError('not_found', `Den Ordner ${dirname(dest)} gibt es nicht.`);

  const partial = join(dirname(dest), `.${basename(dest)}.${process.pid}.partial`);
  rmSync(partial, { force: true });
  removeSidecars(partial);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const pagesPerStep = Math.max(1, Math.trunc(options.pagesPerStep ?? 1000));
    let lastRemaining = Number.POSITIVE_INFINITY;
    let everything = false;
    await db.backup(partial, {
      progress: (progress) => {
        options.onProgress?.(progress);
        // A write by another connection restarts the copy: then take the rest in one step.
        if (progress.remainingPages > lastRemaining) everything = true;
        lastRemaining = progress.remainingPages;
        return everything ? 0x7fffffff : pagesPerStep;
      },
    });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }

  try {
    // A self-contained file: no -wal beside it, so it can be copied anywhere as it is.
    const copy = new Database(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    removeSidecars(partial);
    const summary = verifyLotseDatabase(partial, options.migrationsDir);
    fsyncPath(partial);
    renameSync(partial, dest);
    fsyncPath(dirname(dest));
    return { ...summary, path: dest, durationMs: Date.now() - started };
  } catch (error) {
    rmSync(partial, { force: true });
    removeSidecars(partial);
    throw error;
  }
}

/**
 * True when some connection (a running server, a CLI) has the database open: an
 * exclusive lock cannot be taken then. False when the file does not exist.
 */
export function databaseInUse(path: string): boolean {
  if (!existsSync(path)) return false;
  const db = new Database(path, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    // Fold the WAL into the file while we are alone; closing removes the -wal.
    db.pragma('wal_checkpoint(TRUNCATE)');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY') || (error as { code?: string }).code?.startsWith('SQLITE_LOCKED')) return true;
    throw error;
  } finally {
    db.close();
  }
}

export interface RestoreResult extends DatabaseSummary {
  /** Where the database that was replaced now lies (null when there was none). */
  previous: string | null;
}

/**
 * Replaces the database at `targetPath` with the backup at `backupPath`. Refuses
 * ({@link BackupError} `in_use`) while any process has the database open; the server
 * must be stopped first. The replaced database is kept as
 * `<target>.vor-wiederherstellung-<time>`.
 */
export function restoreDatabase(
  backupPath: string,
  targetPath: string,
  options: { now?: () => Date; migrationsDir?: string } = {},
): RestoreResult {
  const backup = resolve(backupPath);
  const target = resolve(targetPath);
  if (backup === target) throw new BackupError('invalid', 'Die Sicherung ist die Datenbank selbst.');
  const summary = verifyLotseDatabase(backup, options.migrationsDir);
  if (databaseInUse(target)) {
    throw new BackupError('in_use', 'Die Datenbank ist geöffnet – läuft Lotse noch? Bitte den Server zuerst beenden.');
  }

  // Copy next to the target first, so the final step is a rename on the same disk.
  const incoming = `${target}.wiederherstellung-${process.pid}`;
  copyFileSync(backup, incoming);
  removeSidecars(incoming);
  fsyncPath(incoming);

  let previous: string | null = null;
  if (existsSync(target)) {
    const stamp = (options.now ?? (() => new Date()))().toISOString().replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
    previous = `${target}.vor-wiederherstellung-${stamp}`;
    renameSync(target, previous);
  }
  // The -wal/-shm of the replaced database must not be applied to the restored one.
  removeSidecars(target);
  renameSync(incoming, target);
  fsyncPath(dirname(target));
  return { ...summary, bytes: statSync(target).size, previous };
}
