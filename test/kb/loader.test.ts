import t from 'tap';
import { fileURLToPath } from 'node:url';
import { buildCatalogue, parseArticle, readKbDir, reviewWarnings } from '../../src/kb/index.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/kb/', import.meta.url));

t.test('the fixture KB: valid files are served, every problem is reported with file and line', async (t) => {
  const sources = await readKbDir(FIXTURE);
  const { served, issues } = buildCatalogue(sources.map(parseArticle));
  t.same(
    [...served.keys()].sort(),
    [
      'anerkennung-pflege',
      'auslaenderbehoerde',
      'berufssprachkurse',
      'berufssprachkurse-burgenlandkreis',
      'beschaeftigungserlaubnis',
      'html-im-text',
      'integrationskurs',
      'jobcenter-halle',
      'kaputter-link',
      'sprachkurse-magdeburg',
    ],
    'broken files never stop the others from loading',
  );
  const errors = issues.filter((i) => i.severity === 'error').map((i) => `${i.file}:${i.line ?? '-'}: ${i.message}`);
  const expected: [string, RegExp][] = [
    ['kaputt/Gross_Buchstaben.md:1', /keinen gültigen Slug/],
    ['kaputt/fehlende-felder.md:1', /^title: Pflichtfeld fehlt$/],
    ['kaputt/fehlende-felder.md:2', /^summary: soll genau ein Satz sein$/],
    ['kaputt/fehlende-felder.md:3', /^topics\.1: unbekanntes Thema „wohnen“/],
    ['kaputt/fehlende-felder.md:4', /^districts\.1: unbekannter Kreisschlüssel „99999“/],
    ['kaputt/fehlende-felder.md:5', /^updated: „2026-13-45“ ist kein Datum/],
    ['kaputt/kaputter-link.md:8', /^Link auf nicht vorhandenen Artikel „\.\.\/aufenthalt\/wohnsitzauflage\.md“$/],
    ['kaputt/leerer-text.md:7', /keinen Text/],
    ['kaputt/yaml-fehler.md:6', /kein gültiges YAML/],
    ['weitere/integrationskurs.md:1', /Slug „integrationskurs“ ist doppelt: bereits vergeben an sprache\/integrationskurs\.md/],
  ];
  t.equal(errors.length, expected.length, 'one error per problem, all at once');
  for (const [where, message] of expected) {
    const hit = errors.find((e) => e.startsWith(`${where}: `) && message.test(e.slice(where.length + 2)));
    t.ok(hit, `${where} ${message}`);
  }
  const warnings = issues.filter((i) => i.severity === 'warning').map((i) => `${i.file}: ${i.message}`);
  t.ok(warnings.some((w) => w.startsWith('kaputt/fehlende-felder.md: unbekanntes Feld „tags“')));
  t.ok(warnings.some((w) => w.startsWith('sonstiges/html-im-text.md: HTML im Text')));
});

t.test('front matter is typed: dates as ISO strings, districts as codes, missing lists empty', async (t) => {
  const a = parseArticle({
    file: 'sprache/test.md',
    hash: 'x',
    content: [
      '---',
      'title: Test',
      'summary: Ein Satz mit z. B. einer Abkürzung und § 16d.',
      'topics: sprache',
      'districts: [15084]',
      'updated: 2026-10-01',
      "review_by: '2027-04-01'",
      '---',
      '',
      'Text.',
    ].join('\n'),
  });
  t.same(a.issues, []);
  t.same(a.meta, {
    title: 'Test',
    summary: 'Ein Satz mit z. B. einer Abkürzung und § 16d.',
    topics: ['sprache'],
    districts: ['15084'],
    keywords: [],
    updated: '2026-10-01',
    reviewBy: '2027-04-01',
  });
});

t.test('files without front matter or with forbidden engines are rejected, not executed', async (t) => {
  const none = parseArticle({ file: 'a.md', hash: 'x', content: '# Nur Text\n' });
  t.match(none.issues[0]?.message, /Front Matter fehlt/);
  t.equal(none.meta, undefined);
  const open = parseArticle({ file: 'b.md', hash: 'x', content: '---\ntitle: x\n' });
  t.match(open.issues[0]?.message, /nicht abgeschlossen/);
  const js = parseArticle({
    file: 'c.md',
    hash: 'x',
    content: "---js\n{ title: (globalThis.__pwned = 1, 'x') }\n---\nText\n",
  });
  t.equal((globalThis as Record<string, unknown>).__pwned, undefined, 'JavaScript front matter is never evaluated');
  t.equal(js.meta, undefined);
});

t.test('a duplicate slug keeps the file that had it before', async (t) => {
  const make = (file: string) =>
    parseArticle({ file, hash: file, content: `---\ntitle: T\nsummary: S.\ntopics: [sprache]\nupdated: 2026-01-01\n---\n\nText\n` });
  const first = buildCatalogue([make('z/kurs.md')]);
  const second = buildCatalogue([make('a/kurs.md'), make('z/kurs.md')], first.served);
  t.equal(second.served.get('kurs')?.file, 'z/kurs.md');
  t.match(second.issues[0], { file: 'a/kurs.md', message: /bereits vergeben an z\/kurs\.md/ });
});

t.test('overdue reviews are warnings with the line of review_by', async (t) => {
  const sources = await readKbDir(FIXTURE);
  const { served } = buildCatalogue(sources.map(parseArticle));
  const warnings = reviewWarnings(served.values(), '2026-11-25');
  t.same(
    warnings.map((w) => [w.file, w.line]),
    [["aufenthalt/auslaenderbehoerde.md", 8]],
  );
  t.match(warnings[0]?.message, /2026-10-01 ist überschritten/);
});
