import t from 'tap';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatIssue, lintKb } from '../../src/kb/lint.js';
import { childEnv } from '../helpers/child-env.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/kb/', import.meta.url));

function runLint(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/kb-lint.ts', ...args], { cwd: ROOT, env: childEnv() }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

t.test('lintKb lists errors and warnings with lines', async (t) => {
  const r = await lintKb(FIXTURE, '2026-11-25');
  t.equal(r.files, 15);
  t.equal(r.articles, 10);
  t.equal(r.errors, 10);
  t.equal(r.warnings, 3);
  const lines = r.issues.map((i) => formatIssue(i, 'kb'));
  t.ok(lines.includes('kb/kaputt/kaputter-link.md:8: Link auf nicht vorhandenen Artikel „../aufenthalt/wohnsitzauflage.md“'));
  t.ok(lines.includes('kb/aufenthalt/auslaenderbehoerde.md:8: Warnung: review_by: Prüftermin 2026-10-01 ist überschritten – bitte Inhalt prüfen'));
  t.ok(lines.some((l) => l.startsWith('kb/kaputt/fehlende-felder.md:3: topics.1: unbekanntes Thema „wohnen“')));
  const earlier = await lintKb(FIXTURE, '2026-09-01');
  t.equal(earlier.warnings, 2, 'review not yet due');
  await t.rejects(lintKb('/gibt/es/nicht'), /gibt es nicht/);
});

t.test('the CLI exits 1 on errors, 0 on a clean KB (warnings allowed), 1 with --strict, 2 on bad usage', async (t) => {
  const broken = await runLint(['test/fixtures/kb', '--today', '2026-11-25']);
  t.equal(broken.code, 1);
  const out = broken.stdout.trim().split('\n');
  t.equal(out.length, 13);
  t.ok(out.includes('test/fixtures/kb/kaputt/leerer-text.md:7: Der Artikel hat keinen Text unter dem Front Matter'));
  t.ok(out.every((l) => /^test\/fixtures\/kb\/[\w/-]+\.md(:\d+)?: /.test(l)), 'every line is file:line: message');
  t.match(broken.stderr, /15 Dateien geprüft, 10 gültige Artikel, 10 Fehler, 3 Warnungen/);

  const dir = t.testdir({
    sprache: {
      'integrationskurs.md':
        '---\ntitle: Integrationskurs\nsummary: Wer teilnehmen kann.\ntopics: [sprache]\nupdated: 2026-05-01\nreview_by: 2026-06-01\n---\n\nText mit [Link](kosten.md).\n',
      'kosten.md': '---\ntitle: Kosten\nsummary: Was der Kurs kostet.\ntopics: [sprache]\nupdated: 2026-05-01\n---\n\nText.\n',
    },
  });
  const clean = await runLint([dir, '--today', '2026-11-25']);
  t.equal(clean.code, 0, clean.stdout + clean.stderr);
  t.match(clean.stdout, /integrationskurs\.md:6: Warnung: review_by/);
  const strict = await runLint(['--strict', dir, '--today', '2026-11-25']);
  t.equal(strict.code, 1);
  t.equal((await runLint(['/gibt/es/nicht'])).code, 2);
  t.equal((await runLint(['--falsch'])).code, 2);
});
