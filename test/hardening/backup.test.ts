/**
 * Backups while Lotse writes, and restores: the online backup (src/store/backup.ts,
 * `npm run backup`) taken under a steady stream of inserts is a consistent snapshot
 * holding every enquiry acknowledged before it started; restored into a fresh data
 * folder (`npm run restore`) it passes integrity_check, opens with the store and its
 * roll-ups equal a recount. Restore refuses while the database is open and refuses
 * files that are not sound Lotse databases.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t, { type Test } from 'tap';
import { runBackupCli } from '../../src/cli/backup.js';
import { runRestoreCli } from '../../src/cli/restore.js';
import { silentLogger } from '../../src/domain/logger.js';
import { backupDatabase, BackupError, databaseInUse, restoreDatabase, verifyLotseDatabase } from '../../src/store/backup.js';
import { openStore, type NewEnquiry, type Store } from '../../src/store/index.js';
import { FAST_SCRYPT } from '../helpers/app.js';
import { childEnv } from '../helpers/child-env.js';
import { REPO_ROOT } from '../helpers/server-process.js';
import { enquiryTexts, integrity, openReadOnly, rollupMismatches } from './support/db-check.js';
import { enquiryDraft, seededRandom } from './support/notes.js';

t.setTimeout(120_000);

const random = seededRandom(20261125);

function draft(n: number): NewEnquiry {
  const d = enquiryDraft(random, `b${n}`);
  return {
    text: d.text,
    redactions: [],
    channel: d.channel,
    caller: d.caller,
    district: n % 3 === 0 ? null : { code: n % 2 ? '15084' : '15002', source: 'auto' },
    topics: [{ id: n % 2 ? 'sprache' : 'aufenthalt', score: 0.8, source: 'auto' }],
    outcome: d.outcome,
    referredTo: d.referredTo ?? null,
    articleUsed: null,
    callbackDate: null,
    suggestions: [],
    triageVersion: null,
    authorId: null,
    createdAt: new Date(Date.parse('2026-10-20T08:00:00Z') + n * 3_600_000),
  };
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) }, out, err };
}

function openDataStore(dir: string): Store {
  return openStore(join(dir, 'lotse.db'), silentLogger, { scrypt: FAST_SCRYPT });
}

/** Inserts enquiries one per macrotask until stopped; returns the acknowledged ids in order. */
function writeLoop(store: Store, start: number) {
  const acknowledged: { id: number; text: string }[] = [];
  let running = true;
  let n = start;
  const done = new Promise<void>((resolve) => {
    const step = () => {
      if (!running) return resolve();
      const e = store.enquiries.create(draft(n++));
      acknowledged.push({ id: e.id, text: e.text ?? '' });
      setImmediate(step);
    };
    setImmediate(step);
  });
  return {
    acknowledged,
    async stop() {
      running = false;
      await done;
    },
  };
}

function checkRestored(t: Test, dir: string, mustHave: { id: number; text: string }[]) {
  const db = openReadOnly(join(dir, 'lotse.db'));
  t.teardown(() => db.close());
  t.same(integrity(db), ['ok'], 'integrity_check ok');
  const stored = enquiryTexts(db);
  const missing = mustHave.filter((e) => stored.get(e.id) !== e.text);
  t.same(missing, [], `all ${mustHave.length} acknowledged enquiries are in the backup`);
  t.same(rollupMismatches(db), [], 'roll-ups equal a recount');
  // A snapshot: the stored ids are exactly 1…max, nothing half-written.
  const ids = [...stored.keys()].sort((a, b) => a - b);
  t.same(ids, ids.map((_, i) => i + 1), 'ids without gaps');
  return stored;
}

