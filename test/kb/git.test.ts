import t from 'tap';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KnowledgeBase, readGitInfo } from '../../src/kb/index.js';

const run = promisify(execFile);

const article = (title: string, body: string): string =>
  `---\ntitle: ${title}\nsummary: Ein Satz über ${title}.\ntopics: [sprache]\nupdated: 2026-10-01\n---\n\n${body}\n`;

async function git(cwd: string, args: string[], author = 'Erika Redakteurin', date = '2026-10-01T10:00:00+02:00'): Promise<string> {
  const { stdout } = await run('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: author,
      GIT_AUTHOR_EMAIL: 'redaktion@example.org',
      GIT_COMMITTER_NAME: author,
      GIT_COMMITTER_EMAIL: 'redaktion@example.org',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: cwd,
    },
  });
  return stdout.trim();
}

async function initRepo(dir: string): Promise<void> {
  await git(dir, ['init', '-q', '-b', 'main']);
  await git(dir, ['add', '-A']);
  await git(dir, ['commit', '-q', '-m', 'Erste Artikel']);
}

t.test('revision is the short SHA, +dirty with local changes; last commit per article from one git log', async (t) => {
  const dir = t.testdir({
    sprache: { 'integrationskurs.md': article('Integrationskurs', 'Der Integrationskurs endet mit dem DTZ.') },
    aufenthalt: { 'duldung.md': article('Duldung', 'Beschäftigungserlaubnis bei Duldung.') },
  });
  await initRepo(dir);
  const sha = await git(dir, ['rev-parse', '--short', 'HEAD']);
  const kb = await KnowledgeBase.open({ dir });
  t.teardown(() => kb.close());
  t.equal(kb.revision, sha);
  t.same(kb.article('integrationskurs')?.lastCommit, { author: 'Erika Redakteurin', date: '2026-10-01T10:00:00+02:00' });

  await writeFile(join(dir, 'aufenthalt', 'duldung.md'), article('Duldung', 'Beschäftigungsduldung und Ausbildungsduldung.'));
  const dirty = await kb.reload();
  t.equal(dirty.revision, `${sha}+dirty`);
  t.same(dirty.changed, ['duldung']);

  await git(dir, ['commit', '-q', '-am', 'Duldung ergänzt'], 'Max Beispiel', '2026-11-02T09:30:00+01:00');
  const clean = await kb.reload();
  const sha2 = await git(dir, ['rev-parse', '--short', 'HEAD']);
  t.equal(clean.revision, sha2);
  t.not(sha2, sha);
  t.same(kb.article('duldung')?.lastCommit, { author: 'Max Beispiel', date: '2026-11-02T09:30:00+01:00' });
  t.same(kb.article('integrationskurs')?.lastCommit?.author, 'Erika Redakteurin');
  t.equal(kb.status().revision, sha2);
});

t.test('reload with gitPull fetches new commits fast-forward', async (t) => {
  const root = t.testdir({
    origin: { sprache: { 'integrationskurs.md': article('Integrationskurs', 'Der Integrationskurs endet mit dem DTZ.') } },
  });
  const origin = join(root, 'origin');
  await initRepo(origin);
  await git(root, ['clone', '-q', origin, 'served']);
  const served = join(root, 'served');
  const kb = await KnowledgeBase.open({ dir: served, gitPull: true });
  t.teardown(() => kb.close());
  t.equal(kb.search('Zeugnisbewertung').results.length, 0);

  await writeFile(join(origin, 'sprache', 'zab.md'), article('Zeugnisbewertung', 'Die ZAB bewertet ausländische Hochschulabschlüsse.'));
  await git(origin, ['add', '-A']);
  await git(origin, ['commit', '-q', '-m', 'ZAB']);
  const r = await kb.reload();
  t.equal(r.git?.ok, true);
  t.same(r.added, ['zab']);
  t.equal(r.revision, await git(origin, ['rev-parse', '--short', 'HEAD']));
  t.equal(kb.search('Zeugnisbewertung').results[0]?.slug, 'zab');

  // A pull that cannot fast-forward is reported, and the reload still happens.
  await writeFile(join(served, 'sprache', 'lokal.md'), article('Lokal', 'Lokale Änderung.'));
  await git(served, ['add', '-A']);
  await git(served, ['commit', '-q', '-m', 'lokal']);
  await writeFile(join(origin, 'sprache', 'anders.md'), article('Anders', 'Andere Änderung.'));
  await git(origin, ['add', '-A']);
  await git(origin, ['commit', '-q', '-m', 'anders']);
  const diverged = await kb.reload();
  t.equal(diverged.git?.ok, false);
  t.match(diverged.git?.message, /git pull fehlgeschlagen/);
  t.same(diverged.added, ['lokal']);
});

t.test('outside Git (or without git) there is no Git info', async (t) => {
  t.equal(await readGitInfo('/'), undefined);
});
