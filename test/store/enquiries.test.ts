import fc from 'fast-check';
import t from 'tap';
import type { NewEnquiry, Store } from '../../src/store/index.js';
import { ftsQuery } from '../../src/store/index.js';
import { openTestStore } from '../helpers/store.js';

function draft(overrides: Partial<NewEnquiry> = {}): NewEnquiry {
  return {
    text: 'Ehrenamtliche aus Naumburg fragt nach Ausbildung mit Duldung',
    redactions: [],
    channel: 'telefon',
    caller: 'ehrenamt',
    district: { code: '15084', source: 'auto' },
    topics: [
      { id: 'aufenthalt', score: 0.9, source: 'auto' },
      { id: 'ausbildung', score: 0.6, source: 'auto' },
    ],
    outcome: 'offen',
    referredTo: null,
    articleUsed: null,
    callbackDate: null,
    suggestions: [{ slug: 'duldung', title: 'Duldung', score: 3 }],
    triageVersion: 'test-1',
    authorId: null,
    ...overrides,
  };
}

async function withAuthor(store: Store) {
  return store.users.create({ username: 'anna', password: 'ein-langes-passwort', role: 'adviser' });
}

t.test('create and get keep every field; topics keep their order', async (t) => {
  const { store } = openTestStore(t);
  const anna = await withAuthor(store);
  const created = store.enquiries.create(draft({ authorId: anna.id, redactions: [{ type: 'phone', start: 3, end: 10 }], callbackDate: '2026-11-30' }));
  t.match(created, {
    id: 1,
    text: 'Ehrenamtliche aus Naumburg fragt nach Ausbildung mit Duldung',
    redactions: [{ type: 'phone', start: 3, end: 10 }],
    channel: 'telefon',
    caller: 'ehrenamt',
    district: { code: '15084', source: 'auto' },
    topics: [
      { id: 'aufenthalt', score: 0.9, source: 'auto' },
      { id: 'ausbildung', score: 0.6, source: 'auto' },
    ],
    outcome: 'offen',
    callbackDate: '2026-11-30',
    suggestions: [{ slug: 'duldung', title: 'Duldung', score: 3 }],
    triageVersion: 'test-1',
    author: { id: anna.id, username: 'anna' },
    createdAt: '2026-11-25T09:00:00.000Z',
    updatedAt: '2026-11-25T09:00:00.000Z',
    textPurgedAt: null,
  });
  t.same(store.enquiries.get(1), created);
  t.equal(store.enquiries.get(2), null);
  t.equal(store.enquiries.count(), 1);
  t.same(store.audit.forEnquiry(1).map((e) => e.action), ['enquiry.create']);
  const noDistrict = store.enquiries.create(draft({ district: null, topics: [], createdAt: new Date('2025-01-01T00:00:00Z') }));
  t.equal(noDistrict.district, null);
  t.same(noDistrict.topics, []);
  t.equal(noDistrict.createdAt, '2025-01-01T00:00:00.000Z', 'imports may set createdAt');
});

t.test('update: manual topics and district, outcome fields, training example, audit', async (t) => {
  const { store, clock } = openTestStore(t);
  const anna = await withAuthor(store);
  const e = store.enquiries.create(draft());
  clock.advance(5000);
  const updated = store.enquiries.update(e.id, { topics: ['sprache', 'ausbildung'], district: '15088', outcome: 'weiterverwiesen', referredTo: 'Jobcenter Saalekreis', articleUsed: 'bsk' }, anna.id);
  t.same(updated.topics, [
    { id: 'sprache', score: 1, source: 'manual' },
    { id: 'ausbildung', score: 1, source: 'manual' },
  ]);
  t.same(updated.district, { code: '15088', source: 'manual' });
  t.match(updated, { outcome: 'weiterverwiesen', referredTo: 'Jobcenter Saalekreis', articleUsed: 'bsk', updatedAt: '2026-11-25T09:00:05.000Z', createdAt: '2026-11-25T09:00:00.000Z' });
  t.match(store.enquiries.trainingExamples(), [{ text: e.text, topics: ['sprache', 'ausbildung'], source: 'correction', enquiryId: e.id }]);

  const cleared = store.enquiries.update(e.id, { district: null, referredTo: null, articleUsed: null, callbackDate: null }, anna.id);
  t.equal(cleared.district, null);
  t.equal(cleared.referredTo, null);
  t.same(cleared.topics.map((x) => x.id), ['sprache', 'ausbildung'], 'topics untouched when not given');
  t.equal(store.enquiries.trainingExamples().length, 1, 'no example without topics');
  t.match(store.audit.forEnquiry(e.id), [
    { action: 'enquiry.create' },
    { action: 'enquiry.update', userId: anna.id, detail: { fields: ['topics', 'district', 'outcome', 'referredTo', 'articleUsed'] } },
    { action: 'enquiry.update', detail: { fields: ['district', 'referredTo', 'articleUsed', 'callbackDate'] } },
  ]);
  t.throws(() => store.enquiries.update(99, { outcome: 'offen' }, anna.id), { code: 'ENQUIRY_NOT_FOUND', kind: 'not_found' });
  t.equal(store.audit.recent(1)[0]?.action, 'enquiry.update');
});

