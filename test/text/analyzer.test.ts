import t from 'tap';
import fc from 'fast-check';
import {
  buildVocabulary,
  CompoundSplitter,
  createAnalyzer,
  feminineBase,
  foldWord,
  isStopWord,
  stem,
  tokenize,
  AbbreviationLexicon,
} from '../../src/text/index.js';

// A vocabulary as the KB would give it: realistic sentences, not a word list.
const KB_TEXT = [
  'Der Berufssprachkurs nach der DeuFöV baut auf dem Integrationskurs auf.',
  'Ein Kurs zur beruflichen Sprache: Sprachkurse und Sprachförderung für den Beruf.',
  'Die Ausländerbehörde erteilt die Aufenthaltserlaubnis und die Erlaubnis zur Beschäftigung.',
  'Die Arbeitsagentur und das Jobcenter fördern mit dem Bildungsgutschein. Der Gutschein gilt drei Monate.',
  'Ärzte und Ärztinnen brauchen die Approbation. Der Arzt stellt den Antrag beim Landesverwaltungsamt.',
  'Beraterinnen und Berater der Migrationsberatung vereinbaren einen Termin.',
  'Die Verwaltung des Landes; das Land Sachsen-Anhalt und seine Behörde, das Amt.',
  'Bildung und Weiterbildung; der Aufenthalt in Deutschland.',
  'Medizin studieren in Berlin oder Halle; der Kurs beginnt im Januar.',
  'Einstiegsqualifizierung im Betrieb, Ausbildung und Ausbildungsduldung.',
];
const vocabulary = buildVocabulary(KB_TEXT);
const analyzer = createAnalyzer({ vocabulary });

const meet = (a: string, b: string): boolean => {
  const ta = new Set(analyzer.analyzeWord(a));
  return analyzer.analyzeWord(b).some((x) => ta.has(x));
};

t.test('foldWord folds umlauts, ß and transliterations but not Steuer/Dauer/aktuell', async (t) => {
  t.equal(foldWord('Behörde'), 'behorde');
  t.equal(foldWord('Behoerde'), 'behorde');
  t.equal(foldWord('Straße'), 'strasse');
  t.equal(foldWord('Ärztin'), 'arztin');
  t.equal(foldWord('Aerztin'), 'arztin');
  t.equal(foldWord('Steuer'), 'steuer');
  t.equal(foldWord('Dauer'), 'dauer');
  t.equal(foldWord('aktuell'), 'aktuell');
});

t.test('tokenize keeps offsets, hyphenated words and gender suffixes', async (t) => {
  const text = 'Job-BSK für Berater*innen, § 18a AufenthG.';
  const tokens = tokenize(text);
  t.same(
    tokens.map((x) => x.word),
    ['Job-BSK', 'für', 'Berater*innen', '18a', 'AufenthG'],
  );
  for (const tok of tokens) t.equal(text.slice(tok.start, tok.end), tok.word);
  const job = tokens[0];
  t.same(job?.parts?.map((p) => p.word), ['Job', 'BSK']);
  t.same(job?.parts?.map((p) => text.slice(p.start, p.end)), ['Job', 'BSK']);
  t.equal(tokens[2]?.parts, undefined, 'a gender suffix is no part');
});

t.test('stem: Snowball German until stable, so singular and plural meet', async (t) => {
  t.equal(stem('Kurs'), stem('Kurse'));
  t.equal(stem('Kurse'), stem('Kursen'));
  t.equal(stem('Behörde'), stem('Behoerden'));
  t.equal(stem('Ausbildung'), stem('Ausbildungen'));
  t.equal(stem('18a'), '18a', 'digits are only folded');
});

t.test('umlaut variants meet', async (t) => {
  t.ok(meet('Ausländerbehörde', 'Auslaenderbehoerde'));
  t.ok(meet('Ausländerbehörde', 'Auslanderbehorde'));
  t.ok(meet('Beschäftigung', 'Beschaeftigung'));
  t.ok(meet('Sprachförderung', 'Sprachfoerderung'));
});

t.test('plural and case forms meet', async (t) => {
  t.ok(meet('Integrationskurs', 'Integrationskurse'));
  t.ok(meet('Sprachkurs', 'Sprachkursen'));
  t.ok(meet('Behörde', 'Behörden'));
  t.ok(meet('Jobcenter', 'Jobcentern'));
  t.ok(meet('Beschäftigung', 'Beschäftigungen'));
});

t.test('compounds are split against the vocabulary and meet both ways', async (t) => {
  const splitter = new CompoundSplitter(vocabulary);
  t.same(splitter.split('Berufssprachkurs'), ['berufssprachkurs', 'beruf', 'sprachkurs', 'sprache', 'kurs']);
  t.same(splitter.split('Bildungsgutschein'), ['bildungsgutschein', 'bildung', 'gutschein']);
  t.same(splitter.split('Kurs'), ['kurs'], 'a simple word stays whole');
  t.same(splitter.split('Verwaltung'), ['verwaltung'], 'no split into unknown parts');
  t.ok(splitter.split('Landesverwaltungsamt').includes('verwaltung'), 'modifier split again');
  t.ok(splitter.split('Sprachkurse').includes('kurs'), 'inflected compound');
  // compound in the query, simple word in the article and the other way round
  t.ok(meet('Berufssprachkurse', 'Sprachkurs'));
  t.ok(meet('Kurs', 'Berufssprachkurs'));
  t.ok(meet('Beschäftigungserlaubnis', 'Erlaubnis'));
  t.ok(meet('Aufenthalt', 'Aufenthaltserlaubnis') || meet('Erlaubnis', 'Aufenthaltserlaubnis'));
  t.notOk(meet('Verfahren', 'Fahren'), 'no split without a known first part');
});

