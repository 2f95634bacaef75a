/**
 * Calendar arithmetic in the hotline's time zone (Europe/Berlin). Days are local days,
 * including the 23- and 25-hour days of the daylight-saving changes; weeks are ISO weeks
 * (Monday to Sunday); months are calendar months.
 */

export const TIME_ZONE = 'Europe/Berlin';

export type Bucket = 'day' | 'week' | 'month';

/** A local calendar day as `YYYY-MM-DD`. */
export type LocalDay = string;

const DAY_MS = 86_400_000;

const partsFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

interface LocalParts {
  day: LocalDay;
  hour: number;
  minute: number;
}

function localParts(instant: number): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of partsFormatter.formatToParts(instant)) parts[p.type] = p.value;
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** The local day (Europe/Berlin) of an instant given as ms, Date or ISO string. */
export function localDayOf(instant: number | Date | string): LocalDay {
  const ms = typeof instant === 'number' ? instant : new Date(instant).getTime();
  return localParts(ms).day;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written as `YYYY-MM-DD`. */
export function isLocalDay(value: string): boolean {
  const m = DAY_PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

function splitDay(day: LocalDay): [number, number, number] {
  const m = DAY_PATTERN.exec(day);
  if (!m) throw new Error(`berlin-time: not a day: ${day}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The UTC instant (ms) at which the local day begins (00:00 in Berlin). */
export function startOfLocalDay(day: LocalDay): number {
  const [y, m, d] = splitDay(day);
  const utcMidnight = Date.UTC(y, m - 1, d);
  // Berlin is UTC+1 or UTC+2; midnight always exists because the clocks change at night.
  for (const offsetHours of [1, 2]) {
    const candidate = utcMidnight - offsetHours * 3_600_000;
    const local = localParts(candidate);
    if (local.day === day && local.hour === 0 && local.minute === 0) return candidate;
  }
  throw new Error(`berlin-time: no midnight found for ${day}`);
}

/** Adds whole calendar days to a local day. */
export function addDays(day: LocalDay, days: number): LocalDay {
  const [y, m, d] = splitDay(day);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `a` to `b` (b − a). */
export function daysBetween(a: LocalDay, b: LocalDay): number {
  const [y1, m1, d1] = splitDay(a);
  const [y2, m2, d2] = splitDay(b);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS);
}

/** ISO weekday: Monday 1 … Sunday 7. */
function isoWeekday(day: LocalDay): number {
  const [y, m, d] = splitDay(day);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** ISO week label such as `2026-W48` (the ISO week-numbering year may differ from the calendar year). */
export function isoWeekOf(day: LocalDay): string {
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The first local day of the bucket that contains `day`. */
export function bucketStart(day: LocalDay, bucket: Bucket): LocalDay {
  if (bucket === 'day') return day;
  if (bucket === 'week') return addDays(day, 1 - isoWeekday(day));
  return `${day.slice(0, 7)}-01`;
}

/** The first local day of the bucket after the one that starts at `start`. */
export function nextBucketStart(start: LocalDay, bucket: Bucket): LocalDay {
  if (bucket === 'day') return addDays(start, 1);
  if (bucket === 'week') return addDays(start, 7);
  const [y, m] = splitDay(start);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Start days of every bucket that overlaps the inclusive day range [from, to]. */
export function bucketStarts(from: LocalDay, to: LocalDay, bucket: Bucket): LocalDay[] {
  const starts: LocalDay[] = [];
  for (let s = bucketStart(from, bucket); s <= to; s = nextBucketStart(s, bucket)) starts.push(s);
  return starts;
}