t.test('manual tags chosen at creation become a training example', async (t) => {
  const { store } = openTestStore(t);
  store.enquiries.create(draft({ topics: [{ id: 'sprache', score: 1, source: 'manual' }], trainingSource: 'enquiry' }));
  t.match(store.enquiries.trainingExamples(), [{ topics: ['sprache'], source: 'enquiry', enquiryId: 1 }]);
});

t.test('write hooks run inside the transaction; a failing hook rolls everything back', async (t) => {
  let fail = false;
  const seen: string[] = [];
  const { store } = openTestStore(t, {
    enquiryHooks: [
      ({ before, after }) => {
        seen.push(`${before ? 'update' : 'create'}:${after.id}:${after.topics.map((x) => x.id).join(',')}`);
        if (fail) throw new Error('roll-up failed');
      },
    ],
  });
  const committed: number[] = [];
  const unsubscribe = store.enquiries.onCommitted(({ after }) => committed.push(after.id));
  store.enquiries.onCommitted(() => {
    throw new Error('a broken listener does not break the write');
  });
  store.enquiries.create(draft());
  store.enquiries.update(1, { topics: ['sprache'] }, null);
  t.same(seen, ['create:1:aufenthalt,ausbildung', 'update:1:sprache']);
  t.same(committed, [1, 1]);

  fail = true;
  t.throws(() => store.enquiries.create(draft()), /roll-up failed/);
  t.throws(() => store.enquiries.update(1, { topics: ['netzwerk'], outcome: 'beantwortet' }, null), /roll-up failed/);
  t.equal(store.enquiries.count(), 1, 'the failed create left nothing');
  t.same(store.enquiries.get(1)?.topics.map((x) => x.id), ['sprache'], 'the failed update left nothing');
  t.equal(store.enquiries.get(1)?.outcome, 'offen');
  t.equal(store.audit.forEnquiry(2).length, 0, 'no audit entry for the failed create');
  t.same(committed, [1, 1], 'listeners hear only about commits');
  unsubscribe();
});

t.test('list: filters by time, topic, district and words', async (t) => {
  const { store, clock } = openTestStore(t);
  store.enquiries.create(draft({ text: 'Frau fragt nach dem Integrationskurs in Halle', district: { code: '15002', source: 'manual' }, topics: [{ id: 'sprache', score: 1, source: 'auto' }] }));
  clock.advance(3_600_000);
  store.enquiries.create(draft({ text: 'Arbeitgeber aus Zeitz möchte Geflüchtete einstellen' }));
  clock.advance(3_600_000);
  store.enquiries.create(draft({ text: 'Anerkennung des Abschlusses als Krankenschwester', district: null, topics: [{ id: 'anerkennung', score: 0.8, source: 'auto' }] }));
  const ids = (q: Parameters<Store['enquiries']['list']>[0]) => store.enquiries.list(q).items.map((e) => e.id);
  t.same(ids({ limit: 10 }), [3, 2, 1], 'newest first');
  t.same(ids({ limit: 10, since: '2026-11-25T10:00:00.000Z' }), [3, 2], 'since is inclusive');
  t.same(ids({ limit: 10, before: '2026-11-25T10:00:00.000Z' }), [1], 'before is exclusive');
  t.same(ids({ limit: 10, topic: 'aufenthalt' }), [2]);
  t.same(ids({ limit: 10, district: '15002' }), [1]);
  t.same(ids({ limit: 10, text: 'integrationskurs' }), [1], 'case-insensitive');
  t.same(ids({ limit: 10, text: 'Gefluchtete' }), [2], 'diacritics folded');
  t.same(ids({ limit: 10, text: 'Kranken' }), [3], 'prefix match');
  t.same(ids({ limit: 10, text: 'Halle Integrationskurs' }), [1], 'all words must occur');
  t.same(ids({ limit: 10, text: 'Halle Zeitz' }), []);
  t.same(ids({ limit: 10, text: '"*(:' }), [3, 2, 1], 'no words: no text filter');
  t.same(ids({ limit: 10, text: 'NEAR(a b) OR x' }), [], 'FTS syntax is taken literally');
  t.same(ids({ limit: 10, topic: 'aufenthalt', district: '15084', text: 'Zeitz', since: '2026-11-25T09:00:00.000Z', before: '2026-11-26T00:00:00.000Z' }), [2], 'filters combine');
  const page = store.enquiries.list({ limit: 2 });
  t.same(page.next, { createdAt: '2026-11-25T10:00:00.000Z', id: 2 });
  t.same(page.items[0]?.topics.map((x) => x.id), ['anerkennung'], 'topics loaded for list items');
  t.equal(store.enquiries.list({ limit: 2, after: page.next ?? undefined }).next, null, 'last page');
});

