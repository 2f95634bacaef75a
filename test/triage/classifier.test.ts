import t from 'tap';
import fc from 'fast-check';
import { TOPIC_IDS, type TopicId } from '../../src/domain/ids.js';
import {
  createClassifierAnalyzer,
  createTopicClassifier,
  decideTopics,
  evaluateOnDev,
  evaluateTypingNoise,
  corpusTrainingExamples,
  loadCorpus,
  TOPICS,
  type DecisionThresholds,
} from '../../src/triage/index.js';
import { FeatureExtractor, isAbbreviation } from '../../src/triage/classifier-features.js';
import { SpellingIndex, withinOneEdit } from '../../src/triage/classifier-spelling.js';
import { stratifiedFolds } from '../../src/triage/classifier-cv.js';

const corpus = loadCorpus();
// As the product trains (createTriage): place names are no topic features.
const train = corpusTrainingExamples();
const analyzer = createClassifierAnalyzer(train.map((ex) => ex.text));
const classifier = createTopicClassifier(analyzer, train);

const NOTES = [
  'Ehrenamtliche aus Naumburg fragt, ob ihr Schützling mit Duldung eine Ausbildung als Pflegefachhelfer anfangen darf.',
  'JC Salzlandkreis hat Leistungen gekürzt, Kunde war im Krankenhaus. MBE-Berater fragt, wie der Widerspruch aussehen muss.',
  'Elektrobetrieb aus Halle will einen syrischen Elektriker einstellen, der hat eine AE nach § 25. Muss noch was beantragt werden?',
  'Zahnärztin aus dem Iran, Approbation beim LVwA beantragt, wann kommt die Kenntnisprüfung?',
  'Kursträger in Stendal: TN hat im DTZ nur A2 statt B1, geht eine Wiederholung im IK?',
  'Kulturverein in Dessau will e.V. werden und fragt nach Satzung und Gemeinnützigkeit.',
  'Azubi wird im Betrieb als „Kanake“ beschimpft, Meister schaut weg. Wo gibt es Beratung?',
  'Integrationskoordinatorin im Landkreis Harz plant eine Fallkonferenz und sucht Ansprechpartner beim Jobcenter.',
];

t.test('dev split: the bars of the issue (train on train, measure on dev)', async (t) => {
  const e = evaluateOnDev(corpus);
  t.ok(e.devNotes >= 100, `enough dev notes (${e.devNotes})`);
  // Measured: 0.862 on the 2,189 dev notes; 0.845 on the 1,706 notes that were dev before the
  // third round of writers joined (the hardest writers are in that older part, see
  // corpus/README.md). Deterministic, so the margin does not flake.
  t.ok(e.model.primaryAccuracy >= 0.85, `primary-topic accuracy ${e.model.primaryAccuracy.toFixed(3)} ≥ 0.85`);
  t.ok(e.model.micro.f1 >= 0.8, `topic-set micro-F1 ${e.model.micro.f1.toFixed(3)} ≥ 0.80`);
  t.ok(e.districtAccuracy >= 0.97, `district accuracy ${e.districtAccuracy.toFixed(3)} ≥ 0.97 (null included)`);
  t.ok(e.redaction.overlap.recall >= 0.95, `redaction recall ${e.redaction.overlap.recall.toFixed(3)} ≥ 0.95`);
  t.ok(e.redaction.overlap.precision >= 0.95, `redaction precision ${e.redaction.overlap.precision.toFixed(3)} ≥ 0.95`);
  t.ok(e.model.micro.f1 > e.baseline.micro.f1, 'the model beats the cue-counting baseline');
});

