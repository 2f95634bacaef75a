import Database from 'better-sqlite3';
import fc from 'fast-check';
import t from 'tap';
import { CALLERS, DISTRICT_CODES, TOPIC_IDS, type Caller, type DistrictCode, type TopicId } from '../../src/domain/ids.js';
import { localDayOf } from '../../src/domain/berlin-time.js';
import type { Enquiry, NewEnquiry, Store } from '../../src/store/index.js';
import { createRollupReader } from '../../src/store/rollups.js';
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

/** Every roll-up recounted from the enquiries with GROUP BY, keyed like the roll-up rows. */
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
  };
  const bump = (table: string, key: string) => {
    const target = tables[table]!;
    target[key] = (target[key] ?? 0) + 1;
  };
  for (const e of all) {
    const day = localDayOf(e.createdAt);
    const district = e.district?.code ?? '';
    const caller = e.caller ?? '';
    bump('total', day);
    bump('district', `${day}|${district}`);
    bump('caller', `${day}|${caller}`);
    bump('districtCaller', `${day}|${district}|${caller}`);
    if (e.referredTo) bump('referral', `${day}|${e.referredTo}`);
    for (const topic of e.topics) {
      bump('topic', `${day}|${topic.id}`);
      bump('topicDistrict', `${day}|${topic.id}|${district}`);
      bump('cube', `${day}|${topic.id}|${district}|${caller}`);
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
  };
  for (const row of rawAll(path, 'SELECT day, topic, district, count FROM rollup_day_topic_district WHERE count <> 0'))
    result.topicDistrict[`${row.day}|${row.topic}|${row.district}`] = row.count as number;
  for (const row of rawAll(path, 'SELECT day, district, caller, count FROM rollup_day_district_caller WHERE count <> 0'))
    result.districtCaller[`${row.day}|${row.district}|${row.caller}`] = row.count as number;
  for (const row of rawAll(path, 'SELECT day, topic, district, caller, count FROM rollup_day_topic_district_caller WHERE count <> 0'))
    result.cube[`${row.day}|${row.topic}|${row.district}|${row.caller}`] = row.count as number;
  for (const row of rawAll(path, 'SELECT day, referred_to, count FROM rollup_day_referral WHERE count <> 0'))
    result.referral[`${row.day}|${row.referred_to}`] = row.count as number;
  return result;
}

const raws: Database.Database[] = [];
function openRaw(path: string): Database.Database {
  const db = new Database(path, { readonly: true });
  db.function('berlin_day', { deterministic: true }, (v: unknown) => localDayOf(String(v)));
  raws.push(db);
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
  '2026-11-25T09:00:00Z',
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
);

t.test('any sequence of writes and corrections leaves every roll-up equal to a recount', async (t) => {
  let runs = 0;
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), (ops) => {
      const { store, path } = openTestStore(t);
      const ids: number[] = [];
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
        }
      }
      runs++;
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
