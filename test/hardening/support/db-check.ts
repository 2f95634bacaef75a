/**
 * Checks on a Lotse database file from the outside, the way an operator would look at
 * it after a crash or a restore: opened read-only with better-sqlite3 (with the
 * `berlin_day` function the roll-up triggers use, registered like src/store/database.ts
 * does), `PRAGMA integrity_check`, and every roll-up table, daily and weekly, compared
 * with a GROUP BY recount of the enquiries.
 */
import Database from 'better-sqlite3';
import { localDayOf } from '../../../src/domain/berlin-time.js';

export type Db = Database.Database;

/** Opens the database read-only; the caller closes it. */
export function openReadOnly(path: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.function('berlin_day', { deterministic: true }, (instant: unknown) => localDayOf(String(instant)));
  return db;
}

/** `PRAGMA integrity_check`: ['ok'] when the file is sound. */
export function integrity(db: Db): string[] {
  return (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map((r) => r.integrity_check);
}

/** Each roll-up table with its key columns and the GROUP BY that recounts it from the enquiries. */
const ROLLUPS: { table: string; keys: string[]; recount: string }[] = [
  { table: 'rollup_day', keys: ['day'], recount: 'SELECT berlin_day(created_at) AS day, count(*) AS count FROM enquiries GROUP BY 1' },
  {
    table: 'rollup_day_district',
    keys: ['day', 'district'],
    recount: "SELECT berlin_day(created_at) AS day, coalesce(district_code, '') AS district, count(*) AS count FROM enquiries GROUP BY 1, 2",
  },
  {
    table: 'rollup_day_caller',
    keys: ['day', 'caller'],
    recount: "SELECT berlin_day(created_at) AS day, coalesce(caller, '') AS caller, count(*) AS count FROM enquiries GROUP BY 1, 2",
  },
  {
    table: 'rollup_day_district_caller',
    keys: ['day', 'district', 'caller'],
    recount:
      "SELECT berlin_day(created_at) AS day, coalesce(district_code, '') AS district, coalesce(caller, '') AS caller, count(*) AS count FROM enquiries GROUP BY 1, 2, 3",
  },
  {
    table: 'rollup_day_referral',
    keys: ['day', 'referred_to'],
    recount:
      "SELECT berlin_day(created_at) AS day, referred_to, count(*) AS count FROM enquiries WHERE coalesce(referred_to, '') <> '' GROUP BY 1, 2",
  },
  {
    table: 'rollup_day_topic',
    keys: ['day', 'topic'],
    recount: 'SELECT berlin_day(e.created_at) AS day, t.topic, count(*) AS count FROM enquiries e JOIN enquiry_topics t ON t.enquiry_id = e.id GROUP BY 1, 2',
  },
  {
    table: 'rollup_day_topic_district',
    keys: ['day', 'topic', 'district'],
    recount:
      "SELECT berlin_day(e.created_at) AS day, t.topic, coalesce(e.district_code, '') AS district, count(*) AS count FROM enquiries e JOIN enquiry_topics t ON t.enquiry_id = e.id GROUP BY 1, 2, 3",
  },
  {
    table: 'rollup_day_topic_district_caller',
    keys: ['day', 'topic', 'district', 'caller'],
    recount:
      "SELECT berlin_day(e.created_at) AS day, t.topic, coalesce(e.district_code, '') AS district, coalesce(e.caller, '') AS caller, count(*) AS count FROM enquiries e JOIN enquiry_topics t ON t.enquiry_id = e.id GROUP BY 1, 2, 3, 4",
  },
];

/**
 * The weekly tables of migration 004 (all but referrals): the daily recount summed by the
 * Monday of each day's ISO week.
 */
for (const daily of ROLLUPS.filter((r) => r.table !== 'rollup_day_referral')) {
  const others = daily.keys.slice(1); // the key columns besides the day
  const keys = ['week', ...others];
  ROLLUPS.push({
    table: daily.table.replace('rollup_day', 'rollup_week'),
    keys,
    recount: `SELECT ${["date(day, '-6 days', 'weekday 1') AS week", ...others, 'sum(count) AS count'].join(', ')}
              FROM (${daily.recount}) GROUP BY ${keys.join(', ')}`,
  });
}

function keyed(rows: Record<string, unknown>[], keys: string[]): Map<string, number> {
  return new Map(rows.map((row) => [keys.map((k) => String(row[k])).join('|'), Number(row.count)]));
}

/**
 * Differences between the roll-up tables and a recount, as readable lines
 * (`rollup_day_topic 2026-11-25|sprache: stored 4, recount 5`); empty when they agree.
 * Rows with count 0 (left behind by deletions) count as absent.
 */
export function rollupMismatches(db: Db): string[] {
  const problems: string[] = [];
  // One read transaction, so a server writing at the same time cannot skew the comparison.
  db.transaction(() => {
    for (const { table, keys, recount } of ROLLUPS) {
      const stored = keyed(db.prepare(`SELECT ${keys.join(', ')}, count FROM ${table} WHERE count <> 0`).all() as Record<string, unknown>[], keys);
      const expected = keyed(db.prepare(recount).all() as Record<string, unknown>[], keys);
      for (const key of new Set([...stored.keys(), ...expected.keys()])) {
        const a = stored.get(key) ?? 0;
        const b = expected.get(key) ?? 0;
        if (a !== b) problems.push(`${table} ${key}: stored ${a}, recount ${b}`);
      }
    }
  })();
  return problems;
}

/** Every enquiry's id and text (null once purged). */
export function enquiryTexts(db: Db): Map<number, string | null> {
  const rows = db.prepare('SELECT id, text FROM enquiries').all() as { id: number; text: string | null }[];
  return new Map(rows.map((r) => [r.id, r.text]));
}

/** Texts stored more than once (every note sent carries a unique marker). */
export function duplicateTexts(db: Db): { text: string; count: number }[] {
  return db.prepare('SELECT text, count(*) AS count FROM enquiries WHERE text IS NOT NULL GROUP BY text HAVING count(*) > 1').all() as {
    text: string;
    count: number;
  }[];
}