t.test('dev notes typed in a hurry keep their tags (no umlauts, lower case, typos)', async (t) => {
  const [asWritten, ...rows] = evaluateTypingNoise(corpus);
  t.ok(asWritten !== undefined && rows.length >= 5, 'the notes as written and five kinds of hurry');
  if (asWritten === undefined) return;
  for (const row of rows) {
    const label = `${row.noise}:`;
    t.ok(row.model.primaryAccuracy >= asWritten.model.primaryAccuracy - 0.02, `${label} primary ${row.model.primaryAccuracy.toFixed(3)}, at most 2 points below as written`);
    t.ok(row.model.micro.f1 >= asWritten.model.micro.f1 - 0.02, `${label} micro-F1 ${row.model.micro.f1.toFixed(3)}, at most 2 points below as written`);
    t.ok(row.samePrimary >= 0.92, `${label} ${row.samePrimary.toFixed(3)} of the notes keep their main topic`);
    // Typos in place names cost some districts; a slip of one letter in a town's name is repaired.
    t.ok(row.districtAccuracy >= 0.92, `${label} district accuracy ${row.districtAccuracy.toFixed(3)} ≥ 0.92`);
    // Personal data typed in lower case ("hr. hamid karimi", "olena kovalenko", "de89 3704 …") is still found.
    if (row.redaction) {
      t.ok(row.redaction.recall >= 0.92, `${label} redaction recall ${row.redaction.recall.toFixed(3)} ≥ 0.92`);
      t.ok(row.redaction.precision >= 0.95, `${label} redaction precision ${row.redaction.precision.toFixed(3)} ≥ 0.95`);
    }
  }
  t.ok(rows.some((row) => row.noise === 'all lower case' && row.redaction !== null), 'redaction is measured on notes in lower case');
  const noUmlauts = rows.find((row) => row.noise.startsWith('umlauts dropped'));
  t.equal(noUmlauts?.districtAccuracy, asWritten.districtAccuracy, 'Kothen is Köthen: no district is lost without umlauts');
});

t.test('deterministic: same data, same answers and version', async (t) => {
  const again = createTopicClassifier(createClassifierAnalyzer(train.map((ex) => ex.text)), train);
  t.equal(again.modelVersion, classifier.modelVersion);
  t.match(classifier.modelVersion, /^nblr-[0-9a-f]{8}-\d+$/);
  t.equal(classifier.size, train.length);
  for (const note of NOTES) {
    t.same(again.classify(note), classifier.classify(note), note);
    t.same(classifier.classify(note), classifier.classify(note));
  }
});

t.test('realistic notes get the expected main topic', async (t) => {
  const expected: TopicId[][] = [
    ['aufenthalt', 'ausbildung'], // Duldung and Ausbildung: either may lead
    ['arbeitsverwaltung'],
    ['arbeitgeber'],
    ['anerkennung'],
    ['sprache'],
    ['migrantenorganisationen'],
    ['diskriminierung'],
    ['netzwerk'],
  ];
  NOTES.forEach((note, i) => {
    const topics = classifier.classify(note).map((x) => x.id);
    t.ok(topics[0] && expected[i]?.includes(topics[0]), `${note} → ${topics.join(', ')}`);
  });
});

t.test('explainable: evidence words are words of the note', async (t) => {
  for (const note of NOTES) {
    const topics = classifier.classify(note);
    t.ok(topics.length >= 1 && topics.length <= 3, 'one to three topics');
    t.ok(topics[0] && topics[0].evidence.length > 0, `the main topic has evidence: ${note}`);
    for (const topic of topics) for (const word of topic.evidence) t.ok(note.includes(word), `"${word}" is in the note`);
  }
  const [first] = classifier.classify('Frau mit Duldung fragt nach Beschäftigungserlaubnis bei der ABH.');
  t.equal(first?.id, 'aufenthalt');
  t.ok(first?.evidence.some((w) => /Duldung|Beschäftigungserlaubnis|ABH/.test(w)), `evidence ${first?.evidence.join(', ')}`);
});

t.test('words inside skipped spans (personal data) are never evidence', async (t) => {
  const note = 'Frau Duldung fragt nach dem Integrationskurs, Rückruf 0176 1234567';
  const skip = [{ start: 5, end: 12 }];
  for (const topic of classifier.classify(note, skip)) t.notOk(topic.evidence.includes('Duldung'), topic.id);
});

t.test('sonstiges when nothing fits', async (t) => {
  for (const note of ['', '???', 'asdf jklö', 'Anrufer hat sich verwählt und gleich wieder aufgelegt.']) {
    const topics = classifier.classify(note);
    t.equal(topics[0]?.id, 'sonstiges', JSON.stringify(note));
    t.equal(topics.length, 1);
  }
});

