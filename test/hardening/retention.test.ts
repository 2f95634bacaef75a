/**
 * Retention and deletion on request: the retention run deletes old free text in small
 * batches with the event loop free in between (requests are answered meanwhile), keeps
 * tags and figures, and is audited; `npm run retention` does the same from the shell.
 * DELETE /api/enquiries/:id (admin only) removes one enquiry with its training
 * examples and full-text entry, the roll-ups still equal a recount, and it is audited.
 */
import { join } from 'node:path';
import t from 'tap';
import { runRetentionCli } from '../../src/cli/retention.js';
import { silentLogger } from '../../src/domain/logger.js';
import { runRetention, scheduleRetention } from '../../src/server/bootstrap.js';
import { openStore, type EnquiryChange, type NewEnquiry, type Store } from '../../src/store/index.js';
import { buildTestApp, FAST_SCRYPT, json, signIn, TestClock } from '../helpers/app.js';
import { FakeTriage } from '../helpers/fakes.js';
import { integrity, openReadOnly, rollupMismatches } from './support/db-check.js';

const DAY = 86_400_000;

function old(n: number, over: Partial<NewEnquiry> = {}): NewEnquiry {
  return {
    text: `Beraterin aus Halle fragt nach Sprachkurs für Klientin, Rückruf erbeten (alt ${n})`,
    redactions: [{ type: 'phone', start: 0, end: 3 }],
    channel: 'telefon',
    caller: n % 2 ? 'beratung' : 'ehrenamt',
    district: n % 3 ? { code: '15002', source: 'auto' } : null,
    topics: [{ id: 'sprache', score: 0.9, source: 'auto' }],
    outcome: 'beantwortet',
    referredTo: n % 4 ? null : 'Jobcenter Halle',
    articleUsed: null,
    callbackDate: null,
    suggestions: [],
    triageVersion: null,
    authorId: null,
    // A year and more ago (the test clock stands at 2026-11-25).
    createdAt: new Date(Date.parse('2025-10-01T09:00:00Z') + n * 60_000),
    ...over,
  };
}

function textSearch(store: Store, words: string): number {
  return store.enquiries.list({ text: words, limit: 100 }).items.length;
}

t.test('the retention run works in small batches, keeps the figures and is audited', async (t) => {
  const clock = new TestClock();
  const path = join(t.testdir({}), 'lotse.db');
  // NORMAL: no fsync per commit, so the 1000 inserts are quick (durability is not tested here).
  const store = openStore(path, silentLogger, { now: clock.now, scrypt: FAST_SCRYPT, synchronous: 'NORMAL' });
  t.teardown(() => store.close());
  // Stored a year ago: training examples carry the time they were made.
  clock.set('2025-10-01T09:00:00.000Z');
  for (let n = 0; n < 1000; n++) store.enquiries.create(old(n, n % 10 === 0 ? { trainingSource: 'enquiry' } : {}));
  clock.set('2026-11-25T09:00:00.000Z');
  // A correction today of an old enquiry makes a new example from its old text.
  store.enquiries.update(2, { topics: ['sprache', 'anerkennung'] }, null);
  const recent = store.enquiries.create(old(5000, { createdAt: new Date(clock.now().getTime() - 10 * DAY), text: 'Neue Anfrage zur Anerkennung' }));
  t.equal(store.enquiries.trainingExamples().length, 101);
  t.equal(textSearch(store, 'Sprachkurs'), 100, 'old texts are searchable before');

  // Count event-loop turns that happen while the run is in progress.
  let turns = 0;
  let done = false;
  const ticker = () => {
    if (done) return;
    turns += 1;
    setImmediate(ticker);
  };
  setImmediate(ticker);
  const result = await runRetention(store, { retentionDays: 365 }, { now: clock.now, batchSize: 50 });
  done = true;
  t.match(result, { enquiries: 1000, examples: 101, batches: 21, cutoff: '2025-11-25T09:00:00.000Z' });
  t.ok(turns >= 19, `the event loop ran ${turns} times between the ${result.batches} batches`);

  t.equal(store.enquiries.get(1)?.text, null);
  t.same(store.enquiries.get(1)?.redactions, []);
  t.match(store.enquiries.get(1), { topics: [{ id: 'sprache' }], caller: 'ehrenamt', textPurgedAt: clock.now().toISOString() }, 'tags stay');
  t.equal(store.enquiries.get(recent.id)?.text, 'Neue Anfrage zur Anerkennung', 'young text stays');
  t.equal(store.enquiries.trainingExamples().length, 0, 'training examples made from old text are gone');
  t.equal(textSearch(store, 'Sprachkurs'), 0, 'the full-text index forgot the old texts');
  t.equal(store.enquiries.count(), 1001, 'no enquiry was removed');

  const db = openReadOnly(path);
  t.teardown(() => db.close());
  t.same(rollupMismatches(db), [], 'roll-ups equal a recount');
  t.same(integrity(db), ['ok']);

  const [entry] = store.audit.recent(1);
  t.match(entry, { action: 'retention.run', userId: null, enquiryId: null, detail: { enquiries: 1000, examples: 101, retentionDays: 365, trigger: 'schedule' } });

  const again = await runRetention(store, { retentionDays: 365 }, { now: clock.now, batchSize: 50 });
  t.match(again, { enquiries: 0, examples: 0, batches: 1 }, 'a second run finds nothing');
  t.equal(store.audit.recent(1)[0]?.action, 'retention.run', 'and is audited too');
});

