/**
 * Trends for the team lead (SPEC §4): `GET /api/trends` (series per topic, district or
 * caller in day/week/month buckets) and `GET /api/trends/summary` (this window against
 * the previous one, with spike flags).
 *
 * The figures come from the roll-up tables (`store.rollups`), which triggers keep equal
 * to a recount of the enquiries; the bucketing and the spike maths come from
 * src/trends. {@link createTrendsService} is the one place that combines them, so the
 * API, the live hub, the report and the CSV export always agree.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CALLERS, DISTRICT_CODES, DISTRICTS, TOPIC_IDS, TOPIC_LABELS, type Caller } from '../../../domain/ids.js';
import type { EnquiryRepository, Store, TrendDimension, TrendFilter } from '../../../store/index.js';
import {
  addDays,
  bucketStart,
  bucketStarts,
  isLocalDay,
  localDayOf,
  planWindows,
  summarise,
  type Bucket,
  type LocalDay,
} from '../../../trends/index.js';
import { requireRole } from '../../plugins/auth.js';
import { ProblemSchema } from '../../problem.js';
import { IsoDate } from '../../schemas/common.js';

// ── Vocabulary ──────────────────────────────────────────────────────────────────────────

/** German labels of the callers (SPEC §4 `caller`). */
export const CALLER_LABELS: Readonly<Record<Caller, string>> = {
  ehrenamt: 'Ehrenamtliche',
  beratung: 'Beratungsstellen',
  behoerde: 'Behörden',
  kommune: 'Kommunen',
  unternehmen: 'Unternehmen',
  migrant: 'Zugewanderte',
  migrantenorganisation: 'Migrantenorganisationen',
  sonstige: 'Sonstige',
};

/** The query value that selects enquiries without a district or without a caller (stored as ''). */
export const NONE = 'ohne';
export const NO_DISTRICT_LABEL = 'ohne Landkreis';
export const NO_CALLER_LABEL = 'ohne Angabe';

/** Every key of a dimension in display order ('' = no district / no caller). */
export const KEYS: Readonly<Record<TrendDimension, readonly string[]>> = {
  topic: TOPIC_IDS,
  district: [...DISTRICT_CODES, ''],
  caller: [...CALLERS, ''],
};

/** The German label of a key of a dimension; unknown keys are shown as they are. */
export function labelOf(by: TrendDimension, key: string): string {
  if (by === 'topic') return (TOPIC_LABELS as Record<string, string>)[key] ?? key;
  if (by === 'district') return key === '' ? NO_DISTRICT_LABEL : ((DISTRICTS as Record<string, string>)[key] ?? key);
  return key === '' ? NO_CALLER_LABEL : ((CALLER_LABELS as Record<string, string>)[key] ?? key);
}

// ── Ranges ──────────────────────────────────────────────────────────────────────────────

/** The longest range a series or export may span. */
export const MAX_RANGE_YEARS = 5;

/** The same calendar day `years` later (29 February becomes 1 March). */
function addYears(day: LocalDay, years: number): LocalDay {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** The last day of the range starting `from` that still counts as at most five years. */
export function latestAllowedTo(from: LocalDay): LocalDay {
  return addDays(addYears(from, MAX_RANGE_YEARS), -1);
}

/** The default series range: the last twelve months, from the start of the first bucket, to today. */
export function defaultFrom(today: LocalDay, bucket: Bucket): LocalDay {
  return bucketStart(addDays(addYears(today, -1), 1), bucket);
}

/** `from`/`to`: an ISO date (a whole day in Europe/Berlin) or an ISO timestamp (its local day). */
export const DayOrInstant = z
  .union([IsoDate, z.iso.datetime({ offset: true })], {
    error: 'Erwartet ist ein Datum (JJJJ-MM-TT) oder ein ISO-Zeitstempel.',
  })
  .transform((value) => (isLocalDay(value) ? value : localDayOf(value)));

interface RangeInput {
  from?: LocalDay | undefined;
  to?: LocalDay | undefined;
}

/**
 * Resolves defaults and checks the order and length of a range; issues name the field
 * (`to` when it lies before `from`, `from` when the range is longer than five years).
 */
export function checkRange(
  input: RangeInput,
  defaults: { from: (to: LocalDay) => LocalDay; to: () => LocalDay },
  ctx: z.RefinementCtx,
): { from: LocalDay; to: LocalDay } {
  const to = input.to ?? defaults.to();
  const from = input.from ?? defaults.from(to);
  if (from > to) {
    ctx.addIssue({ code: 'custom', path: [input.to === undefined ? 'from' : 'to'], message: '„to“ liegt vor „from“.' });
  } else if (to > latestAllowedTo(from)) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: `Der Zeitraum darf höchstens ${MAX_RANGE_YEARS} Jahre umfassen.` });
  }
  return { from, to };
}