t.test('any input: at least one topic, sorted, scores in [0, 1], evidence from the text', async (t) => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), fc.array(fc.constantFrom(...NOTES), { maxLength: 2 }), (noise, notes) => {
      const text = [...notes, noise].join(' ');
      const topics = classifier.classify(text);
      if (topics.length < 1 || topics.length > 3) return false;
      if (new Set(topics.map((x) => x.id)).size !== topics.length) return false;
      for (let i = 0; i < topics.length; i++) {
        const topic = topics[i];
        if (!topic || topic.score < 0 || topic.score > 1) return false;
        if (i > 0 && (topics[i - 1]?.score ?? 0) < topic.score) return false;
        if (!topic.evidence.every((w) => text.includes(w))) return false;
      }
      return true;
    }),
    { numRuns: 200 },
  );
});

t.test('learning: a correction changes the version and counts more than a corpus note', async (t) => {
  const small = createTopicClassifier(analyzer, train.slice(0, 50));
  const before = small.modelVersion;
  small.learn({ text: 'Klient fragt nach der Tafel, braucht Lebensmittel.', topics: ['sonstiges'] });
  t.not(small.modelVersion, before);
  t.match(small.modelVersion, /-51$/);
  const twin = createTopicClassifier(analyzer, train.slice(0, 50));
  twin.learn({ text: 'Klient fragt nach der Tafel, braucht Lebensmittel.', topics: ['sonstiges'] }, 1);
  t.not(twin.modelVersion, small.modelVersion, 'the weight is part of the version');
  t.throws(() => small.learn({ text: 'x', topics: [] }), /at least one known topic/);
});

const TH: DecisionThresholds = { minimum: 0.05, secondary: 0.5, ratio: 0.5, maxTopics: 3, primaryBlend: 0, primacyWeight: 0 };
const vec = (pairs: Partial<Record<TopicId, number>>, fill = 0.1): Float64Array =>
  Float64Array.from(TOPIC_IDS, (id) => pairs[id] ?? fill);

t.test('decideTopics: thresholds, ratio, fallback, primary blend, primacy', async (t) => {
  const base = vec({}, 0.1);
  const primacy = vec({}, 0.5);
  const ids = (d: { topics: readonly number[] }) => d.topics.map((i) => TOPIC_IDS[i]);
  t.same(ids(decideTopics({ set: vec({ sprache: 0.9, aufenthalt: 0.6 }), primary: null, base, primacy }, TH)), ['sprache', 'aufenthalt']);
  t.same(ids(decideTopics({ set: vec({ sprache: 0.9, aufenthalt: 0.4 }), primary: null, base, primacy }, TH)), ['sprache'], 'below secondary');
  t.same(
    ids(decideTopics({ set: vec({ sprache: 0.9, aufenthalt: 0.6 }), primary: null, base, primacy }, { ...TH, ratio: 0.8 })),
    ['sprache'],
    'below ratio × best',
  );
  t.same(ids(decideTopics({ set: vec({}, 0.12), primary: null, base, primacy }, TH)), ['sonstiges'], 'no lift: sonstiges');
  t.same(
    ids(decideTopics({ set: vec({ a: 0.1 } as never, 0.1), primary: null, base, primacy }, TH)),
    ['sonstiges'],
    'empty note: sonstiges',
  );
  const set = vec({ sprache: 0.9, aufenthalt: 0.85, ehrenamt: 0.8, netzwerk: 0.7 });
  t.same(ids(decideTopics({ set, primary: null, base, primacy }, TH)), ['sprache', 'aufenthalt', 'ehrenamt'], 'at most three');
  const primary = vec({ aufenthalt: 0.9, sprache: 0.2 }, 0);
  t.same(ids(decideTopics({ set, primary, base, primacy }, { ...TH, primaryBlend: 1 })).slice(0, 2), ['aufenthalt', 'sprache'], 'primary model picks the main topic');
  const d = decideTopics({ set, primary, base, primacy }, { ...TH, primaryBlend: 0.5 });
  t.ok(d.scores.every((s, i) => i === 0 || (d.scores[i - 1] ?? 0) >= s), 'scores sorted');
  const leads = vec({ diskriminierung: 0.9, ausbildung: 0.3 }, 0.5);
  const both = vec({ ausbildung: 0.9, diskriminierung: 0.8 });
  t.same(ids(decideTopics({ set: both, primary: null, base, primacy }, TH)), ['ausbildung', 'diskriminierung']);
  t.same(
    ids(decideTopics({ set: both, primary: null, base, primacy: leads }, { ...TH, primacyWeight: 1 })),
    ['diskriminierung', 'ausbildung'],
    'a topic that usually leads becomes the main topic',
  );
});