t.test('requests are answered while a long retention run is in progress', async (t) => {
  const { app, store, clock } = await buildTestApp(t, { store: { synchronous: 'NORMAL' } });
  for (let n = 0; n < 1500; n++) store.enquiries.create(old(n));
  const admin = await signIn(app, 'admin');
  let finished = false;
  const run = runRetention(store, { retentionDays: 365 }, { now: clock.now, batchSize: 5 }).then((r) => {
    finished = true;
    return r;
  });
  const res = await app.inject({ method: 'GET', url: '/api/enquiries?limit=1', headers: { cookie: admin } });
  t.equal(res.statusCode, 200);
  t.notOk(finished, 'the request was answered before the run ended');
  t.equal((await run).enquiries, 1500);
});

t.test('the scheduler runs at start, logs, and never overlaps itself', async (t) => {
  const clock = new TestClock();
  const store = openStore(join(t.testdir({}), 'lotse.db'), silentLogger, { now: clock.now, scrypt: FAST_SCRYPT });
  t.teardown(() => store.close());
  for (let n = 0; n < 120; n++) store.enquiries.create(old(n));
  const logged: unknown[] = [];
  const stop = scheduleRetention(store, { retentionDays: 365 }, { ...silentLogger, info: (o: unknown) => void logged.push(o), error: (o: unknown) => void logged.push(o) }, { now: clock.now, intervalMs: 1, batchSize: 10 });
  const runs = () => store.audit.recent(50).filter((e) => e.action === 'retention.run').length;
  // Each batch commits (with fsync): wait for the first run and one more from the timer.
  for (let waited = 0; runs() < 2 && waited < 20_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
  stop();
  t.match(logged, [{ purged: 120, batches: 13 }], 'one run did the work; the timer runs found nothing and logged nothing');
  t.ok(runs() >= 2, 'every run is audited');
});

t.test('npm run retention', async (t) => {
  const clock = new TestClock();
  const path = join(t.testdir({}), 'lotse.db');
  const open = () => openStore(path, silentLogger, { now: clock.now, scrypt: FAST_SCRYPT });
  const seed = open();
  for (let n = 0; n < 7; n++) seed.enquiries.create(old(n));
  seed.close();
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) };
  t.equal(await runRetentionCli([], io, { retentionDays: 365 }, open, clock.now), 0, err.join(''));
  t.match(out.join(''), 'Aufbewahrungsfrist 365 Tage: Text von 7 Anfragen gelöscht (angelegt vor 2025-11-25)');
  const check = open();
  t.match(check.audit.recent(1)[0], { action: 'retention.run', detail: { trigger: 'cli', enquiries: 7 } });
  check.close();

  t.equal(await runRetentionCli(['jetzt'], io, { retentionDays: 365 }, open), 2);
  t.equal(await runRetentionCli(['--x'], io, { retentionDays: 365 }, open), 2);
  t.equal(await runRetentionCli(['--help'], io, { retentionDays: 365 }, open), 0);
  const broken = () => {
    const store = open();
    store.close();
    return store;
  };
  t.equal(await runRetentionCli([], io, { retentionDays: 365 }, broken), 1, 'a failure is reported with exit code 1');
  t.match(err.join(''), /Löschlauf fehlgeschlagen/);
});

