import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import t from 'tap';
import { CALLERS, DISTRICT_CODES, TOPIC_IDS, type Caller, type DistrictCode, type TopicId } from '../../src/domain/ids.js';
import { addDays, bucketStart, localDayOf } from '../../src/domain/berlin-time.js';
import { silentLogger } from '../../src/domain/logger.js';
import { openStore, type Enquiry, type NewEnquiry, type Store } from '../../src/store/index.js';
import { MIGRATIONS_DIR } from '../../src/store/migrate.js';
import { createRollupReader, splitByWeeks, type BucketCount, type TrendDimension, type TrendFilter } from '../../src/store/rollups.js';
import { openTestStore } from '../helpers/store.js';

function draft(over: Partial<NewEnquiry> = {}): NewEnquiry {
  return {
    text: 'Ehrenamtliche aus Naumburg fragt nach Berufssprachkurs.',
    redactions: [],
    channel: 'telefon',
    caller: 'ehrenamt',
    district: { code: '15084', source: 'auto' },
    topics: [{ id: 'sprache', score: 0.9, source: 'auto' }],
    outcome: 'beantwortet',
    referredTo: null,
    articleUsed: null,
    callbackDate: null,
    suggestions: [],
    triageVersion: null,
    authorId: null,
    ...over,
  };
}

/**
 * Every roll-up recounted from the enquiries with GROUP BY, keyed like the roll-up rows;
 * the weekly tables (`week…`) by the Monday of the local day's ISO week, computed here in
 * JavaScript, independently of the SQL in the migration.
 */
function recount(store: Store): Record<string, Record<string, number>> {
  const all: Enquiry[] = [];
  for (let after = undefined as Parameters<Store['enquiries']['list']>[0]['after']; ; ) {
    const page = store.enquiries.list({ limit: 100, ...(after ? { after } : {}) });
    all.push(...page.items);
    if (!page.next) break;
    after = page.next;
  }
  const tables: Record<string, Record<string, number>> = {
    total: {}, topic: {}, district: {}, caller: {}, topicDistrict: {}, districtCaller: {}, cube: {}, referral: {},
    weekTotal: {}, weekTopic: {}, weekDistrict: {}, weekCaller: {}, weekTopicDistrict: {}, weekDistrictCaller: {}, weekCube: {},
  };
  const bump = (table: string, key: string) => {
    const target = tables[table]!;
    target[key] = (target[key] ?? 0) + 1;
  };
  for (const e of all) {
    const day = localDayOf(e.createdAt);
    const week = bucketStart(day, 'week');
    const district = e.district?.code ?? '';
    const caller = e.caller ?? '';
    bump('total', day);
    bump('district', `${day}|${district}`);
    bump('caller', `${day}|${caller}`);
    bump('districtCaller', `${day}|${district}|${caller}`);
    if (e.referredTo) bump('referral', `${day}|${e.referredTo}`);
    bump('weekTotal', week);
    bump('weekDistrict', `${week}|${district}`);
    bump('weekCaller', `${week}|${caller}`);
    bump('weekDistrictCaller', `${week}|${district}|${caller}`);
    for (const topic of e.topics) {
      bump('topic', `${day}|${topic.id}`);
      bump('topicDistrict', `${day}|${topic.id}|${district}`);
      bump('cube', `${day}|${topic.id}|${district}|${caller}`);
      bump('weekTopic', `${week}|${topic.id}`);
      bump('weekTopicDistrict', `${week}|${topic.id}|${district}`);
      bump('weekCube', `${week}|${topic.id}|${district}|${caller}`);
    }
  }
  return tables;
}

