import t from 'tap';
import { safeNext } from '../../src/server/routes/pages/signin.js';
import { listFilters } from '../../src/server/routes/pages/enquiries.js';
import { TEST_PASSWORD, ensureUser, json, signIn } from '../helpers/app.js';
import { buildWorkspaceApp } from './workspace-app.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

t.test('safeNext keeps only local paths', async (t) => {
  t.equal(safeNext('/anfragen?topic=sprache#x'), '/anfragen?topic=sprache#x');
  t.equal(safeNext('/anfragen/12'), '/anfragen/12');
  for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', 'anfragen', '', '/anmelden', '/abmelden', '/api/users', '/a\nb', 42, undefined, `/${'x'.repeat(1001)}`]) {
    t.equal(safeNext(bad), null, `refused: ${JSON.stringify(bad)?.slice(0, 40)}`);
  }
});

t.test('listFilters keeps valid filter values only', async (t) => {
  t.same(listFilters({ from: '2026-11-01', to: '2026-11-30', topic: 'sprache', district: '15084', outcome: 'offen', q: '  Duldung  ' }), {
    from: '2026-11-01', to: '2026-11-30', topic: 'sprache', district: '15084', outcome: 'offen', q: 'Duldung',
  });
  t.same(listFilters({ from: '2026-13-01', topic: 'wohnen', district: '99999', outcome: 'egal', q: '   ' }), {});
});

t.test('GET / sends each role home, anonymous visitors to sign-in', async (t) => {
  const { app } = await buildWorkspaceApp(t);
  const home = async (cookie?: string) => (await app.inject({ url: '/', headers: cookie ? { cookie } : {} })).headers.location;
  t.equal(await home(), '/anmelden');
  t.equal(await home(await signIn(app, 'adviser')), '/anfrage');
  t.equal(await home(await signIn(app, 'lead')), '/dashboard');
  t.equal(await home(await signIn(app, 'editor')), '/wissensbasis');
  t.equal(await home(await signIn(app, 'admin')), '/anfrage');
});

t.test('the sign-in page', async (t) => {
  const { app } = await buildWorkspaceApp(t);
  const res = await app.inject({ url: '/anmelden?next=%2Fanfragen%3Ftopic%3Dsprache' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /text\/html/);
  t.equal(res.headers['referrer-policy'], 'same-origin', 'form POSTs carry the real Origin');
  t.equal(res.headers['cache-control'], 'no-store');
  t.match(res.body, /<label for="username">Benutzername<\/label>/);
  t.match(res.body, /<label for="password">Passwort<\/label>/);
  t.match(res.body, /name="next" value="\/anfragen\?topic&#x3D;sprache"/);
  t.notMatch(res.body, /<script(?![^>]*\bsrc=)/, 'no inline script');
  t.notMatch(res.body, /\sstyle=/, 'no inline style attribute');

  const evil = await app.inject({ url: '/anmelden?next=%2F%2Fevil.example' });
  t.notMatch(evil.body, /name="next"/, 'a foreign next is dropped');

  const signedIn = await signIn(app, 'adviser');
  const again = await app.inject({ url: '/anmelden?next=/anfragen', headers: { cookie: signedIn } });
  t.equal(again.statusCode, 303);
  t.equal(again.headers.location, '/anfragen', 'signed in: straight on');
});

t.test('POST /anmelden signs in like POST /api/session', async (t) => {
  const { app, store } = await buildWorkspaceApp(t, { loginThrottle: { maxFailures: 3 } });
  await ensureUser(store, 'adviser');
  await ensureUser(store, 'editor');

  const ok = await app.inject({ method: 'POST', url: '/anmelden', headers: FORM, payload: form({ username: 'adviser', password: TEST_PASSWORD, next: '/anfragen?q=Duldung' }) });
  t.equal(ok.statusCode, 303);
  t.equal(ok.headers.location, '/anfragen?q=Duldung', 'back to the page asked for');
  const cookie = ok.cookies.find((c) => c.name === 'lotse_session');
  t.ok(cookie, 'session cookie set');
  const api = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'adviser', password: TEST_PASSWORD } });
  const apiCookie = api.cookies.find((c) => c.name === 'lotse_session');
  t.same(
    { httpOnly: cookie?.httpOnly, sameSite: cookie?.sameSite, path: cookie?.path, secure: cookie?.secure },
    { httpOnly: apiCookie?.httpOnly, sameSite: apiCookie?.sameSite, path: apiCookie?.path, secure: apiCookie?.secure },
    'the same cookie as the API sets',
  );
  const session = await app.inject({ url: '/api/session', headers: { cookie: `lotse_session=${cookie?.value}` } });
  t.equal(json<{ user: { username: string } }>(session).user.username, 'adviser');

  const home = await app.inject({ method: 'POST', url: '/anmelden', headers: FORM, payload: form({ username: 'editor', password: TEST_PASSWORD, next: 'https://evil.example/' }) });
  t.equal(home.headers.location, '/wissensbasis', 'a foreign next is ignored: the role home page');

  const empty = await app.inject({ method: 'POST', url: '/anmelden', headers: FORM, payload: form({ username: '', password: '' }) });
  t.equal(empty.statusCode, 400);
  t.match(empty.body, /Bitte Benutzername und Passwort eingeben/);

  for (let i = 0; i < 3; i++) {
    const wrong = await app.inject({ method: 'POST', url: '/anmelden', headers: FORM, payload: form({ username: 'adviser', password: 'falsch-falsch-falsch' }) });
    t.equal(wrong.statusCode, 401);
    t.match(wrong.body, /Benutzername oder Passwort ist falsch/);
    t.match(wrong.body, /value="adviser"/, 'the user name is kept');
    t.notMatch(wrong.body, /falsch-falsch-falsch/, 'the password is not');
  }
  const throttled = await app.inject({ method: 'POST', url: '/anmelden', headers: FORM, payload: form({ username: 'adviser', password: TEST_PASSWORD }) });
  t.equal(throttled.statusCode, 429, 'the API throttle applies to the form too');
  t.ok(Number(throttled.headers['retry-after']) > 0);
  t.match(throttled.body, /Zu viele fehlgeschlagene Anmeldungen/);
  const apiThrottled = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'adviser', password: TEST_PASSWORD } });
  t.equal(apiThrottled.statusCode, 429, 'and it is the same throttle');
});

