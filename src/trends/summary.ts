/**
 * The team lead's "what is rising" view: per key (topic or district) the count of the
 * current window, of the previous one, the change, and a spike verdict against the
 * eight windows before the current one.
 */
import { addDays, type LocalDay } from '../domain/berlin-time.js';
import { DEFAULT_SPIKE_OPTIONS, relativeChange, testSpike, type SpikeOptions } from './spikes.js';

export const TRAILING_WINDOWS = 8;

export interface WindowPlan {
  /** Inclusive local-day range of the current window, ending with `today`. */
  current: { from: LocalDay; to: LocalDay };
  /** Inclusive ranges of the trailing windows, oldest first; the last one is the previous window. */
  trailing: { from: LocalDay; to: LocalDay }[];
  /** First day any window needs, for the data query. */
  earliest: LocalDay;
}

/** The current window of `days` days ending `today`, and the eight before it. */
export function planWindows(today: LocalDay, days: number, trailing = TRAILING_WINDOWS): WindowPlan {
  const currentFrom = addDays(today, 1 - days);
  const windows = Array.from({ length: trailing }, (_, i) => {
    const back = trailing - i;
    return { from: addDays(currentFrom, -back * days), to: addDays(currentFrom, -(back - 1) * days - 1) };
  });
  return {
    current: { from: currentFrom, to: today },
    trailing: windows,
    earliest: windows[0]?.from ?? currentFrom,
  };
}

export interface SummaryItem {
  key: string;
  count: number;
  previous: number;
  /** (count − previous) / previous; null when previous is 0. */
  change: number | null;
  spike: boolean;
  expected: number;
  pValue: number;
}

/** Sums daily counts over an inclusive day range. */
function sumRange(daily: ReadonlyMap<LocalDay, number>, from: LocalDay, to: LocalDay): number {
  let total = 0;
  for (const [day, count] of daily) if (day >= from && day <= to) total += count;
  return total;
}

/**
 * Summarises daily counts per key (`key → day → count`) for the planned windows, sorted by
 * count, then by key. Keys listed in `keys` appear even when they have no counts.
 */
export function summarise(
  dailyByKey: ReadonlyMap<string, ReadonlyMap<LocalDay, number>>,
  plan: WindowPlan,
  keys: readonly string[] = [...dailyByKey.keys()],
  options: SpikeOptions = DEFAULT_SPIKE_OPTIONS,
): SummaryItem[] {
  const empty = new Map<LocalDay, number>();
  return keys
    .map((key) => {
      const daily = dailyByKey.get(key) ?? empty;
      const count = sumRange(daily, plan.current.from, plan.current.to);
      const trailing = plan.trailing.map((w) => sumRange(daily, w.from, w.to));
      const previous = trailing[trailing.length - 1] ?? 0;
      const verdict = testSpike(count, trailing, options);
      return {
        key,
        count,
        previous,
        change: relativeChange(count, previous),
        spike: verdict.spike,
        expected: Math.round(verdict.expected * 10) / 10,
        pValue: verdict.pValue,
      };
    })
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