// ── Schemas ─────────────────────────────────────────────────────────────────────────────

const BucketSchema = z.enum(['day', 'week', 'month']);
const DimensionSchema = z.enum(['topic', 'district', 'caller']);

/** The query of `GET /api/trends`; defaults depend on today's date, hence the clock. */
export function trendsQuerySchema(today: () => LocalDay) {
  return z
    .strictObject({
      from: DayOrInstant.optional().describe('Ab (einschließlich): Datum (Tag in Europe/Berlin) oder Zeitstempel; Standard: vor zwölf Monaten'),
      to: DayOrInstant.optional().describe('Bis (einschließlich); Standard: heute'),
      bucket: BucketSchema.default('week').describe('Zeitraster: Tag, ISO-Woche (Mo–So) oder Kalendermonat'),
      by: DimensionSchema.default('topic').describe('Eine Reihe je Thema, Landkreis oder Anrufenden-Gruppe'),
      topic: z.enum(TOPIC_IDS).optional(),
      district: z.enum([...DISTRICT_CODES, NONE]).optional().describe(`Kreisschlüssel; „${NONE}“ = ohne Landkreis`),
      caller: z.enum([...CALLERS, NONE]).optional().describe(`Anrufende; „${NONE}“ = ohne Angabe`),
    })
    .transform((q, ctx) => {
      const range = checkRange(q, { to: today, from: (to) => defaultFrom(to, q.bucket) }, ctx);
      const filter: TrendFilter = {};
      if (q.topic !== undefined) filter.topic = q.topic;
      if (q.district !== undefined) filter.district = q.district === NONE ? '' : q.district;
      if (q.caller !== undefined) filter.caller = q.caller === NONE ? '' : q.caller;
      return { ...range, bucket: q.bucket, by: q.by, filter };
    });
}
export type SeriesQuery = z.output<ReturnType<typeof trendsQuerySchema>>;

export const TrendSeriesSchema = z
  .object({
    bucket: BucketSchema,
    by: DimensionSchema,
    from: z.string().describe('Erster Tag des Zeitraums (einschließlich)'),
    to: z.string().describe('Letzter Tag des Zeitraums (einschließlich)'),
    filter: z.object({ topic: z.string().optional(), district: z.string().optional(), caller: z.string().optional() }),
    total: z.number().int().describe('Anfragen im Zeitraum, die zu den Filtern passen (bei Themenfilter: Anfragen mit diesem Thema)'),
    series: z.array(
      z.object({
        key: z.string().describe("Themen-ID, Kreisschlüssel oder Anrufenden-Gruppe; '' = ohne Angabe"),
        label: z.string(),
        total: z.number().int(),
        points: z.array(z.object({ t: z.string().describe('Erster Tag des Zeitraums (JJJJ-MM-TT)'), count: z.number().int() })),
      }),
    ),
  })
  .meta({ id: 'TrendSeries' });
export type TrendSeries = z.infer<typeof TrendSeriesSchema>;

export const SummaryQuerySchema = z.strictObject({
  window: z.enum(['7d', '30d']).default('7d').describe('Fenster: die letzten 7 oder 30 Tage bis heute'),
});

const Range = z.object({ from: z.string(), to: z.string() });
const SummaryItemSchema = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number().int(),
  previous: z.number().int().describe('Anzahl im Fenster davor'),
  change: z.number().nullable().describe('(count − previous) / previous; null, wenn previous 0 ist'),
  spike: z.boolean().describe('Auffällig hoch gegenüber den acht Fenstern davor'),
  expected: z.number(),
});
export const TrendSummarySchema = z
  .object({
    window: z.enum(['7d', '30d']),
    today: z.string(),
    current: Range,
    previous: Range,
    total: z.object({ count: z.number().int(), previous: z.number().int(), change: z.number().nullable() }),
    topics: z.array(SummaryItemSchema),
    districts: z.array(SummaryItemSchema),
  })
  .meta({ id: 'TrendSummary' });
export type TrendSummary = z.infer<typeof TrendSummarySchema>;

// ── Service ─────────────────────────────────────────────────────────────────────────────

/** Today's counts, as the live dashboard shows them. */
export interface TodayFigures {
  day: LocalDay;
  total: number;
  topics: Record<string, number>;
  districts: Record<string, number>;
}

/** Figures of one period for the report and the CSV export. */
export interface PeriodFigures {
  from: LocalDay;
  to: LocalDay;
  total: number;
  topics: { key: string; label: string; count: number }[];
  districts: { key: string; label: string; count: number }[];
  callers: { key: string; label: string; count: number }[];
  referrals: { referredTo: string; count: number }[];
  /** Topic mentions by topic × district × caller. */
  cube: { topic: string; district: string; caller: string; count: number }[];
  /** Enquiries by district × caller (each enquiry once). */
  enquiryCube: { district: string; caller: string; count: number }[];
}

