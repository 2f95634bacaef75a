import t from 'tap';
import { similarQuery, type NewEnquiry, type Store } from '../../src/store/index.js';
import { openTestStore } from '../helpers/store.js';

function seed(store: Store, input: Partial<NewEnquiry> & { text: string }) {
  return store.enquiries.create({
    redactions: [], channel: 'telefon', caller: null, district: null, topics: [], outcome: 'beantwortet', referredTo: null,
    articleUsed: null, callbackDate: null, suggestions: [], triageVersion: null, authorId: null, ...input,
  });
}

t.test('similarQuery: significant words only, as an OR of prefixes', async (t) => {
  t.equal(similarQuery('Der Mann will eine Ausbildung'), '"ausbildu"* OR "mann"* OR "will"*', 'stop words out, long words as prefixes, longest first');
  t.equal(similarQuery('AB und JC sagen nein'), '"sagen"* OR "nein"* OR "ab"* OR "jc"*', 'all-caps abbreviations stay');
  t.equal(similarQuery('[Telefon] [Name] 0151 4091'), null, 'placeholders and numbers carry nothing');
  t.equal(similarQuery('ab an in'), null);
  t.equal(similarQuery('Beschäftigungserlaubnis'), '"beschäftigungserlaubn"*', 'the last two letters left open');
  const many = similarQuery(Array.from({ length: 30 }, (_, i) => `wort${'x'.repeat(i)}`).join(' '));
  t.equal(many?.split(' OR ').length, 16, 'at most 16 terms');
  t.equal(similarQuery('Zitat "Duldung"'), '"duldung"* OR "zitat"*', 'quotes cannot break the query');
});

t.test('similar: bm25 order, redacted text only, exclusion', async (t) => {
  const { store } = openTestStore(t);
  const a = seed(store, { text: 'Duldung und Ausbildung zum Elektriker, Beschäftigungserlaubnis fehlt' });
  const b = seed(store, { text: 'Ausbildung in der Pflege' });
  seed(store, { text: 'Integrationskurs in Halle' });
  const found = store.similar.similar('Elektriker mit Duldung will Ausbildung', { limit: 5 });
  t.same(found.map((m) => m.id), [a.id, b.id]);
  t.ok((found[0]?.score ?? 0) > (found[1]?.score ?? 0), 'higher score is better');
  t.same(store.similar.similar('Elektriker mit Duldung will Ausbildung', { limit: 5, excludeId: a.id }).map((m) => m.id), [b.id]);
  t.same(store.similar.similar('nichts passt hier', { limit: 5 }), []);
  t.same(store.similar.similar('und oder', { limit: 5 }), []);
});

t.test('callbacks: due by a day, oldest first', async (t) => {
  const { store } = openTestStore(t);
  const late = seed(store, { text: 'a', outcome: 'rueckruf', callbackDate: '2026-11-01' });
  const due = seed(store, { text: 'b', outcome: 'rueckruf', callbackDate: '2026-11-25' });
  seed(store, { text: 'c', outcome: 'rueckruf', callbackDate: '2026-11-26' });
  seed(store, { text: 'd', outcome: 'offen', callbackDate: '2026-11-01' });
  t.same(store.callbacks.due('2026-11-25', 10), [{ id: late.id, callbackDate: '2026-11-01' }, { id: due.id, callbackDate: '2026-11-25' }]);
  t.same(store.callbacks.due('2026-11-25', 1).length, 1);
  store.enquiries.update(late.id, { outcome: 'beantwortet' }, null);
  t.same(store.callbacks.due('2026-11-25', 10).map((c) => c.id), [due.id], 'called back: off the list');
});

t.test('kbUsage: periods and an empty store', async (t) => {
  const { store, clock } = openTestStore(t);
  t.same(store.kbUsage.usage(), { enquiries: 0, withHelp: 0, lowScoreThreshold: null, articles: [], topics: [] });
  seed(store, { text: 'alt', topics: [{ id: 'sprache', score: 1, source: 'auto' }], createdAt: new Date('2026-01-10T10:00:00Z') });
  clock.set('2026-11-25T09:00:00.000Z');
  seed(store, { text: 'neu', topics: [{ id: 'sprache', score: 1, source: 'auto' }], articleUsed: 'gefunden-ohne-vorschlag' });
  const recent = store.kbUsage.usage({ since: '2026-11-01T00:00:00.000Z' });
  t.equal(recent.enquiries, 1);
  t.same(recent.articles, [{ slug: 'gefunden-ohne-vorschlag', title: null, shown: 0, shownFirst: 0, used: 1, usedWhenShown: 0 }], 'used without being suggested');
  t.same(recent.topics.map((x) => [x.topic, x.gaps]), [['sprache', 0]]);
  const all = store.kbUsage.usage({ before: '2026-11-01T00:00:00.000Z' });
  t.same(all.topics.map((x) => [x.topic, x.enquiries, x.gaps]), [['sprache', 1, 1]], 'no suggestion and no help: a gap');
  t.match(all.topics[0]?.examples[0], { excerpt: 'alt', bestScore: null });
  const long = seed(store, { text: `${'Lange Notiz '.repeat(40)}`, topics: [{ id: 'netzwerk', score: 1, source: 'auto' }] });
  const excerpt = store.kbUsage.usage().topics.find((x) => x.topic === 'netzwerk')?.examples[0];
  t.equal(excerpt?.id, long.id);
  t.ok((excerpt?.excerpt.length ?? 0) <= 200 && excerpt?.excerpt.endsWith('…'), 'examples are short excerpts');
  seed(store, { text: 'Gleiche Frage', topics: [{ id: 'frauen-familie', score: 1, source: 'auto' }] });
  seed(store, { text: 'Gleiche Frage', topics: [{ id: 'frauen-familie', score: 1, source: 'auto' }] });
  const family = store.kbUsage.usage().topics.find((x) => x.topic === 'frauen-familie');
  t.equal(family?.gaps, 2);
  t.equal(family?.examples.length, 1, 'a recurring note is one example');
});