function rollups(path: string): Record<string, Record<string, number>> {
  // Read the tables directly through a second connection, as a reader would.
  const reader = createRollupReader(openRaw(path));
  const range = ['2000-01-01', '2100-01-01'] as const;
  const keyed = (rows: { day: string; key: string; count: number }[]) =>
    Object.fromEntries(rows.map((r) => [`${r.day}|${r.key}`, r.count]));
  const result = {
    total: Object.fromEntries(reader.daily(...range, null).map((r) => [r.day, r.count])),
    topic: keyed(reader.daily(...range, 'topic')),
    district: keyed(reader.daily(...range, 'district')),
    caller: keyed(reader.daily(...range, 'caller')),
    topicDistrict: {} as Record<string, number>,
    districtCaller: {} as Record<string, number>,
    cube: {} as Record<string, number>,
    referral: {} as Record<string, number>,
    weekTotal: {} as Record<string, number>,
    weekTopic: {} as Record<string, number>,
    weekDistrict: {} as Record<string, number>,
    weekCaller: {} as Record<string, number>,
    weekTopicDistrict: {} as Record<string, number>,
    weekDistrictCaller: {} as Record<string, number>,
    weekCube: {} as Record<string, number>,
  };
  for (const row of rawAll(path, 'SELECT day, topic, district, count FROM rollup_day_topic_district WHERE count <> 0'))
    result.topicDistrict[`${row.day}|${row.topic}|${row.district}`] = row.count as number;
  for (const row of rawAll(path, 'SELECT day, district, caller, count FROM rollup_day_district_caller WHERE count <> 0'))
    result.districtCaller[`${row.day}|${row.district}|${row.caller}`] = row.count as number;
  for (const row of rawAll(path, 'SELECT day, topic, district, caller, count FROM rollup_day_topic_district_caller WHERE count <> 0'))
    result.cube[`${row.day}|${row.topic}|${row.district}|${row.caller}`] = row.count as number;
  for (const row of rawAll(path, 'SELECT day, referred_to, count FROM rollup_day_referral WHERE count <> 0'))
    result.referral[`${row.day}|${row.referred_to}`] = row.count as number;
  // The weekly tables (migration 004), read as stored, every key column joined by '|'.
  const weekly: [keyof typeof result, string, string[]][] = [
    ['weekTotal', 'rollup_week', []],
    ['weekTopic', 'rollup_week_topic', ['topic']],
    ['weekDistrict', 'rollup_week_district', ['district']],
    ['weekCaller', 'rollup_week_caller', ['caller']],
    ['weekTopicDistrict', 'rollup_week_topic_district', ['topic', 'district']],
    ['weekDistrictCaller', 'rollup_week_district_caller', ['district', 'caller']],
    ['weekCube', 'rollup_week_topic_district_caller', ['topic', 'district', 'caller']],
  ];
  for (const [name, table, keys] of weekly) {
    for (const row of rawAll(path, `SELECT week, ${[...keys, 'count'].join(', ')} FROM ${table} WHERE count <> 0`)) {
      result[name][['week', ...keys].map((k) => String(row[k])).join('|')] = row.count as number;
    }
  }
  return result;
}

const raws: Database.Database[] = [];
function openRaw(path: string): Database.Database {
  const db = new Database(path, { readonly: true });
  db.function('berlin_day', { deterministic: true }, (v: unknown) => localDayOf(String(v)));
  raws.push(db);
  return db;
}
/** A second, writable connection with the SQL function the roll-up triggers call. */
function openWriter(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  db.function('berlin_day', { deterministic: true }, (v: unknown) => localDayOf(String(v)));
  return db;
}
function rawAll(path: string, sql: string): Record<string, unknown>[] {
  return openRaw(path).prepare(sql).all() as Record<string, unknown>[];
}
t.teardown(() => raws.forEach((db) => db.close()));

const topicArb = fc.constantFrom(...TOPIC_IDS) as fc.Arbitrary<TopicId>;
const districtArb = fc.option(fc.constantFrom(...DISTRICT_CODES) as fc.Arbitrary<DistrictCode>, { nil: null });
const callerArb = fc.option(fc.constantFrom(...CALLERS) as fc.Arbitrary<Caller>, { nil: null });
const referralArb = fc.option(fc.constantFrom('Jobcenter Halle', 'MBE Caritas', 'IQ Netzwerk'), { nil: null });
// Times around the 2026 daylight-saving changes and ordinary days.
const instantArb = fc.constantFrom(
  '2026-03-28T22:30:00Z', '2026-03-28T23:30:00Z', '2026-03-29T21:30:00Z', '2026-03-29T22:30:00Z',
  '2026-10-24T21:30:00Z', '2026-10-24T22:30:00Z', '2026-10-25T22:30:00Z', '2026-10-25T23:30:00Z',
  '2026-11-25T09:00:00Z', '2026-12-31T22:59:00Z', '2026-12-31T23:00:00Z', '2027-01-03T23:30:00Z',
);

