/**
 * Numbered migrations (`migrations/001-initial.sql`, `002-….sql`, …), each applied in
 * its own IMMEDIATE transaction together with its row in `schema_migrations`, so a
 * failing migration leaves no trace and a second process waits instead of racing.
 * A migration that was changed after it ran, or a database newer than the code, stops
 * the start.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../domain/logger.js';
import type { Db } from './database.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(`store/migrate: ${message}`);
    this.name = 'MigrationError';
  }
}

/** The folder with the bundled migrations (works with tsx, which runs the sources). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

const FILE_NAME = /^(\d{3})-([a-z0-9-]+)\.sql$/;

/** Reads and checks the migration files of a folder: numbered 001, 002, … without gaps. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.sql')) continue;
    const match = FILE_NAME.exec(file);
    if (!match) throw new MigrationError(`unexpected file name ${file} (want NNN-name.sql)`);
    const sql = readFileSync(join(dir, file), 'utf8');
    migrations.push({
      version: Number(match[1]),
      name: match[2] ?? '',
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError(`migration ${String(i + 1).padStart(3, '0')} is missing`);
  });
  return migrations;
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/** Applies the pending migrations; returns the versions applied now (empty when up to date). */
export function migrate(db: Db, migrations: readonly Migration[], logger: Logger, now: () => Date = () => new Date()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const selectApplied = db.prepare<[], AppliedRow>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
  const insertApplied = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');

  const applied = new Map(selectApplied.all().map((row) => [row.version, row]));
  const known = new Set(migrations.map((m) => m.version));
  for (const version of applied.keys()) {
    if (!known.has(version)) {
      throw new MigrationError(`the database has migration ${version}, which this version of Lotse does not know; use a newer version`);
    }
  }

  const done: number[] = [];
  for (const migration of migrations) {
    const row = applied.get(migration.version);
    if (row) {
      if (row.checksum !== migration.checksum) {
        throw new MigrationError(`migration ${migration.version} (${migration.name}) was changed after it was applied; add a new migration instead`);
      }
      continue;
    }
    const apply = db.transaction(() => {
      // A concurrent process may have applied it while we waited for the lock.
      const again = db.prepare<[number], AppliedRow>('SELECT version, name, checksum FROM schema_migrations WHERE version = ?').get(migration.version);
      if (again) return false;
      db.exec(migration.sql);
      insertApplied.run(migration.version, migration.name, migration.checksum, now().toISOString());
      return true;
    });
    if (apply.immediate()) {
      done.push(migration.version);
      logger.info({ version: migration.version, name: migration.name }, 'migration applied');
    }
  }
  return done;
}