t.test('feminine forms go to the base noun, other -in words stay', async (t) => {
  const known = (w: string): boolean => vocabulary.has(w);
  t.equal(feminineBase('beraterin', known), 'berater');
  t.equal(feminineBase('beraterinnen', known), 'berater');
  t.equal(feminineBase('arztinnen', known), 'arzt');
  t.equal(feminineBase('arztin', known), 'arzt');
  t.equal(feminineBase('zahnarztin', known), 'zahnarzt');
  t.equal(feminineBase('kollegin', known), 'kollege');
  t.equal(feminineBase('koordinatorin', known), 'koordinator');
  t.equal(feminineBase('migrantinnen', known), 'migrant');
  for (const w of ['termin', 'medizin', 'berlin', 'beginnen', 'verein', 'benzin', 'disziplin']) {
    t.equal(feminineBase(w, known), w, `${w} stays`);
  }
  t.ok(meet('Beraterin', 'Berater'));
  t.ok(meet('Berater*innen', 'Berater'));
  t.ok(meet('Ärztinnen', 'Arzt'));
  t.notOk(meet('Termin', 'Term'));
});

t.test('stop words are few and never domain words', async (t) => {
  for (const w of ['ab', 'zeit', 'recht', 'teil', 'jahr', 'gut', 'arbeit', 'kurs', 'amt', 'frau', 'kind']) {
    t.notOk(isStopWord(w), `${w} is not a stop word`);
  }
  t.ok(isStopWord('und'));
  t.same(analyzer.terms('und die der'), []);
  t.ok(analyzer.terms('Recht auf Arbeit ab Zeit').length >= 4);
});

t.test('abbreviations are kept as exact terms and expanded', async (t) => {
  t.ok(analyzer.analyzeWord('AB').includes('ab'));
  t.ok(meet('AB', 'Ausländerbehörde'), 'AB → Ausländerbehörde');
  t.notOk(meet('ab', 'Ausländerbehörde'), 'the preposition ab is not the authority');
  t.notOk(meet('Ab', 'Ausländerbehörde'), 'nor at the start of a sentence');
  t.ok(meet('JC', 'Jobcenter'));
  t.ok(meet('jc', 'Jobcenter'), 'unambiguous abbreviations in any case');
  t.ok(meet('BSK', 'Berufssprachkurs'));
  t.ok(meet('BSK', 'Sprachkurs'), 'expansion is split too');
  t.ok(meet('Job-BSK', 'Berufssprachkurs'), 'hyphen part abbreviation');
  t.ok(meet('MOs', 'Migrantenorganisation'), 'plural s');
  t.ok(meet('EQ', 'Einstiegsqualifizierung'));
  t.ok(meet('LVwA', 'Landesverwaltungsamt'));
  t.ok(meet('BüMA', 'BUEMA'), 'BüMA in any spelling');
  const lex = new AbbreviationLexicon();
  t.equal(lex.lookup('AfA')?.expansion, 'Agentur für Arbeit');
  t.equal(lex.lookup('Mo'), undefined, 'Mo (Montag) is not MO');
});

t.test('termsWithSpans points back at the original words', async (t) => {
  const text = 'Die Beraterin aus Halle fragt nach dem BSK für ihre Klientin.';
  const spans = analyzer.termsWithSpans(text);
  t.ok(spans.length > 0);
  for (const s of spans) t.equal(text.slice(s.start, s.end), s.surface);
  const berater = spans.find((s) => s.surface === 'Beraterin');
  t.equal(berater?.term, stem('Berater'));
  t.ok(spans.some((s) => s.surface === 'BSK' && s.term === 'bsk'));
  t.same(analyzer.terms(text), spans.map((s) => s.term));
});

const germanish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'Ausländerbehörde', 'AB', 'Berufssprachkurse', 'Ärztinnen', 'Beraterin', 'Job-BSK', 'Straße',
        'Aufenthaltserlaubnis', 'und', 'ab', 'Termin', 'Berater*innen', 'Kurs', '18a', 'Steuer',
      ),
      fc.string({ unit: fc.constantFrom('a', 'e', 'ä', 'o', 'ö', 'u', 'ü', 'ß', 's', 'n', 'r', 'k', 'B', 'I', '-', ' ', '*'), maxLength: 14 }),
    ),
    { maxLength: 12 },
  )
  .map((words) => words.join(' '));

t.test('properties: folding and stemming are idempotent, analysis is deterministic', async (t) => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => foldWord(foldWord(s)) === foldWord(s)),
    { numRuns: 2000 },
  );
  fc.assert(fc.property(germanish, (text) => {
    for (const tok of tokenize(text)) {
      const once = stem(tok.word);
      if (stem(once) !== once) return false;
    }
    return true;
  }));
  fc.assert(fc.property(germanish, (text) => {
    const a = analyzer.terms(text);
    const b = createAnalyzer({ vocabulary }).terms(text);
    return JSON.stringify(a) === JSON.stringify(b);
  }));
  fc.assert(fc.property(germanish, (text) => {
    // Every term is already folded and offsets always point into the text.
    return analyzer.termsWithSpans(text).every(
      (s) => foldWord(s.term) === s.term && text.slice(s.start, s.end) === s.surface,
    );
  }));
});