const opArb = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    topics: fc.uniqueArray(topicArb, { minLength: 1, maxLength: 3 }),
    district: districtArb,
    caller: callerArb,
    referredTo: referralArb,
    at: instantArb,
  }),
  fc.record({
    kind: fc.constant('update' as const),
    target: fc.nat(),
    topics: fc.option(fc.uniqueArray(topicArb, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    district: fc.option(districtArb, { nil: undefined }),
    referredTo: fc.option(referralArb, { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('purge' as const) }),
  fc.record({ kind: fc.constant('purgeBatch' as const), limit: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('delete' as const), target: fc.nat() }),
  // No write path of Lotse moves an enquiry in time, but the roll-up triggers follow such a
  // change too (it moves the enquiry between days and weeks): written with plain SQL.
  fc.record({ kind: fc.constant('move' as const), target: fc.nat(), at: instantArb }),
);

t.test('any sequence of writes, corrections, deletions and retention leaves every roll-up, daily and weekly, equal to a recount', async (t) => {
  let runs = 0;
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), (ops) => {
      const { store, path } = openTestStore(t);
      const ids: number[] = [];
      let writer: Database.Database | undefined;
      for (const op of ops) {
        if (op.kind === 'create') {
          const e = store.enquiries.create(
            draft({
              topics: op.topics.map((id, i) => ({ id, score: 1 - i / 10, source: 'auto' as const })),
              district: op.district ? { code: op.district, source: 'auto' } : null,
              caller: op.caller,
              referredTo: op.referredTo,
              createdAt: new Date(op.at),
            }),
          );
          ids.push(e.id);
        } else if (op.kind === 'update' && ids.length > 0) {
          const id = ids[op.target % ids.length]!;
          const changes = {
            ...(op.topics ? { topics: op.topics } : {}),
            ...(op.district !== undefined ? { district: op.district } : {}),
            ...(op.referredTo !== undefined ? { referredTo: op.referredTo } : {}),
          };
          store.enquiries.update(id, changes, null);
        } else if (op.kind === 'purge') {
          store.enquiries.purgeTextBefore(new Date('2026-06-01T00:00:00Z'));
        } else if (op.kind === 'purgeBatch') {
          store.enquiries.purgeTextBatch(new Date('2026-12-01T00:00:00Z'), op.limit);
        } else if (op.kind === 'delete' && ids.length > 0) {
          const [id] = ids.splice(op.target % ids.length, 1);
          store.enquiries.delete(id!, null);
        } else if (op.kind === 'move' && ids.length > 0) {
          writer ??= openWriter(path);
          writer.prepare('UPDATE enquiries SET created_at = ? WHERE id = ?').run(new Date(op.at).toISOString(), ids[op.target % ids.length]!);
        }
      }
      runs++;
      writer?.close();
      const expected = recount(store);
      const actual = rollups(path);
      store.close();
      t.same(actual, expected);
      return true;
    }),
    { numRuns: 60, seed: 20261125 },
  );
  t.equal(runs, 60);
});

t.test('migration 004 fills the weekly tables from the daily ones of an existing database', async (t) => {
  // A database that has seen writes, corrections and a deletion under migrations 001–003.
  const dir = t.testdir({ before: {} });
  const before = join(dir, 'before');
  for (const file of readdirSync(MIGRATIONS_DIR).filter((f) => f < '004')) copyFileSync(join(MIGRATIONS_DIR, file), join(before, file));
  const path = join(dir, 'lotse.db');
  const earlier = openStore(path, silentLogger, { migrationsDir: before });
  const ids = ['2026-03-28T23:30:00Z', '2026-03-29T22:30:00Z', '2026-10-25T22:30:00Z', '2026-10-25T23:30:00Z', '2026-12-31T23:00:00Z'].map(
    (at, i) =>
      earlier.enquiries.create(
        draft({ createdAt: new Date(at), caller: i % 2 ? 'migrant' : null, topics: [{ id: TOPIC_IDS[i]!, score: 0.9, source: 'auto' }] }),
      ).id,
  );
  earlier.enquiries.update(ids[1]!, { district: null, topics: ['aufenthalt', 'sprache'] }, null);
  earlier.enquiries.delete(ids[3]!, null);
  t.notOk(rawAll(path, "SELECT name FROM sqlite_master WHERE name = 'rollup_week'").length, 'no weekly tables yet');
  earlier.close();

  // The same file opened with every migration: 004 runs and fills the weekly tables.
  const store = openStore(path, silentLogger);
  t.teardown(() => store.close());
  const expected = recount(store);
  t.ok(Object.keys(expected.weekCube!).length >= 4, 'several weeks hold enquiries');
  t.same(rollups(path), expected);
});

