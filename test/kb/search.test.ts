import t from 'tap';
import { fileURLToPath } from 'node:url';
import { KnowledgeBase, SearchIndex, type IndexDoc } from '../../src/kb/index.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/kb/', import.meta.url));
const kb = await KnowledgeBase.open({ dir: FIXTURE });
t.teardown(() => kb.close());

const slugs = (q: string, o: Parameters<KnowledgeBase['search']>[1] = {}): string[] => kb.search(q, o).results.map((r) => r.slug);

t.test('German queries find their article in spite of spelling, inflection, compounds and abbreviations', async (t) => {
  const cases: [string, string][] = [
    ['Auslaenderbehoerde Termin', 'auslaenderbehoerde'],
    ['Ausländerbehörden', 'auslaenderbehoerde'],
    ['AB Termin', 'auslaenderbehoerde'],
    ['Krankenschwestern Anerkennung', 'anerkennung-pflege'],
    ['Pflegefachfrauen', 'anerkennung-pflege'],
    ['Kenntnisprufung', 'anerkennung-pflege'],
    ['Beschaeftigungserl', 'beschaeftigungserlaubnis'],
    ['Arbeitserlaubnis Geduldete', 'beschaeftigungserlaubnis'],
    ['JC Halle Bildungsgutscheine', 'jobcenter-halle'],
    ['BSK anmelden', 'berufssprachkurse'],
    ['Berufssprachkursen', 'berufssprachkurse'],
    ['Orientierungskurse Kosten', 'integrationskurs'],
  ];
  for (const [q, gold] of cases) t.equal(slugs(q)[0], gold, q);
});

t.test('a district ranks its local articles above statewide ones and leaves out other districts', async (t) => {
  t.same(slugs('Berufssprachkurs', { district: '15084' }).slice(0, 2), ['berufssprachkurse-burgenlandkreis', 'berufssprachkurse']);
  const magdeburg = slugs('Berufssprachkurs', { district: '15003' });
  t.notOk(magdeburg.includes('berufssprachkurse-burgenlandkreis'), 'Burgenlandkreis article not shown for Magdeburg');
  t.ok(magdeburg.includes('sprachkurse-magdeburg'));
  t.ok(magdeburg.indexOf('sprachkurse-magdeburg') < magdeburg.indexOf('integrationskurs'));
  const halle = slugs('Berufssprachkurs', { district: '15002' });
  t.notOk(halle.includes('berufssprachkurse-burgenlandkreis'));
  t.notOk(halle.includes('sprachkurse-magdeburg'));
  t.equal(halle[0], 'berufssprachkurse');
  // Without a district every article may appear.
  t.ok(slugs('Berufssprachkurs').includes('berufssprachkurse-burgenlandkreis'));
});

t.test('topics boost articles with those topics', async (t) => {
  const plain = kb.search('Sprachkurs Anmeldung').results;
  const boosted = kb.search('Sprachkurs Anmeldung', { topics: ['arbeitsverwaltung'] }).results;
  const score = (rs: typeof plain, slug: string) => rs.find((r) => r.slug === slug)?.score ?? 0;
  t.ok(score(boosted, 'berufssprachkurse') > score(plain, 'berufssprachkurse') * 1.1);
  t.equal(score(boosted, 'integrationskurs'), score(plain, 'integrationskurs'), 'others unchanged');
});

t.test('results carry the contract fields, a marked and escaped snippet and the revision', async (t) => {
  const res = kb.search('Berufssprachkurse Zeitz', { limit: 3 });
  t.equal(res.revision, kb.status().revision);
  t.ok(res.results.length <= 3);
  const top = res.results[0];
  t.match(top, {
    slug: 'berufssprachkurse-burgenlandkreis',
    title: 'Berufssprachkurse im Burgenlandkreis',
    summary: String,
    score: Number,
    topics: ['sprache'],
    districts: ['15084'],
  });
  t.match(top?.snippet, /<mark>Zeitz<\/mark>/);
  t.match(top?.snippet, /<mark>Berufssprachkurse<\/mark>/);
  const html = kb.search('Absatz Link').results.find((r) => r.slug === 'html-im-text');
  t.notMatch(html?.snippet ?? '', /<(?!\/?mark>)/, 'only <mark> tags in snippets');
});

t.test('empty and stop-word-only queries find nothing; limit is respected', async (t) => {
  t.same(kb.search('').results, []);
  t.same(kb.search('und oder die').results, []);
  t.same(kb.search('?!').results, []);
  t.equal(kb.search('Kurs', { limit: 1 }).results.length, 1);
});

