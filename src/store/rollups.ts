/**
 * Reads the roll-up tables that migrations 002 and 004 keep equal to a recount of the
 * enquiries (their triggers run inside every write transaction). Each query picks the
 * narrowest table that can answer it, and weekly series read whole weeks from the weekly
 * tables, so a year of weekly series reads under a thousand rows, however many enquiries
 * there are.
 */
import type { Statement } from 'better-sqlite3';
import { addDays, bucketStart, type Bucket } from '../domain/berlin-time.js';
import type { Db } from './database.js';

export type TrendDimension = 'topic' | 'district' | 'caller';

export interface TrendFilter {
  topic?: string;
  district?: string;
  caller?: string;
}

/** Counts per local day (`YYYY-MM-DD`) and key; the key is '' for "no district"/"no caller". */
export interface DailyCount {
  day: string;
  key: string;
  count: number;
}

/** Counts per bucket (its first local day) and key. */
export interface BucketCount {
  start: string;
  key: string;
  count: number;
}

/**
 * The first day of a row's bucket, computed in SQL: a year of weekly series then returns
 * 53 rows per key instead of 365 (each row handed to JavaScript costs about a microsecond,
 * far more than SQLite's work). Weeks are ISO weeks: `weekday 1` moves to the next Monday
 * unless the day is one, so starting six days back lands on the Monday of the day's week.
 */
const BUCKET_START_SQL: Record<Bucket, string> = {
  day: 'day',
  week: "date(day, '-6 days', 'weekday 1')",
  month: "substr(day, 1, 8) || '01'",
};

/**
 * The daily roll-up tables that series are read from, narrowest first, with their key
 * columns besides the day; each has a weekly twin (see {@link weeklyTable}). Referral
 * targets have a table of their own.
 */
export const ROLLUP_TABLES: readonly (readonly [table: string, keys: readonly string[]])[] = [
  ['rollup_day', []],
  ['rollup_day_topic', ['topic']],
  ['rollup_day_district', ['district']],
  ['rollup_day_caller', ['caller']],
  ['rollup_day_topic_district', ['topic', 'district']],
  ['rollup_day_district_caller', ['district', 'caller']],
  ['rollup_day_topic_district_caller', ['topic', 'district', 'caller']],
];

interface TableChoice {
  /** The daily table; its weekly twin is named `rollup_week…` (see {@link weeklyTable}). */
  table: string;
  /** Column holding the key, or null for plain totals. */
  keyColumn: string | null;
}

/** The weekly table next to a daily one (migration 004): same key columns, `week` for `day`. */
export function weeklyTable(dailyTable: string): string {
  return dailyTable.replace(/^rollup_day/, 'rollup_week');
}

/** A part of a range and the tables it is read from; for `week`, `from` and `to` are the Mondays of the first and last week. */
export interface RangePart {
  from: string;
  to: string;
  period: 'day' | 'week';
}

/**
 * [from, to] split into the whole ISO weeks inside it (read from the weekly tables) and
 * the days of the partial weeks at either end (read from the daily tables), in ascending
 * order. A range without a whole week stays one part of days.
 */
export function splitByWeeks(from: string, to: string): RangePart[] {
  const first = bucketStart(addDays(from, 6), 'week'); // `from` if a Monday, else the next Monday
  const last = addDays(bucketStart(addDays(to, 1), 'week'), -7); // the week whose Sunday is `to` or earlier
  if (first > last) return [{ from, to, period: 'day' }];
  const parts: RangePart[] = [];
  if (from < first) parts.push({ from, to: addDays(first, -1), period: 'day' });
  parts.push({ from: first, to: last, period: 'week' });
  if (addDays(last, 7) <= to) parts.push({ from: addDays(last, 7), to, period: 'day' });
  return parts;
}

const COLUMN: Record<TrendDimension, string> = { topic: 'topic', district: 'district', caller: 'caller' };

/**
 * The narrowest table that has the grouping column and every filtered column. A topic
 * filter or grouping needs a topic table (an enquiry counts once per topic); without one,
 * the enquiry-level tables count each enquiry once.
 */
function chooseTable(by: TrendDimension | null, filter: TrendFilter): TableChoice {
  const needed = new Set<string>();
  if (by) needed.add(COLUMN[by]);
  if (filter.topic !== undefined) needed.add('topic');
  if (filter.district !== undefined) needed.add('district');
  if (filter.caller !== undefined) needed.add('caller');
  const [table] = ROLLUP_TABLES.find(([, columns]) => [...needed].every((c) => columns.includes(c))) ?? [];
  if (!table) throw new Error('rollups: no table for this query');
  return { table, keyColumn: by ? COLUMN[by] : null };
}

