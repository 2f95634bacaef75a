import t from 'tap';
import { cp, mkdtemp, readFile, rm, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeBase } from '../../src/kb/index.js';

const article = (title: string, body: string, extra = ''): string =>
  `---\ntitle: ${title}\nsummary: Ein Satz über ${title}.\ntopics: [sprache]\n${extra}updated: 2026-10-01\n---\n\n${body}\n`;

const kbFiles = () => ({
  sprache: {
    'integrationskurs.md': article('Integrationskurs', 'Der Integrationskurs endet mit dem DTZ. Anmeldung beim Kursträger.'),
    'berufssprachkurse.md': article('Berufssprachkurse', 'Berufssprachkurse führen zu B2 oder C1.'),
  },
});

/** Polls until `check` passes or `ms` elapse; returns the elapsed time. */
async function eventually(check: () => boolean, ms = 2000): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`nicht innerhalb von ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - start;
}

t.test('fs.watch: a changed, added or deleted file is searchable within 2 s', async (t) => {
  const dir = t.testdir(kbFiles());
  const kb = await KnowledgeBase.open({ dir, watch: true, debounceMs: 100 });
  t.teardown(() => kb.close());
  const top = (q: string) => kb.search(q).results[0]?.slug;
  t.equal(top('Orientierungskurs'), undefined);

  await writeFile(
    join(dir, 'sprache', 'integrationskurs.md'),
    article('Integrationskurs', 'Der Integrationskurs besteht aus Sprachkurs und Orientierungskurs.'),
  );
  const ms = await eventually(() => top('Orientierungskurs') === 'integrationskurs');
  t.ok(ms < 2000, `changed file found after ${ms} ms`);

  await mkdir(join(dir, 'anerkennung'));
  await writeFile(join(dir, 'anerkennung', 'zab.md'), article('Zeugnisbewertung', 'Die ZAB bewertet Hochschulabschlüsse.'));
  await eventually(() => top('Zeugnisbewertung') === 'zab');
  t.pass('new file in a new folder found');

  await rm(join(dir, 'sprache', 'berufssprachkurse.md'));
  await eventually(() => kb.article('berufssprachkurse') === undefined && kb.search('Berufssprachkurse').results.every((r) => r.slug !== 'berufssprachkurse'));
  t.equal(kb.status().articles, 2);
});

t.test('a file broken by an edit keeps its last good version and reports the error until fixed', async (t) => {
  const dir = t.testdir(kbFiles());
  const kb = await KnowledgeBase.open({ dir });
  t.teardown(() => kb.close());
  const file = join(dir, 'sprache', 'integrationskurs.md');
  const good = await readFile(file, 'utf8');
  await writeFile(file, good.replace('topics: [sprache]', 'topics: [sprache, wohnen]').replace('DTZ', 'Deutsch-Test'));
  const r = await kb.reload();
  t.equal(r.errors, 1);
  t.same(r.changed, [], 'the served version did not change');
  const status = kb.status();
  t.match(status.errors, [{ file: 'sprache/integrationskurs.md', line: 4, message: /unbekanntes Thema „wohnen“/ }]);
  t.match(status.warnings, [{ file: 'sprache/integrationskurs.md', message: /letzte gültige Fassung/ }]);
  t.equal(status.articles, 2);
  t.equal(kb.search('DTZ').results[0]?.slug, 'integrationskurs', 'last good version still searchable');
  t.match(kb.article('integrationskurs')?.html, /DTZ/);

  await writeFile(file, good.replace('DTZ', 'Deutsch-Test für Zuwanderer'));
  const fixed = await kb.reload();
  t.same(fixed.changed, ['integrationskurs']);
  t.same(kb.status().errors, []);
  t.match(kb.article('integrationskurs')?.html, /Deutsch-Test für Zuwanderer/);
});

t.test('reload reports added, changed and removed articles; revision is a content hash outside Git', async (t) => {
  // Outside any Git work tree (t.testdir lies inside the project's repository).
  const dir = await mkdtemp(join(tmpdir(), 'lotse-kb-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await cp(t.testdir(kbFiles()), dir, { recursive: true });
  const kb = await KnowledgeBase.open({ dir, gitPull: true });
  t.teardown(() => kb.close());
  const before = kb.revision;
  t.match(before, /^inhalt-[0-9a-f]{12}$/);
  const unchanged = await kb.reload();
  t.same([unchanged.added, unchanged.changed, unchanged.removed], [[], [], []]);
  t.equal(unchanged.revision, before);
  t.equal(unchanged.git, undefined, 'no git pull outside a work tree');
  // Touched but not changed: read again, found equal, nothing re-indexed.
  const later = new Date(Date.now() + 5000);
  await utimes(join(dir, 'sprache', 'integrationskurs.md'), later, later);
  const touched = await kb.reload();
  t.same([touched.added, touched.changed, touched.removed], [[], [], []]);
  t.equal(touched.revision, before);
  await writeFile(join(dir, 'sprache', 'kita.md'), article('Kita', 'Kinderbetreuung während des Kurses.'));
  const r = await kb.reload();
  t.same(r.added, ['kita']);
  t.not(r.revision, before);
  t.equal(kb.status().revision, r.revision);
});

t.test('concurrent reloads do not overlap and searches never see a half state', async (t) => {
  const dir = t.testdir(kbFiles());
  const kb = await KnowledgeBase.open({ dir });
  t.teardown(() => kb.close());
  for (let i = 0; i < 20; i++) {
    await writeFile(join(dir, 'sprache', `kurs-${i}.md`), article(`Kurs ${i}`, `Sprachkurs Nummer ${i} in Halle.`));
  }
  const reloads = [kb.reload(), kb.reload(), kb.reload()];
  let seen = 0;
  // While reloads run, every search answers from a complete state.
  while (seen < 50) {
    const n = kb.search('Sprachkurs Halle', { limit: 50 }).results.length;
    t.ok(n === 0 || n === 20, `results ${n}`);
    seen++;
    await new Promise((r) => setImmediate(r));
  }
  const results = await Promise.all(reloads);
  t.equal(results[0]?.added.length, 20);
  t.equal(results[2]?.added.length, 0);
  t.equal(kb.search('Sprachkurs Halle', { limit: 50 }).results.length, 20);
});

t.test('saved index: a restart loads it, applies changes made while down, rebuilds on another pipeline', async (t) => {
  const dir = t.testdir(kbFiles());
  const dataDir = join(dir, '..', `${t.name.replace(/\W+/g, '-')}-data`);
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const first = await KnowledgeBase.open({ dir, dataDir });
  const expected = first.search('Integrationskurs DTZ');
  await first.close();
  const saved = JSON.parse(await readFile(join(dataDir, 'kb-index.json'), 'utf8')) as { records: unknown[] };
  t.equal(saved.records.length, 2);

  const again = await KnowledgeBase.open({ dir, dataDir });
  t.same(again.search('Integrationskurs DTZ'), expected, 'identical results from the saved index');
  await again.close();

  await writeFile(join(dir, 'sprache', 'kita.md'), article('Kita', 'Kinderbetreuung während des Integrationskurses.'));
  const second = await KnowledgeBase.open({ dir, dataDir });
  t.teardown(() => second.close());
  t.equal(second.search('Integrationskurs DTZ').results[0]?.slug, 'integrationskurs');
  t.equal(second.search('Kinderbetreuung').results[0]?.slug, 'kita', 'file added while down is indexed');
  t.equal(second.status().articles, 3);

  // A corrupt saved index is ignored.
  await writeFile(join(dataDir, 'kb-index.json'), '{"pipeline": "x"');
  const third = await KnowledgeBase.open({ dir, dataDir });
  t.teardown(() => third.close());
  t.equal(third.search('Kinderbetreuung').results[0]?.slug, 'kita');
});