t.test('a roll-up row that changes its key instead of its count is refused, not half followed', async (t) => {
  const { store, path } = openTestStore(t);
  store.enquiries.create(draft({ createdAt: new Date('2026-11-24T10:00:00Z') }));
  const writer = openWriter(path);
  t.teardown(() => writer.close());
  t.throws(() => writer.exec("UPDATE rollup_day_topic SET day = '2026-11-30'"), /never its key/);
  t.same(rollups(path), recount(store), 'nothing changed');
});

t.test('an enquiry with two topics counts once in each topic and once in the total', async (t) => {
  const { store, path } = openTestStore(t);
  store.enquiries.create(draft({ topics: [{ id: 'aufenthalt', score: 0.9, source: 'auto' }, { id: 'arbeitgeber', score: 0.6, source: 'auto' }], createdAt: new Date('2026-11-24T10:00:00Z') }));
  const reader = createRollupReader(openRaw(path));
  t.same(reader.daily('2026-11-24', '2026-11-24', null), [{ day: '2026-11-24', key: '', count: 1 }]);
  t.same(
    reader.daily('2026-11-24', '2026-11-24', 'topic').map((r) => [r.key, r.count]),
    [['arbeitgeber', 1], ['aufenthalt', 1]],
  );
  t.same(reader.daily('2026-11-24', '2026-11-24', null, { topic: 'aufenthalt', caller: 'ehrenamt' }).map((r) => r.count), [1]);
  t.same(reader.daily('2026-11-24', '2026-11-24', 'district', { topic: 'sprache' }), []);
});

t.test('splitByWeeks: the whole ISO weeks inside a range, and the days before and after them', async (t) => {
  // 2026-11-23 is a Monday.
  t.same(splitByWeeks('2026-11-23', '2026-11-29'), [{ from: '2026-11-23', to: '2026-11-23', period: 'week' }], 'exactly one week');
  t.same(
    splitByWeeks('2026-11-24', '2026-12-13'),
    [
      { from: '2026-11-24', to: '2026-11-29', period: 'day' },
      { from: '2026-11-30', to: '2026-12-07', period: 'week' },
    ],
    'partial first week, whole weeks to the end',
  );
  t.same(
    splitByWeeks('2026-11-23', '2026-12-15'),
    [
      { from: '2026-11-23', to: '2026-12-07', period: 'week' },
      { from: '2026-12-14', to: '2026-12-15', period: 'day' },
    ],
    'whole weeks, then a partial last week',
  );
  t.same(
    splitByWeeks('2026-11-29', '2026-12-07'),
    [
      { from: '2026-11-29', to: '2026-11-29', period: 'day' },
      { from: '2026-11-30', to: '2026-11-30', period: 'week' },
      { from: '2026-12-07', to: '2026-12-07', period: 'day' },
    ],
    'a Sunday, a week, a Monday',
  );
  t.same(splitByWeeks('2026-11-23', '2026-11-28'), [{ from: '2026-11-23', to: '2026-11-28', period: 'day' }], 'Monday to Saturday');
  t.same(splitByWeeks('2026-11-24', '2026-11-30'), [{ from: '2026-11-24', to: '2026-11-30', period: 'day' }], 'seven days, but no whole week');
  t.same(splitByWeeks('2026-11-25', '2026-11-25'), [{ from: '2026-11-25', to: '2026-11-25', period: 'day' }], 'one day');
  t.same(splitByWeeks('2026-12-28', '2027-01-03'), [{ from: '2026-12-28', to: '2026-12-28', period: 'week' }], 'across the turn of the year');
});