t.test('DELETE /api/enquiries/:id: admin only, gone everywhere, figures correct themselves, audited', async (t) => {
  const triage = new FakeTriage();
  const { app, store, dir } = await buildTestApp(t, { triage });
  const adviser = await signIn(app, 'adviser');
  const admin = await signIn(app, 'admin');
  const post = async (text: string, extra: Record<string, unknown> = {}) => {
    const res = await app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie: adviser }, payload: { text, ...extra } });
    t.equal(res.statusCode, 201);
    return json<{ id: number }>(res).id;
  };
  const keep = await post('Ehrenamtliche aus Naumburg fragt nach Sprachkurs', { caller: 'ehrenamt' });
  const target = await post('Klientin mit Duldung aus Naumburg, Ausbildung, Tel 0345 1234567', { caller: 'migrant', topics: ['aufenthalt', 'ausbildung'], outcome: 'weiterverwiesen', referredTo: 'MBE Caritas' });
  await app.inject({ method: 'PATCH', url: `/api/enquiries/${target}`, headers: { cookie: adviser }, payload: { topics: ['aufenthalt'] } });
  t.equal(store.enquiries.trainingExamples().filter((e) => e.enquiryId === target).length, 2, 'the enquiry has training examples');

  const changes: EnquiryChange[] = [];
  store.enquiries.onCommitted((change) => changes.push(change));

  t.equal((await app.inject({ method: 'DELETE', url: `/api/enquiries/${target}` })).statusCode, 401, 'anonymous');
  t.equal((await app.inject({ method: 'DELETE', url: `/api/enquiries/${target}`, headers: { cookie: adviser } })).statusCode, 403, 'advisers may not');
  t.equal((await app.inject({ method: 'DELETE', url: `/api/enquiries/${target}`, headers: { cookie: await signIn(app, 'lead') } })).statusCode, 403, 'leads may not');
  const deleted = await app.inject({ method: 'DELETE', url: `/api/enquiries/${target}`, headers: { cookie: admin }, remoteAddress: '10.1.2.3' });
  t.equal(deleted.statusCode, 204);
  t.equal(deleted.body, '');

  t.equal((await app.inject({ method: 'GET', url: `/api/enquiries/${target}`, headers: { cookie: admin } })).statusCode, 404, 'gone');
  const again = await app.inject({ method: 'DELETE', url: `/api/enquiries/${target}`, headers: { cookie: admin } });
  t.equal(again.statusCode, 404);
  t.match(json(again), { code: 'ENQUIRY_NOT_FOUND' });
  t.equal((await app.inject({ method: 'DELETE', url: '/api/enquiries/abc', headers: { cookie: admin } })).statusCode, 400);
  t.equal(store.enquiries.get(keep)?.id, keep, 'others stay');
  t.equal(store.enquiries.trainingExamples().filter((e) => e.enquiryId === target).length, 0, 'its training examples are gone');
  t.equal(store.enquiries.trainingExamples().filter((e) => /Duldung/.test(e.text)).length, 0, 'no copy of its text remains');
  t.equal(textSearch(store, 'Duldung'), 0, 'not in the full-text index');
  t.match(changes, [{ deleted: true, before: { id: target } }], 'live listeners hear of it');

  const db = openReadOnly(join(dir, 'lotse.db'));
  t.teardown(() => db.close());
  t.same(rollupMismatches(db), [], 'roll-ups equal a recount after the deletion');
  const leftovers = db.prepare('SELECT count(*) AS n FROM enquiry_topics WHERE enquiry_id = ?').get(target) as { n: number };
  t.equal(leftovers.n, 0);

  const entry = store.audit.forEnquiry(target).at(-1);
  t.match(entry, { action: 'enquiry.delete', enquiryId: target, userId: store.users.findByUsername('admin')?.id, ip: '10.1.2.3', detail: null });
  t.equal(store.audit.forEnquiry(target)[0]?.action, 'enquiry.create', 'the earlier trail of the enquiry stays');
});