export interface TrendsService {
  /** Today in Europe/Berlin. */
  today(): LocalDay;
  series(query: SeriesQuery): TrendSeries;
  summary(window: '7d' | '30d'): TrendSummary;
  todayFigures(): TodayFigures;
  period(from: LocalDay, to: LocalDay): PeriodFigures;
}

export interface TrendsDeps {
  /** The roll-ups; with `enquiries`, results are cached until the next committed write. */
  store: Pick<Store, 'rollups'> & { readonly enquiries?: Pick<EnquiryRepository, 'onCommitted'> };
  /** Clock; default: the system clock. */
  now?: () => Date;
  /**
   * How many results to keep (series, summaries, periods; least recently used go first).
   * Every committed enquiry write empties the cache, and an entry lives at most `cacheMs`
   * (writes by other processes, e.g. a restore, show up after that). 0 = no cache. Default 64.
   */
  cacheEntries?: number;
  /** Default 30 s. */
  cacheMs?: number;
}

/**
 * A small LRU cache of computed figures, emptied on every committed enquiry write. Live
 * dashboards refetch the same series after each update; with the cache, 500 of them cost
 * one computation. Callers must not mutate what they get.
 */
class FiguresCache {
  readonly #entries = new Map<string, { at: number; value: unknown }>();
  readonly #max: number;
  readonly #ttl: number;
  #subscribed = false;

  constructor(
    max: number,
    ttl: number,
    private readonly subscribe: (() => ((listener: () => void) => unknown) | undefined) | null,
  ) {
    this.#max = max;
    this.#ttl = ttl;
  }