t.test('an online backup under write load, restored into a fresh folder', async (t) => {
  // One test folder per test (t.testdir() recreates it on every call), with subfolders.
  const root = t.testdir({ live: {}, out: {}, fresh: {} });
  const live = join(root, 'live');
  const store = openDataStore(live);
  t.teardown(() => store.close());
  const before: { id: number; text: string }[] = [];
  for (let n = 0; n < 1500; n++) {
    const e = store.enquiries.create(draft(n));
    before.push({ id: e.id, text: e.text ?? '' });
  }

  // Small steps, so the writes (another connection) restart the copy and the
  // "rest in one step" rule has to finish it.
  const writer = writeLoop(store, 10_000);
  const dest = join(root, 'out', 'sicherung.db');
  const progress: number[] = [];
  const result = await backupDatabase(join(live, 'lotse.db'), dest, { pagesPerStep: 2, onProgress: (p) => progress.push(p.remainingPages) });
  await writer.stop();
  t.ok(writer.acknowledged.length > 0, `${writer.acknowledged.length} inserts ran while the backup copied`);
  t.ok(progress.length > 1, `copied in ${progress.length + 1} steps`);
  t.ok(result.enquiries >= before.length, `backup holds ${result.enquiries} enquiries`);
  t.same(readdirSync(join(dest, '..')), ['sicherung.db'], 'a single self-contained file, no partial or -wal left');

  const fresh = join(root, 'fresh');
  const { io, out, err } = capture();
  t.equal(runRestoreCli([dest], io, { dataDir: fresh }), 0, err.join(''));
  t.match(out.join(''), /Wiederhergestellt: .*sicherung\.db/);
  t.notMatch(out.join(''), /vor-wiederherstellung/, 'nothing to keep aside in a fresh folder');
  const stored = checkRestored(t, fresh, before);
  const during = writer.acknowledged.filter((e) => stored.has(e.id));
  t.ok(during.every((e) => stored.get(e.id) === e.text), `${during.length} inserts made during the copy are in it, complete`);

  // The store opens the restored database (migrations up to date) and serves it.
  const restored = openDataStore(fresh);
  t.equal(restored.enquiries.count(), stored.size);
  t.equal(restored.enquiries.get(1)?.text, before[0]?.text);
  restored.close();
});