t.test('features: abbreviations as typed, cue heads of unknown compounds, typos', async (t) => {
  t.ok(isAbbreviation('AB'));
  t.ok(isAbbreviation('AfA'));
  t.notOk(isAbbreviation('Ab'));
  t.notOk(isAbbreviation('ABCDEFG'));
  const fx = new FeatureExtractor(analyzer, TOPICS);
  t.ok(fx.cueMatches('Termin bei der AB wegen Duldung').has('aufenthalt'));
  t.notOk(fx.cueMatches('ab 1.9. neue Wohnung').has('aufenthalt'), '"ab" is not the Ausländerbehörde');
  t.ok(fx.cueMatches('Metallbaufirma sucht Schweißer').has('arbeitgeber'), 'Metallbaufirma ends in Firma');
  t.ok(fx.cueMatches('braucht eine Blaue Karte').has('aufenthalt'), 'phrase cue');
  t.notOk(fx.cueMatches('die Karte ist blau').has('aufenthalt'), 'phrase words must be neighbours in order');
  const features = fx.extract('JC kürzt Bürgergeld').features;
  t.ok(features.includes('a:JC') && features.includes('c:arbeitsverwaltung'));
  t.same(fx.extract('Hr. Duldung', [{ start: 4, end: 11 }]).features.filter((f) => f.includes('duldung')), [], 'skipped span');

  t.ok(withinOneEdit('leistungen', 'leistugnen'), 'swap');
  t.ok(withinOneEdit('gestattung', 'gestatung'), 'deletion');
  t.ok(withinOneEdit('zustandig', 'zustanxig'), 'substitution');
  t.notOk(withinOneEdit('arbeit', 'arbeiter'));
  const spelling = new SpellingIndex(['Leistungen', 'Leistungen', 'Gestattung', 'zuständig', 'Verein']);
  t.equal(spelling.correct('Leistugnen'), 'leistungen');
  t.equal(spelling.correct('Gestatung'), 'gestattung');
  t.equal(spelling.correct('zustänig'), 'zustandig');
  t.equal(spelling.correct('Verien'), 'verein');
  t.equal(spelling.correct('Leistungen'), null, 'known words stay');
  t.equal(spelling.correct('Kurs'), null, 'short words stay');
  const [topic] = classifier.classify('JC hat die Leistugnen gekürzt, Widerspruch?');
  t.equal(topic?.id, 'arbeitsverwaltung', 'a typo still finds its topic');
});

t.test('stratified folds: every fold gets every frequent topic, deterministic', async (t) => {
  const folds = stratifiedFolds(train, 5);
  t.same(folds, stratifiedFolds(train, 5));
  for (const id of TOPIC_IDS) {
    const inFolds = new Set(folds.filter((_, i) => train[i]?.topics[0] === id));
    t.equal(inFolds.size, 5, id);
  }
});

t.test('long digit runs are no features: a correction with a customer number does not grow the model for good', async (t) => {
  const features = classifier.extractor.features('Kundennummer 123456789 beim JC, Kurs ab 2026, § 16a AufenthG, B1');
  t.notOk(features.some((f) => f.includes('123456789')), 'nine digits: an identifier, not a word');
  t.ok(features.includes('w:2026'), 'a year stays a word');
  t.ok(features.some((f) => f.includes('16a')), 'a paragraph number stays');
  const learner = createTopicClassifier(analyzer, train.slice(0, 50));
  learner.learn({ text: 'Sprachkurs gesucht, Kundennummer 123456', topics: ['sprache'] });
  const evidence = learner.classify('Sprachkurs gesucht, Kundennummer 123456').flatMap((x) => x.evidence);
  t.ok(evidence.length > 0 && !evidence.some((w) => /\d{5}/.test(w)), `the learnt number is never evidence: ${evidence.join(', ')}`);
});