t.test('weekly buckets read from the weekly tables equal bucketing the daily counts, for any range and filter', async (t) => {
  const { store, path } = openTestStore(t);
  // Enquiries over 2026 and the turn of the year, denser around the daylight-saving weeks
  // (Sunday 29 March and Sunday 25 October 2026), with corrections and deletions so that
  // some roll-up rows hold zero.
  let seed = 5;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const spans: [string, number][] = [
    ['2025-12-20T00:00:00Z', 400 * 86_400_000],
    ['2026-03-25T00:00:00Z', 8 * 86_400_000],
    ['2026-10-21T00:00:00Z', 8 * 86_400_000],
  ];
  const ids: number[] = [];
  for (let i = 0; i < 900; i++) {
    const [start, length] = spans[i % 3]!;
    const topics = [...new Set([pick(TOPIC_IDS), ...(rand() < 0.3 ? [pick(TOPIC_IDS)] : [])])];
    const e = store.enquiries.create(
      draft({
        createdAt: new Date(Date.parse(start) + Math.floor(rand() * length)),
        topics: topics.map((id, rank) => ({ id, score: 1 - rank / 10, source: 'auto' as const })),
        district: rand() < 0.15 ? null : { code: pick(DISTRICT_CODES), source: 'auto' },
        caller: rand() < 0.1 ? null : pick(CALLERS),
      }),
    );
    ids.push(e.id);
  }
  for (const id of ids.filter((_, i) => i % 17 === 0)) store.enquiries.update(id, { district: null, topics: [pick(TOPIC_IDS)] }, null);
  for (const id of ids.filter((_, i) => i % 23 === 0)) store.enquiries.delete(id, null);

  const reader = createRollupReader(openRaw(path));
  /** The reference: daily counts, bucketed into ISO weeks in JavaScript. */
  const byDays = (from: string, to: string, by: TrendDimension | null, filter: TrendFilter): BucketCount[] => {
    const sums = new Map<string, BucketCount>();
    for (const row of reader.daily(from, to, by, filter)) {
      const start = bucketStart(row.day, 'week');
      const entry = sums.get(`${start}|${row.key}`) ?? { start, key: row.key, count: 0 };
      entry.count += row.count;
      sums.set(`${start}|${row.key}`, entry);
    }
    return [...sums.values()]
      .filter((r) => r.count !== 0)
      .sort((a, b) => (a.start === b.start ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.start < b.start ? -1 : 1));
  };

  // Starts anywhere from mid-December 2025 (also on the days around the clock changes);
  // lengths from one day to a whole year.
  const dayArb = fc.oneof(
    fc.integer({ min: 0, max: 400 }).map((n) => addDays('2025-12-15', n)),
    fc.constantFrom('2026-03-22', '2026-03-23', '2026-03-29', '2026-03-30', '2026-10-19', '2026-10-25', '2026-10-26', '2026-12-28', '2027-01-01'),
  );
  const lengthArb = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 7, max: 20 }), fc.integer({ min: 0, max: 366 }));
  // Each filter in one case of three, so that most checks compare non-empty series.
  const sometimes = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: arb, weight: 1 });
  const filterArb = fc
    .record({
      topic: sometimes(fc.constantFrom(...TOPIC_IDS)),
      district: sometimes(fc.constantFrom('', ...DISTRICT_CODES)),
      caller: sometimes(fc.constantFrom('', ...CALLERS)),
    })
    .map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as TrendFilter);
  const byArb = fc.constantFrom<TrendDimension | null>(null, 'topic', 'district', 'caller');

  let checked = 0;
  let nonEmpty = 0;
  fc.assert(
    fc.property(dayArb, lengthArb, byArb, filterArb, (from, length, by, filter) => {
      const to = addDays(from, length);
      const expected = byDays(from, to, by, filter);
      if (expected.length > 0) nonEmpty++;
      t.same(reader.bucketed(from, to, 'week', by, filter), expected, `${from}…${to} by ${by} ${JSON.stringify(filter)}`);
      const dailyTotal = reader.daily(from, to, null, filter).reduce((sum, r) => sum + r.count, 0);
      t.equal(reader.total(from, to, filter), dailyTotal, `total ${from}…${to} ${JSON.stringify(filter)}`);
      checked++;
      return true;
    }),
    { numRuns: 300, seed: 20261125 },
  );
  t.equal(checked, 300);
  t.ok(nonEmpty > 150, `${nonEmpty} of the 300 ranges hold enquiries`);
  // The generated data really reaches the weeks of the clock changes.
  t.ok(reader.bucketed('2026-03-23', '2026-03-29', 'week', null)[0]!.count > 50);
  t.ok(reader.bucketed('2026-10-19', '2026-10-25', 'week', null)[0]!.count > 50);
});