t.test('npm run backup in a second process while this one writes', async (t) => {
  const root = t.testdir({ live: {}, out: {}, fresh: {} });
  const live = join(root, 'live');
  const store = openDataStore(live);
  t.teardown(() => store.close());
  const before: { id: number; text: string }[] = [];
  for (let n = 0; n < 300; n++) {
    const e = store.enquiries.create(draft(n));
    before.push({ id: e.id, text: e.text ?? '' });
  }
  const writer = writeLoop(store, 20_000);
  const dest = join(root, 'out', 'nacht.db');
  const child = spawn(join(REPO_ROOT, 'node_modules/.bin/tsx'), ['src/cli/backup.ts', dest], {
    cwd: REPO_ROOT,
    env: childEnv({ LOTSE_DATA_DIR: live }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  await writer.stop();
  t.equal(code, 0, stderr);
  t.match(stdout, /Sicherung geschrieben: .*nacht\.db\n.*Anfragen, 1 Benutzer|Anfragen, 0 Benutzer/);
  t.match(stdout, /integrity_check ok/);
  t.ok(writer.acknowledged.length > 0, `${writer.acknowledged.length} inserts while the CLI copied`);

  const fresh = join(root, 'fresh');
  t.equal(runRestoreCli([dest], capture().io, { dataDir: fresh }), 0);
  checkRestored(t, fresh, before);
});

t.test('restore refuses while the database is open, and keeps the replaced one aside', async (t) => {
  const root = t.testdir({ source: {}, out: {}, target: {} });
  const source = join(root, 'source');
  const s = openDataStore(source);
  s.enquiries.create(draft(1));
  s.close();
  const backup = join(root, 'out', 'b.db');
  await backupDatabase(join(source, 'lotse.db'), backup);

  const target = join(root, 'target');
  const running = openDataStore(target);
  running.enquiries.create(draft(2));
  running.enquiries.create(draft(3));
  t.equal(databaseInUse(join(target, 'lotse.db')), true, 'an open store holds the database');
  const refused = capture();
  t.equal(runRestoreCli([backup], refused.io, { dataDir: target }), 1);
  t.match(refused.err.join(''), /läuft Lotse noch\? Bitte den Server zuerst beenden/);
  t.equal(running.enquiries.count(), 2, 'the running database is untouched');
  running.close();

  // Stale sidecar files of a crashed process must not be applied to the restored file.
  writeFileSync(join(target, 'lotse.db-shm'), 'alt');
  t.equal(databaseInUse(join(target, 'lotse.db')), false, 'free once closed');
  const ok = capture();
  const restoreResult = restoreDatabase(backup, join(target, 'lotse.db'), { now: () => new Date('2026-11-25T18:30:00.000Z') });
  t.equal(restoreResult.enquiries, 1);
  t.equal(restoreResult.previous, join(target, 'lotse.db.vor-wiederherstellung-2026-11-25T18-30-00Z'));
  t.notOk(existsSync(join(target, 'lotse.db-wal')), 'no -wal');
  t.notOk(existsSync(join(target, 'lotse.db-shm')), 'no stale -shm');
  const previous = new Database(restoreResult.previous ?? '', { readonly: true });
  t.equal((previous.prepare('SELECT count(*) AS n FROM enquiries').get() as { n: number }).n, 2, 'the replaced database is complete (its WAL was folded in)');
  previous.close();
  const reopened = openDataStore(target);
  t.equal(reopened.enquiries.count(), 1);
  reopened.close();
  t.equal(ok.err.length, 0);
});

t.test('restore and verify refuse what is not a sound Lotse database', async (t) => {
  const root = t.testdir({ files: { 'notiz.txt': 'kein SQLite', 'leer.db': '' }, target: {}, source: {} });
  const dir = join(root, 'files');
  const target = join(root, 'target');
  const foreign = join(dir, 'fremd.db');
  const db = new Database(foreign);
  db.exec('CREATE TABLE kunden (name TEXT)');
  db.close();

  const expectRefusal = (file: string, pattern: RegExp) => {
    const { io, err } = capture();
    t.equal(runRestoreCli([file], io, { dataDir: target }), 1, file);
    t.match(err.join(''), pattern);
  };
  expectRefusal(join(dir, 'fehlt.db'), /gibt es nicht/);
  expectRefusal(join(dir, 'notiz.txt'), /keine SQLite-Datenbank|lässt sich nicht/);
  expectRefusal(foreign, /keine Lotse-Datenbank \(Tabelle schema_migrations fehlt\)/);
  expectRefusal(join(dir, 'leer.db'), /keine Lotse-Datenbank/);

  // A backup from a newer Lotse (a migration this code does not know).
  const source = join(root, 'source');
  openDataStore(source).close();
  const newer = join(dir, 'neuer.db');
  await backupDatabase(join(source, 'lotse.db'), newer);
  const raw = new Database(newer);
  raw.prepare("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (99, 'zukunft', 'x', '2030-01-01')").run();
  raw.close();
  expectRefusal(newer, /keine vollständige Lotse-Datenbank|neueren Lotse-Version/);

  // A damaged file: a page in the middle overwritten.
  const damaged = join(dir, 'kaputt.db');
  const big = openStore(damaged, silentLogger, { scrypt: FAST_SCRYPT });
  for (let n = 0; n < 400; n++) big.enquiries.create(draft(n));
  big.close();
  const bytes = readFileSync(damaged);
  bytes.fill(0x5a, 4096 * 5, 4096 * 5 + 600);
  writeFileSync(damaged, bytes);
  t.throws(() => verifyLotseDatabase(damaged), BackupError);
  expectRefusal(damaged, /beschädigt|keine SQLite|malformed/);
  t.same(readdirSync(target), [], 'nothing was written into the target folder');
});

t.test('npm run backup: usage, existing files, default location', async (t) => {
  const root = t.testdir({ live: {}, out: {}, empty: {} });
  const live = join(root, 'live');
  const store = openDataStore(live);
  store.enquiries.create(draft(1));
  t.teardown(() => store.close());

  const usage = capture();
  t.equal(await runBackupCli(['a.db', 'b.db'], usage.io, { dataDir: live }), 2);
  t.match(usage.err.join(''), /nur eine Zieldatei/);
  t.equal(await runBackupCli(['--help'], usage.io, { dataDir: live }), 0);
  t.equal(await runBackupCli(['--unbekannt'], usage.io, { dataDir: live }), 2);

  const byDefault = capture();
  t.equal(await runBackupCli([], byDefault.io, { dataDir: live }), 0, byDefault.err.join(''));
  const [name] = readdirSync(join(live, 'backups'));
  t.match(name, /^lotse-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.db$/);
  t.match(byDefault.out.join(''), /1 Anfragen, 0 Benutzer, Schema-Version \d+/);

  const target = join(root, 'out', 'x.db');
  t.equal(await runBackupCli([target], capture().io, { dataDir: live }), 0);
  const again = capture();
  t.equal(await runBackupCli([target], again.io, { dataDir: live }), 1);
  t.match(again.err.join(''), /gibt es schon/);
  t.equal(await runBackupCli([target, '--force'], capture().io, { dataDir: live }), 0, '--force replaces it');

  const missing = capture();
  t.equal(await runBackupCli([target], missing.io, { dataDir: join(root, 'empty') }), 1);
  t.match(missing.err.join(''), /Die Datenbank .* gibt es nicht/);
  t.equal(await runBackupCli([join(live, 'nirgends', 'x.db')], missing.io, { dataDir: live }), 1);
  t.equal(await runBackupCli([join(live, 'lotse.db'), '--force'], missing.io, { dataDir: live }), 1, 'never onto the database itself');

  const restoreUsage = capture();
  t.equal(runRestoreCli([], restoreUsage.io, { dataDir: live }), 2);
  t.equal(runRestoreCli(['--help'], restoreUsage.io, { dataDir: live }), 0);
  t.equal(runRestoreCli(['--x'], restoreUsage.io, { dataDir: live }), 2);
});
