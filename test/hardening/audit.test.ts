/**
 * The audit trail: append-only in SQLite; sign-ins (success and failure), sign-outs,
 * user changes, reads, corrections, deletions, exports, KB reloads and retention runs
 * are recorded with who, what, when and from where; admins read it through
 * GET /api/audit and GET /api/audit.csv; it never holds enquiry text or passwords.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { runRetention } from '../../src/server/bootstrap.js';
import { AUDIT_ACTIONS } from '../../src/store/index.js';
import { csvField } from '../../src/server/routes/api/audit.js';
import { json, TEST_PASSWORD } from '../helpers/app.js';
import { buildFullApp } from './support/full-app.js';

const NOTES = [
  'Herr Okonkwo Adebayo aus Quedlinburg, Duldung, möchte Pflegeausbildung beginnen, Tel 0391 5551234',
  'Ehrenamtliche Vormundschaftsbegleiterin fragt nach Schulbesuch eines Mündels in Zerbst',
  'Arbeitgeberin Bäckerei Sonnenschein will Geflüchteten einstellen, Beschäftigungserlaubnis unklar',
];
const SECRET_SEARCH = 'Vormundschaftsbegleiterin';
const WRONG_PASSWORD = 'Geheim-Passwort-Falsch-123';

type AuditItem = { id: number; at: string; user: { id: number; username: string | null } | null; action: string; enquiryId: number | null; ip: string | null; detail: Record<string, unknown> | null };

t.test('every kind of action is recorded with who, what, when and from where — and never enquiry text', async (t) => {
  const { app, store, dir, signIn, clock } = await buildFullApp(t);
  const adviser = await signIn('adviser');
  const admin = await signIn('admin');
  const editor = await signIn('editor');
  const ip = '203.0.113.7';
  const as = (cookie: string) => ({ cookie });
  const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string | null, payload?: object) =>
    app.inject({ method, url, remoteAddress: ip, headers: cookie ? as(cookie) : {}, ...(payload ? { payload } : {}) });

  // Sign-ins: one wrong, one right (through the page, too), sign-out.
  t.equal((await inject('POST', '/api/session', null, { username: 'adviser', password: WRONG_PASSWORD })).statusCode, 401);
  t.equal((await inject('POST', '/api/session', null, { username: 'niemand', password: WRONG_PASSWORD })).statusCode, 401);
  const fresh = await inject('POST', '/api/session', null, { username: 'adviser', password: TEST_PASSWORD });
  t.equal(fresh.statusCode, 200);
  const freshCookie = `lotse_session=${fresh.cookies.find((c) => c.name === 'lotse_session')?.value ?? ''}`;
  t.equal((await inject('DELETE', '/api/session', freshCookie)).statusCode, 204);

  // Users.
  const created = await inject('POST', '/api/users', admin, { username: 'berta', password: 'berta-passwort-lang', role: 'adviser' });
  t.equal(created.statusCode, 201);
  const berta = json<{ id: number }>(created).id;
  t.equal((await inject('PATCH', `/api/users/${berta}`, admin, { role: 'lead', password: 'neues-passwort-lang' })).statusCode, 200);

  // Enquiries: create, list with a search, read, correct, delete.
  const ids: number[] = [];
  for (const text of NOTES) {
    const res = await inject('POST', '/api/enquiries', adviser, { text });
    t.equal(res.statusCode, 201);
    ids.push(json<{ id: number }>(res).id);
  }
  const [first, second, third] = ids as [number, number, number];
  t.equal((await inject('GET', `/api/enquiries?q=${SECRET_SEARCH}`, adviser)).statusCode, 200);
  t.equal((await inject('GET', `/api/enquiries/${first}`, adviser)).statusCode, 200);
  t.equal((await inject('PATCH', `/api/enquiries/${second}`, adviser, { topics: ['ehrenamt'], referredTo: 'Jugendamt Zerbst' })).statusCode, 200);
  t.equal((await inject('DELETE', `/api/enquiries/${third}`, admin)).statusCode, 204);

  // KB reload, retention run, audit export.
  t.equal((await inject('POST', '/api/kb/reload', editor)).statusCode, 200);
  clock.advance(400 * 86_400_000);
  await runRetention(store, { retentionDays: 365 }, { now: clock.now });
  const admin2 = await signIn('admin'); // the first session ran out with the clock
  const csv = await inject('GET', '/api/audit.csv', admin2);
  t.equal(csv.statusCode, 200);

  const all: AuditItem[] = [];
  for (let cursor: string | null = ''; cursor !== null; ) {
    const res = await inject('GET', `/api/audit?limit=7${cursor ? `&cursor=${cursor}` : ''}`, admin2);
    t.equal(res.statusCode, 200);
    const page = json<{ items: AuditItem[]; nextCursor: string | null }>(res);
    all.push(...page.items);
    cursor = page.nextCursor;
  }
  t.same(all.map((e) => e.id), [...all.map((e) => e.id)].sort((a, b) => b - a), 'newest first, pages without gaps or repeats');
  t.equal(new Set(all.map((e) => e.id)).size, all.length);

  const byAction = (action: string) => all.filter((e) => e.action === action);
  const users = (name: string) => store.users.findByUsername(name)?.id;
  t.match(byAction('session.signin_failed'), [
    { user: null, ip, detail: { username: 'niemand' } },
    { user: { id: users('adviser'), username: 'adviser' }, ip, detail: { username: 'adviser' } },
  ], 'failed sign-ins: the name typed, the account it names, the address');
  t.ok(byAction('session.signin').some((e) => e.ip === ip && e.user?.username === 'adviser'), 'successful sign-in');
  t.match(byAction('session.signout'), [{ user: { username: 'adviser' }, ip }]);
  t.match(byAction('user.create'), [{ user: { username: 'admin' }, ip, detail: { userId: berta, username: 'berta', role: 'adviser' } }]);
  t.match(byAction('user.update'), [{ user: { username: 'admin' }, detail: { userId: berta, fields: ['role', 'password'], role: 'lead' } }]);
  t.equal(byAction('enquiry.create').length, 3);
  t.ok(byAction('enquiry.create').every((e) => e.ip === ip && e.user?.username === 'adviser'));
  t.match(byAction('enquiry.list'), [{ ip, detail: { ids: [second] } }]);
  t.match(byAction('enquiry.read'), [{ enquiryId: first, ip, user: { username: 'adviser' } }]);
  t.match(byAction('enquiry.update'), [{ enquiryId: second, ip, detail: { fields: ['topics', 'referredTo'] } }]);
  t.match(byAction('enquiry.delete'), [{ enquiryId: third, ip, user: { username: 'admin' } }]);
  t.match(byAction('kb.reload'), [{ user: { username: 'editor' }, ip, detail: { articles: Number } }]);
  t.match(byAction('retention.run'), [{ user: null, ip: null, detail: { enquiries: 2, trigger: 'schedule' } }]);
  t.match(byAction('audit.export'), [{ user: { username: 'admin' }, ip, detail: { format: 'csv' } }]);
  const covered = new Set(all.map((e) => e.action));
  t.same(AUDIT_ACTIONS.filter((a) => !covered.has(a) && a !== 'report.export'), [], 'every action but report.export (the trends routes) was seen');
  for (const e of all) t.match(e.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

  // Nothing of the notes, the search words or the passwords is in the trail.
  const raw = new Database(join(dir, 'lotse.db'), { readonly: true });
  t.teardown(() => raw.close());
  const dump = JSON.stringify(raw.prepare('SELECT * FROM audit_log').all());
  const words = new Set(NOTES.flatMap((n) => n.split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 6));
  words.add(SECRET_SEARCH);
  const leaked = [...words].filter((w) => dump.includes(w));
  t.same(leaked, [], `none of ${words.size} words of the notes appear in the audit log`);
  for (const secret of [WRONG_PASSWORD, TEST_PASSWORD, 'berta-passwort-lang', 'neues-passwort-lang']) t.notOk(dump.includes(secret), 'no password');
  t.notOk(csv.body.includes('Quedlinburg'), 'nor in the CSV');
});

t.test('the audit log is append-only', async (t) => {
  const { app, dir, signIn } = await buildFullApp(t);
  await signIn('admin');
  await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin', password: WRONG_PASSWORD } });
  const db = new Database(join(dir, 'lotse.db'));
  t.teardown(() => db.close());
  const count = () => (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  const before = count();
  t.ok(before >= 2);
  t.throws(() => db.prepare("UPDATE audit_log SET ip = '127.0.0.1'").run(), /append-only/);
  t.throws(() => db.prepare('DELETE FROM audit_log').run(), /append-only/);
  t.throws(() => db.prepare("UPDATE audit_log SET detail = NULL WHERE action = 'session.signin_failed'").run(), /append-only/);
  t.equal(count(), before, 'nothing changed');
  db.prepare("INSERT INTO audit_log (at, user_id, action, enquiry_id, detail, ip) VALUES ('2026-11-25T10:00:00.000Z', NULL, 'kb.reload', NULL, NULL, NULL)").run();
  t.equal(count(), before + 1, 'appending still works');
});

t.test('GET /api/audit: admins only, filters, validation', async (t) => {
  const { app, store, signIn, clock } = await buildFullApp(t);
  clock.set('2026-11-26T08:00:00.000Z');
  await signIn('adviser');
  clock.set('2026-11-27T08:00:00.000Z');
  await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'adviser', password: WRONG_PASSWORD } });
  clock.set('2026-11-28T08:00:00.000Z');
  const admin = await signIn('admin');
  const lead = await signIn('lead');

  t.equal((await app.inject({ method: 'GET', url: '/api/audit' })).statusCode, 401);
  t.equal((await app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: lead } })).statusCode, 403);
  t.equal((await app.inject({ method: 'GET', url: '/api/audit.csv', headers: { cookie: lead } })).statusCode, 403);

  const get = async (query: string) => {
    const res = await app.inject({ method: 'GET', url: `/api/audit${query}`, headers: { cookie: admin } });
    return { status: res.statusCode, body: json<{ items: AuditItem[]; errors?: { path: string }[] }>(res) };
  };
  const day26 = await get('?from=2026-11-26&to=2026-11-26');
  t.same(day26.body.items.map((e) => e.action), ['session.signin'], 'one Berlin day');
  t.same((await get('?action=session.signin_failed')).body.items.map((e) => e.at), ['2026-11-27T08:00:00.000Z']);
  const adviserId = store.users.findByUsername('adviser')?.id ?? 0;
  t.ok((await get(`?user=${adviserId}`)).body.items.every((e) => e.user?.id === adviserId));
  t.same((await get('?from=2026-11-27T08:00:00Z&to=2026-11-27T08:00:00Z')).body.items.map((e) => e.action), ['session.signin_failed'], 'timestamps work too');

  for (const [query, path] of [
    ['?action=enquiry.steal', 'querystring.action'],
    ['?from=gestern', 'querystring.from'],
    ['?from=2026-11-27&to=2026-11-26', 'querystring.to'],
    ['?cursor=abc', 'querystring.cursor'],
    ['?limit=0', 'querystring.limit'],
    ['?limit=100000', 'querystring.limit'],
    ['?user=-1', 'querystring.user'],
    ['?unknown=1', 'querystring'],
  ] as const) {
    const res = await get(query);
    t.equal(res.status, 400, query);
    t.match(res.body.errors?.map((e) => e.path), [path], query);
  }
});

t.test('GET /api/audit.csv: UTF-8 with BOM, semicolons, one line per entry, formulas defused', async (t) => {
  const { app, signIn } = await buildFullApp(t);
  const admin = await signIn('admin');
  await app.inject({ method: 'POST', url: '/api/session', payload: { username: '=HYPERLINK("http://x";"klick")', password: WRONG_PASSWORD } });
  await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'Jürgen;Ölmüller', password: WRONG_PASSWORD } });
  const res = await app.inject({ method: 'GET', url: '/api/audit.csv', headers: { cookie: admin } });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
  t.match(res.headers['content-disposition'], /^attachment; filename="lotse-protokoll\.csv"$/);
  t.equal(res.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 BOM');
  const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
  t.equal(lines.at(-1), '', 'ends with a line break');
  t.equal(lines[0], 'Nr.;Zeit (UTC);Zeit (Berlin);Benutzer-Nr.;Benutzer;Aktion;Anfrage;Adresse;Details');
  const rows = lines.slice(1, -1);
  t.equal(rows.length, 4, 'sign-in, two failures, the export itself');
  t.match(rows[0], /^1;2026-11-25T09:00:00\.000Z;25\.11\.2026, 10:00:00;\d+;admin;session\.signin;;127\.0\.0\.1;$/);
  t.match(rows[1], /session\.signin_failed;;127\.0\.0\.1;"\{""username"":""=HYPERLINK/, 'JSON detail quoted');
  t.match(rows[2], 'Jürgen;Ölmüller', 'umlauts intact');
  t.match(rows[3], /audit\.export/);

  t.equal(csvField('=1+1'), "'=1+1");
  t.equal(csvField('-2'), "'-2");
  t.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
  t.equal(csvField(-2), '-2', 'numbers stay numbers');
  t.equal(csvField('a;b'), '"a;b"');
  t.equal(csvField('sagt "hallo"'), '"sagt ""hallo"""');
  t.equal(csvField('x\ny'), '"x\ny"');
  t.equal(csvField(null), '');

  const filtered = await app.inject({ method: 'GET', url: '/api/audit.csv?action=session.signin&from=2026-11-25&to=2026-11-25', headers: { cookie: admin } });
  t.equal(filtered.body.replace(/^\uFEFF/, '').split('\r\n').length, 3, 'header, one entry, end');
  t.match(filtered.headers['content-disposition'], 'lotse-protokoll-ab-2026-11-25-bis-2026-11-25.csv');
  t.equal((await app.inject({ method: 'GET', url: '/api/audit.csv?to=x', headers: { cookie: admin } })).statusCode, 400);
});