t.test('ftsQuery quotes every word', async (t) => {
  t.equal(ftsQuery('Duldung AND "Ausbildung"'), '"Duldung"* "AND"* "Ausbildung"*');
  t.equal(ftsQuery('...'), null);
});

t.test('keyset pagination: no duplicates, no gaps, even with equal timestamps and inserts between pages', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 7 }),
      fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 10 }),
      async (offsets, limit, insertsPerPage) => {
        const { store } = openTestStore(t);
        // Many enquiries share a timestamp (offsets repeat): the id must break the tie.
        for (const offset of offsets) store.enquiries.create(draft({ createdAt: new Date(Date.UTC(2026, 10, 1) + offset * 1000) }));
        const expected = store.enquiries.list({ limit: 1000 }).items.map((e) => e.id);
        const seen: number[] = [];
        let after: { createdAt: string; id: number } | undefined;
        for (let page = 0; page < 1000; page++) {
          const result = store.enquiries.list({ limit, ...(after ? { after } : {}) });
          seen.push(...result.items.map((e) => e.id));
          // New enquiries arrive while the adviser pages (newer than everything listed).
          for (let i = 0; i < (insertsPerPage[page] ?? 0); i++) store.enquiries.create(draft());
          if (!result.next) break;
          after = result.next;
        }
        store.close();
        return JSON.stringify(seen) === JSON.stringify(expected);
      },
    ),
    { numRuns: 40 },
  );
  t.pass('property held');
});

t.test('retention purge removes free text but keeps the figures', async (t) => {
  const { store, clock } = openTestStore(t);
  store.enquiries.create(draft({ createdAt: new Date('2025-01-10T10:00:00Z'), referredTo: 'Jobcenter Burgenlandkreis', redactions: [{ type: 'phone', start: 0, end: 3 }], topics: [{ id: 'sprache', score: 1, source: 'manual' }], trainingSource: 'enquiry' }));
  store.enquiries.create(draft());
  clock.advance(1000);
  // The training example was stored "now" (2026-11-25), so only the 2027 cutoff below removes it.
  t.equal(store.enquiries.purgeTextBefore(new Date('2026-01-01T00:00:00Z')), 1);
  const old = store.enquiries.get(1);
  t.match(old, { text: null, redactions: [], referredTo: 'Jobcenter Burgenlandkreis', textPurgedAt: '2026-11-25T09:00:01.000Z', district: { code: '15084' }, topics: [{ id: 'sprache' }] });
  t.ok(store.enquiries.get(2)?.text, 'recent text stays');
  t.same(store.enquiries.list({ limit: 10, text: 'Naumburg' }).items.map((e) => e.id), [2], 'purged text leaves the search index');
  t.equal(store.enquiries.purgeTextBefore(new Date('2026-01-01T00:00:00Z')), 0, 'idempotent');
  t.equal(store.enquiries.purgeTextBefore(new Date('2027-01-01T00:00:00Z')), 1);
  t.equal(store.enquiries.trainingExamples().length, 0, 'old training examples go too');
  const corrected = store.enquiries.update(1, { topics: ['netzwerk'] }, null);
  t.same(corrected.topics.map((x) => x.id), ['netzwerk'], 'tags of a purged enquiry can still be corrected');
  t.equal(store.enquiries.trainingExamples().length, 0, 'but without text no training example');
});
