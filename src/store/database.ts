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

const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;
const dayOfHour = new Map<string, string>();

/**
 * The Berlin day of a stored timestamp, for the roll-up triggers (called several times
 * per write). Berlin's offset changes only at whole UTC hours, so every instant of one
 * UTC hour falls on the same Berlin day: the answer is cached per hour.
 */
export function berlinDay(instant: string): string {
  if (!UTC_ISO.test(instant)) return localDayOf(instant);
  const hour = instant.slice(0, 13);
  let day = dayOfHour.get(hour);
  if (day === undefined) {
    if (dayOfHour.size >= 50_000) dayOfHour.clear();
    day = localDayOf(instant);
    dayOfHour.set(hour, day);
  }
  return day;
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
    db.function('berlin_day', { deterministic: true }, (instant: unknown) => berlinDay(String(instant)));
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