t.test('a whole enquiry note finds the right article (suggestions)', async (t) => {
  const note =
    'Anruf einer Ehrenamtlichen aus Naumburg: Ein Mann aus Eritrea hat B1 geschafft und möchte jetzt einen ' +
    'Berufssprachkurs B2 machen, er ist arbeitsuchend beim Jobcenter gemeldet. Wo gibt es Kurse in der Nähe und ' +
    'wer zahlt die Fahrtkosten? Er wohnt in einem Dorf bei Zeitz und hat kein Auto.';
  const s = kb.suggest(note, { district: '15084', topics: ['sprache'], limit: 3 });
  t.equal(s[0]?.slug, 'berufssprachkurse-burgenlandkreis');
  t.ok(s.some((x) => x.slug === 'berufssprachkurse'));
  t.match(s[0], { slug: String, title: String, score: Number });
  t.same(kb.suggest('', { district: null, topics: [], limit: 3 }), []);
});

t.test('article() serves sanitised HTML; unknown slugs are undefined', async (t) => {
  const a = kb.article('berufssprachkurse');
  t.match(a, {
    slug: 'berufssprachkurse',
    title: 'Berufssprachkurse (DeuFöV)',
    topics: ['sprache', 'arbeitsverwaltung'],
    districts: [],
    keywords: ['BSK', 'Job-BSK', 'DeuFöV', 'Sprachkurs', 'B2', 'C1'],
    updated: '2026-06-03',
  });
  t.match(a?.html, '<a href="/wissen/integrationskurs#anmeldung" data-slug="integrationskurs">');
  t.match(a?.html, '<h2 id="job-bsk">Job-BSK</h2>');
  const bad = kb.article('html-im-text');
  t.notMatch(bad?.html ?? '', /script|onerror|iframe|<style|javascript:|data:text/i);
  t.equal(kb.article('gibt-es-nicht'), undefined);
  t.throws(() => kb.requireArticle('gibt-es-nicht'), { code: 'KB_ARTICLE_NOT_FOUND', kind: 'not_found' });
});

t.test('two-phase search (large KBs) finds what exhaustive search finds for clear queries', async (t) => {
  const topics = ['Integrationskurs', 'Berufssprachkurs', 'Ausländerbehörde', 'Bildungsgutschein', 'Zeugnisbewertung'];
  const docs: IndexDoc[] = [];
  for (let i = 0; i < 60; i++) {
    const main = topics[i % topics.length] ?? '';
    docs.push({
      slug: `artikel-${i}`,
      title: `${main} in Ort ${i}`,
      summary: `Beratung zu ${main}.`,
      keywords: [],
      headings: ['Beratung', 'Termin'],
      body: `Die Beratung hilft bei Fragen zu ${main}. Termin und Anmeldung über die Beratungsstelle. ${i % 7 === 0 ? 'Sonderfall Wohnsitzauflage.' : ''}`,
      topics: ['sprache'],
      districts: i % 10 === 0 ? ['15084'] : [],
    });
  }
  const pruned = SearchIndex.build(docs, { pruneMinDocs: 10 });
  const exhaustive = SearchIndex.build(docs);
  for (const q of ['Wohnsitzauflage Beratung Termin', 'Zeugnisbewertung Beratung', 'Berufssprachkurs Anmeldung Termin']) {
    const a = pruned.search(q, { limit: 3 });
    const b = exhaustive.search(q, { limit: 3 });
    t.same(a.map((h) => h.slug), b.map((h) => h.slug), q);
    t.same(a.map((h) => h.score), b.map((h) => h.score), `${q}: same scores`);
  }
  t.ok(pruned.search('Wohnsitzauflage', { district: '15084' }).every((h) => h.districts.length === 0 || h.districts.includes('15084')));
});

t.test('the index updates in place and survives a save/load round trip', async (t) => {
  const doc = (slug: string, title: string, body: string, districts: string[] = []): IndexDoc => ({
    slug,
    title,
    summary: '',
    keywords: [],
    headings: [],
    body,
    topics: ['sprache'],
    districts,
  });
  const a = doc('a', 'Integrationskurs', 'Anmeldung beim Kursträger.');
  const b = doc('b', 'Jobcenter', 'Bürgergeld und Bildungsgutschein.');
  const index = SearchIndex.build([a, b]);
  t.equal(index.search('Bildungsgutschein')[0]?.slug, 'b');
  const b2 = doc('b', 'Jobcenter', 'Eingliederungszuschuss für Arbeitgeber.');
  index.apply({ upserts: [{ doc: b2, previous: b }] });
  t.same(index.search('Bildungsgutschein'), []);
  t.equal(index.search('Eingliederungszuschuss')[0]?.slug, 'b');
  index.apply({ removals: [{ slug: 'a', previous: a }] });
  t.same(index.search('Integrationskurs'), []);
  const restored = SearchIndex.load(JSON.parse(JSON.stringify(index.toJSON())));
  t.same(restored.search('EGZ'), index.search('EGZ'));
  t.equal(restored.search('Eingliederungszuschuss')[0]?.slug, 'b');
});