t.test('CSRF: sign-in and sign-out forms are covered by the origin check', async (t) => {
  const { app, store } = await buildWorkspaceApp(t);
  await ensureUser(store, 'adviser');
  const headers = { ...FORM, host: 'lotse.example' };
  const foreign = await app.inject({ method: 'POST', url: '/anmelden', headers: { ...headers, origin: 'https://evil.example' }, payload: form({ username: 'adviser', password: TEST_PASSWORD }) });
  t.equal(foreign.statusCode, 403, 'login CSRF refused');
  t.notOk(foreign.cookies.length, 'no session');
  const nullOrigin = await app.inject({ method: 'POST', url: '/anmelden', headers: { ...headers, origin: 'null' }, payload: form({ username: 'adviser', password: TEST_PASSWORD }) });
  t.equal(nullOrigin.statusCode, 403, 'an opaque origin too');
  const same = await app.inject({ method: 'POST', url: '/anmelden', headers: { ...headers, origin: 'http://lotse.example' }, payload: form({ username: 'adviser', password: TEST_PASSWORD }) });
  t.equal(same.statusCode, 303);

  const cookie = await signIn(app, 'adviser');
  const forged = await app.inject({ method: 'POST', url: '/abmelden', headers: { cookie, host: 'lotse.example', origin: 'https://evil.example' } });
  t.equal(forged.statusCode, 403, 'a forged sign-out is refused');
  t.equal((await app.inject({ url: '/api/session', headers: { cookie } })).statusCode, 200, 'the session lives on');

  const out = await app.inject({ method: 'POST', url: '/abmelden', headers: { cookie, host: 'lotse.example', origin: 'http://lotse.example' } });
  t.equal(out.statusCode, 303);
  t.equal(out.headers.location, '/anmelden');
  t.match(String(out.headers['set-cookie']), /lotse_session=;.*Expires=Thu, 01 Jan 1970/, 'cookie cleared');
  t.equal((await app.inject({ url: '/api/session', headers: { cookie } })).statusCode, 401, 'the session is ended');
  t.ok(store.audit.recent(10).some((e) => (e.action as string) === 'session.signout'), 'the sign-out is in the audit trail like DELETE /api/session');
  t.equal((await app.inject({ method: 'POST', url: '/abmelden' })).statusCode, 303, 'signing out twice is harmless');
});

