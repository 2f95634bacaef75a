/**
 * Opens the SQLite database with Lotse's pragmas. The only file besides the
 * repositories that touches better-sqlite3.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { localDayOf } from '../domain/berlin-time.js';

export type Db = Database.Database;

/**
 * `FULL` syncs the WAL to disk at every commit: a stored enquiry survives a crash of
 * the process and a power loss. `NORMAL` syncs only at checkpoints: it survives a
 * crash of the process (kill -9) but may lose the last commits on power loss.
 */
export type Synchronous = 'FULL' | 'NORMAL';

export interface DatabaseOptions {
  /** Durability of commits; see {@link Synchronous}. Default `FULL`. */
  synchronous?: Synchronous;
  /** How long a writer waits for a lock held by another connection, in ms. Default 5000. */
  busyTimeoutMs?: number;
}

/** Opens (and creates) the database file, creating its folder; `:memory:` works too. */
export function openDatabase(path: string, options: DatabaseOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    // The roll-up triggers (migration 002) bucket enquiries by local day in Europe/Berlin.
    db.function('berlin_day', { deterministic: true }, (instant: unknown) => localDayOf(String(instant)));
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