export interface RollupReader {
  /** Daily counts in the inclusive local-day range, grouped by `by` (or one total series when null). */
  daily(from: string, to: string, by: TrendDimension | null, filter?: TrendFilter): DailyCount[];
  /** Counts per bucket in the inclusive range (partial first and last buckets count only their days in it), ordered by start and key. */
  bucketed(from: string, to: string, bucket: Bucket, by: TrendDimension | null, filter?: TrendFilter): BucketCount[];
  /** The sum over the range (enquiries, or topic mentions when a topic table answers). */
  total(from: string, to: string, filter?: TrendFilter): number;
  /** Referral targets with their counts in the range, most frequent first. */
  referrals(from: string, to: string, limit?: number): { referredTo: string; count: number }[];
  /** Counts by topic × district × caller over the range (for the CSV export). */
  cube(from: string, to: string): { topic: string; district: string; caller: string; count: number }[];
  /** Enquiries (not topic mentions) by district × caller over the range. */
  enquiryCube(from: string, to: string): { district: string; caller: string; count: number }[];
}

export function createRollupReader(db: Db): RollupReader {
  const cache = new Map<string, Statement<unknown[]>>();
  const prepared = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare<unknown[]>(sql);
      cache.set(sql, statement);
    }
    return statement;
  };

  /** The table, WHERE clause and parameters of a range query with filters, on the daily or the weekly table. */
  function select(from: string, to: string, by: TrendDimension | null, filter: TrendFilter, period: 'day' | 'week') {
    const choice = chooseTable(by, filter);
    const table = period === 'day' ? choice.table : weeklyTable(choice.table);
    const where = [`${period} BETWEEN @from AND @to`];
    const params: Record<string, string> = { from, to };
    for (const dimension of ['topic', 'district', 'caller'] as const) {
      const value = filter[dimension];
      if (value === undefined) continue;
      where.push(`${dimension} = @${dimension}`);
      params[dimension] = value;
    }
    return { table, key: choice.keyColumn ?? "''", where: where.join(' AND '), params };
  }

  /**
   * Counts per bucket and key from one table, ordered by bucket and key. On a daily table
   * the bucket's first day is computed from `day`; on a weekly table it is `week` itself.
   */
  function grouped(from: string, to: string, bucket: Bucket, by: TrendDimension | null, filter: TrendFilter, period: 'day' | 'week'): BucketCount[] {
    const { table, key, where, params } = select(from, to, by, filter, period);
    const start = period === 'week' ? 'week' : BUCKET_START_SQL[bucket];
    // Raw rows (arrays) are markedly cheaper to hand over than objects.
    const rows = prepared(
      `SELECT ${start} AS start, ${key} AS key, sum(count) AS count FROM ${table}
       WHERE ${where} GROUP BY start, key HAVING sum(count) <> 0 ORDER BY start, key`,
    )
      .raw(true)
      .all(params) as [string, string, number][];
    return rows.map(([start, key, count]) => ({ start, key, count }));
  }

  function sum(from: string, to: string, filter: TrendFilter, period: 'day' | 'week'): number {
    const { table, where, params } = select(from, to, null, filter, period);
    return (prepared(`SELECT coalesce(sum(count), 0) FROM ${table} WHERE ${where}`).pluck().get(params) as number) ?? 0;
  }

  /**
   * Weekly buckets: the whole weeks come from the weekly tables (one row per week and key
   * instead of seven), the partial weeks at either end from the daily tables. The parts
   * cover disjoint buckets in ascending order, so their rows are simply concatenated, and
   * each bucket is summed over exactly the days it would be summed over day by day.
   */
  function bucketed(from: string, to: string, bucket: Bucket, by: TrendDimension | null, filter: TrendFilter = {}): BucketCount[] {
    if (bucket !== 'week') return grouped(from, to, bucket, by, filter, 'day');
    return splitByWeeks(from, to).flatMap((part) => grouped(part.from, part.to, 'week', by, filter, part.period));
  }

  return {
    daily(from, to, by, filter = {}) {
      return grouped(from, to, 'day', by, filter, 'day').map(({ start, key, count }) => ({ day: start, key, count }));
    },
    bucketed,
    total(from, to, filter = {}) {
      // Whole weeks from the weekly tables here too: a year is 52 rows per key instead of 365.
      return splitByWeeks(from, to).reduce((total, part) => total + sum(part.from, part.to, filter, part.period), 0);
    },
    referrals(from, to, limit = 50) {
      return prepared(
        `SELECT referred_to AS referredTo, sum(count) AS count FROM rollup_day_referral
         WHERE day BETWEEN ? AND ? GROUP BY referred_to HAVING sum(count) > 0
         ORDER BY count DESC, referred_to LIMIT ?`,
      ).all(from, to, limit) as { referredTo: string; count: number }[];
    },
    cube(from, to) {
      return prepared(
        `SELECT topic, district, caller, sum(count) AS count FROM rollup_day_topic_district_caller
         WHERE day BETWEEN ? AND ? GROUP BY topic, district, caller HAVING sum(count) > 0
         ORDER BY topic, district, caller`,
      ).all(from, to) as { topic: string; district: string; caller: string; count: number }[];
    },
    enquiryCube(from, to) {
      return prepared(
        `SELECT district, caller, sum(count) AS count FROM rollup_day_district_caller
         WHERE day BETWEEN ? AND ? GROUP BY district, caller HAVING sum(count) > 0
         ORDER BY district, caller`,
      ).all(from, to) as { district: string; caller: string; count: number }[];
    },
  };
}