t.test('pages: access, German 403, CSP-clean HTML', async (t) => {
  const { app, store } = await buildWorkspaceApp(t);
  const enquiry = store.enquiries.create({
    text: 'Notiz', redactions: [], channel: 'telefon', caller: null, district: null, topics: [], outcome: 'offen',
    referredTo: null, articleUsed: null, callbackDate: null, suggestions: [], triageVersion: null, authorId: null,
  });
  const cases: [string, 'adviser' | 'editor' | 'admin', string, RegExp][] = [
    ['/anfrage', 'adviser', 'Neue Anfrage', /id="note"[\s\S]*id="suggestions"/],
    ['/anfragen', 'adviser', 'Anfragen', /id="callbacks"[\s\S]*id="list"/],
    [`/anfragen/${enquiry.id}`, 'adviser', `Anfrage Nr. ${enquiry.id}`, /id="correct-form"/],
    ['/wissensbasis', 'editor', 'Wissensbasis', /id="reload"[\s\S]*id="gaps"/],
    ['/benutzer', 'admin', 'Benutzer', /id="add-user"/],
  ];
  const lead = await signIn(app, 'lead');
  for (const [url, role, title, body] of cases) {
    const anonymous = await app.inject({ url });
    t.equal(anonymous.statusCode, 303, `${url}: anonymous redirected`);
    t.equal(anonymous.headers.location, `/anmelden?next=${encodeURIComponent(url)}`);
    const forbidden = await app.inject({ url, headers: { cookie: lead } });
    t.equal(forbidden.statusCode, 403, `${url}: the lead may not`);
    t.match(forbidden.body, /Kein Zugriff/);
    const res = await app.inject({ url, headers: { cookie: await signIn(app, role) } });
    t.equal(res.statusCode, 200, `${url} for ${role}`);
    t.match(res.body, new RegExp(`<title>${title} · Lotse</title>`));
    t.match(res.body, body);
    t.match(res.body, /<main id="inhalt"/);
    t.match(res.headers['content-security-policy'], /script-src 'self'/);
    t.equal(res.headers['referrer-policy'], 'same-origin');
    t.notMatch(res.body, /<script(?![^>]*\bsrc=)/, `${url}: no inline script`);
    t.notMatch(res.body, /\sstyle=|\son[a-z]+=/, `${url}: no inline style or handler`);
    t.notMatch(res.body, /https?:\/\/(?!www\.w3\.org)/, `${url}: nothing from another host`);
  }
  const admin = await signIn(app, 'admin');
  for (const url of ['/anfrage', '/wissensbasis', '/benutzer']) {
    t.equal((await app.inject({ url, headers: { cookie: admin } })).statusCode, 200, `admin may open ${url}`);
  }
});

t.test('Anfragen: the filter form shows the chosen values; bad ids are a German 404', async (t) => {
  const { app } = await buildWorkspaceApp(t);
  const cookie = await signIn(app, 'adviser');
  const res = await app.inject({ url: '/anfragen?topic=sprache&district=15084&outcome=rueckruf&q=Kurs&from=2026-11-01&topic2=x', headers: { cookie } });
  t.equal(res.statusCode, 200);
  t.match(res.body, /<option value="sprache" selected>/);
  t.match(res.body, /<option value="15084" selected>/);
  t.match(res.body, /<option value="rueckruf" selected>/);
  t.match(res.body, /id="f-q" name="q" type="search" value="Kurs"/);
  t.match(res.body, /id="f-from" name="from" type="date" value="2026-11-01"/);
  t.match(res.body, /data-filters="\{&quot;from&quot;:&quot;2026-11-01&quot;/);
  t.match(res.body, /Zurücksetzen/);

  const bad = await app.inject({ url: '/anfragen/abc', headers: { cookie } });
  t.equal(bad.statusCode, 404);
  t.match(bad.body, /Anfrage nicht gefunden/);
});

t.test('the browser modules are served from /static/js', async (t) => {
  const { app } = await buildWorkspaceApp(t);
  for (const file of ['enquiry.js', 'enquiry-shared.js', 'panel.js', 'enquiries.js', 'enquiries-detail.js', 'kb-editor.js', 'users.js']) {
    const res = await app.inject({ url: `/static/js/${file}` });
    t.equal(res.statusCode, 200, file);
    t.match(res.headers['content-type'], /javascript/);
  }
});