  get<T>(key: string, compute: () => T): T {
    if (this.#max <= 0 || !this.#ensureSubscribed()) return compute();
    const hit = this.#entries.get(key);
    const now = Date.now();
    if (hit && now - hit.at < this.#ttl) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit.value as T;
    }
    const value = compute();
    this.#entries.delete(key);
    this.#entries.set(key, { at: now, value });
    if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    return value;
  }

  /** Subscribes on first use (the store's repositories exist only once it is open). */
  #ensureSubscribed(): boolean {
    if (this.#subscribed) return true;
    const onCommitted = this.subscribe?.();
    if (!onCommitted) return false;
    onCommitted(() => this.#entries.clear());
    this.#subscribed = true;
    return true;
  }
}

function sumCounts(rows: readonly { count: number }[]): number {
  let total = 0;
  for (const row of rows) total += row.count;
  return total;
}

/** Totals per key in the dimension's display order (all keys, zeros included), then unknown keys. */
function totalsByKey(by: TrendDimension, rows: readonly { key: string; count: number }[]): { key: string; label: string; count: number }[] {
  const totals = new Map<string, number>(KEYS[by].map((k) => [k, 0]));
  for (const row of rows) totals.set(row.key, (totals.get(row.key) ?? 0) + row.count);
  return [...totals].map(([key, count]) => ({ key, label: labelOf(by, key), count }));
}

export function createTrendsService(deps: TrendsDeps): TrendsService {
  // Read through `deps.store` on every call: the store's repositories are created lazily.
  const store = deps.store;
  const now = deps.now ?? (() => new Date());
  const today = () => localDayOf(now());
  const cache = new FiguresCache(deps.cacheEntries ?? 64, deps.cacheMs ?? 30_000, () => {
    const enquiries = store.enquiries;
    return enquiries ? (listener) => enquiries.onCommitted(listener) : undefined;
  });

  function computeSeries(query: SeriesQuery): TrendSeries {
    const { from, to, bucket, by, filter } = query;
    const starts = bucketStarts(from, to, bucket);
    // Only the filtered key when grouping by the filtered dimension.
    const fixed = filter[by];
    const keys = fixed !== undefined ? [fixed] : KEYS[by];
    const counts = new Map<string, number[]>(keys.map((k) => [k, new Array<number>(starts.length).fill(0)]));
    const slotOf = new Map(starts.map((start, i) => [start, i]));
    for (const row of store.rollups.bucketed(from, to, bucket, by, filter)) {
      const slot = slotOf.get(row.start);
      if (slot === undefined) continue;
      let target = counts.get(row.key);
      if (!target) {
        target = new Array<number>(starts.length).fill(0);
        counts.set(row.key, target);
      }
      target[slot]! += row.count;
    }
    const total = store.rollups.total(from, to, filter);
    return {
      bucket,
      by,
      from,
      to,
      filter: Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, v === '' ? NONE : v])),
      total,
      series: [...counts].map(([key, values]) => ({
        key,
        label: labelOf(by, key),
        total: values.reduce((a, b) => a + b, 0),
        points: values.map((count, i) => ({ t: starts[i]!, count })),
      })),
    };
  }

  function series(query: SeriesQuery): TrendSeries {
    return cache.get(`series|${JSON.stringify(query)}`, () => computeSeries(query));
  }

  function summary(window: '7d' | '30d'): TrendSummary {
    const day = today();
    return cache.get(`summary|${window}|${day}`, () => computeSummary(window, day));
  }

  function computeSummary(window: '7d' | '30d', day: LocalDay): TrendSummary {
    const plan = planWindows(day, window === '7d' ? 7 : 30);
    const previous = plan.trailing[plan.trailing.length - 1] ?? plan.current;
    const items = (by: 'topic' | 'district') => {
      const byKey = new Map<string, Map<LocalDay, number>>();
      for (const row of store.rollups.daily(plan.earliest, day, by)) {
        let daily = byKey.get(row.key);
        if (!daily) byKey.set(row.key, (daily = new Map()));
        daily.set(row.day, row.count);
      }
      const keys = by === 'topic' ? TOPIC_IDS : DISTRICT_CODES;
      return summarise(byKey, plan, keys).map((item) => ({
        key: item.key,
        label: labelOf(by, item.key),
        count: item.count,
        previous: item.previous,
        change: item.change,
        spike: item.spike,
        expected: item.expected,
      }));
    };
    const count = sumCounts(store.rollups.daily(plan.current.from, plan.current.to, null));
    const before = sumCounts(store.rollups.daily(previous.from, previous.to, null));
    return {
      window,
      today: day,
      current: plan.current,
      previous,
      total: { count, previous: before, change: before === 0 ? null : (count - before) / before },
      topics: items('topic'),
      districts: items('district'),
    };
  }

  function todayFigures(): TodayFigures {
    const day = today();
    return cache.get(`today|${day}`, () => computeToday(day));
  }

  function computeToday(day: LocalDay): TodayFigures {
    const topics: Record<string, number> = Object.fromEntries(TOPIC_IDS.map((k) => [k, 0]));
    for (const row of store.rollups.daily(day, day, 'topic')) topics[row.key] = (topics[row.key] ?? 0) + row.count;
    const districts: Record<string, number> = Object.fromEntries(KEYS.district.map((k) => [k, 0]));
    for (const row of store.rollups.daily(day, day, 'district')) districts[row.key] = (districts[row.key] ?? 0) + row.count;
    return { day, total: sumCounts(store.rollups.daily(day, day, null)), topics, districts };
  }

  function period(from: LocalDay, to: LocalDay): PeriodFigures {
    return cache.get(`period|${from}|${to}`, () => computePeriod(from, to));
  }

  function computePeriod(from: LocalDay, to: LocalDay): PeriodFigures {
    const enquiryCube = store.rollups.enquiryCube(from, to);
    const cube = store.rollups.cube(from, to);
    const districtRows = enquiryCube.map((r) => ({ key: r.district, count: r.count }));
    const callerRows = enquiryCube.map((r) => ({ key: r.caller, count: r.count }));
    const topicRows = cube.map((r) => ({ key: r.topic, count: r.count }));
    return {
      from,
      to,
      total: sumCounts(enquiryCube),
      topics: totalsByKey('topic', topicRows),
      districts: totalsByKey('district', districtRows),
      callers: totalsByKey('caller', callerRows),
      referrals: store.rollups.referrals(from, to, 100),
      cube,
      enquiryCube,
    };
  }

  return { today, series, summary, todayFigures, period };
}

// ── Routes ──────────────────────────────────────────────────────────────────────────────

export function trendsRoutes(deps: TrendsDeps & { trends?: TrendsService }): FastifyPluginAsync {
  return async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const trends = deps.trends ?? createTrendsService(deps);
    const lead = requireRole('lead');
    const tags = ['Trends'];

    app.get(
      '/api/trends',
      {
        onRequest: lead,
        schema: {
          summary: 'Anfragen im Zeitverlauf je Thema, Landkreis oder Anrufenden-Gruppe',
          tags,
          querystring: trendsQuerySchema(trends.today),
          response: { 200: TrendSeriesSchema, '4xx': ProblemSchema },
        },
      },
      async (request) => trends.series(request.query),
    );

    app.get(
      '/api/trends/summary',
      {
        onRequest: lead,
        schema: {
          summary: 'Dieses Fenster gegenüber dem vorigen, mit Auffälligkeiten, je Thema und Landkreis',
          tags,
          querystring: SummaryQuerySchema,
          response: { 200: TrendSummarySchema, '4xx': ProblemSchema },
        },
      },
      async (request) => trends.summary(request.query.window),
    );
  };
}
