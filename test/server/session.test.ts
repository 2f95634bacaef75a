import t from 'tap';
import { buildTestApp, ensureUser, json, signIn, TEST_PASSWORD } from '../helpers/app.js';

const MINUTE = 60_000;

t.test('sign in: 200, user, and a hardened session cookie', async (t) => {
  const { app, store } = await buildTestApp(t, { env: { LOTSE_COOKIE_SECURE: 'true' } });
  await ensureUser(store, 'lead', 'Lea');
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'lea', password: TEST_PASSWORD } });
  t.equal(res.statusCode, 200);
  t.match(json(res), { user: { username: 'Lea', role: 'lead' }, expiresAt: '2026-11-25T21:00:00.000Z' });
  const cookie = res.cookies.find((c) => c.name === 'lotse_session');
  t.ok(cookie, 'lotse_session cookie set');
  t.match(cookie, { httpOnly: true, sameSite: 'Lax', secure: true, path: '/' });
  t.match(String(res.headers['set-cookie']), /HttpOnly/);
  t.notMatch(res.body, cookie?.value ?? 'x', 'the token is only in the cookie');

  const me = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: `lotse_session=${cookie?.value}` } });
  t.equal(me.statusCode, 200);
  t.match(json(me), { user: { username: 'Lea', role: 'lead' } });
});

t.test('Secure is off unless configured', async (t) => {
  const { app, store } = await buildTestApp(t);
  await ensureUser(store, 'adviser');
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'adviser', password: TEST_PASSWORD } });
  t.notOk(res.cookies[0]?.secure);
});

t.test('wrong password and unknown user get the same 401', async (t) => {
  const { app, store } = await buildTestApp(t);
  await ensureUser(store, 'adviser', 'anna');
  const wrong = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'anna', password: 'falsches-passwort' } });
  const unknown = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'niemand', password: 'falsches-passwort' } });
  t.equal(wrong.statusCode, 401);
  t.equal(unknown.statusCode, 401);
  const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
  t.same(strip(json(wrong)), strip(json(unknown)), 'identical problem bodies');
  t.match(json(wrong), { title: 'Nicht angemeldet', detail: 'Benutzername oder Passwort ist falsch.' });
  t.equal(wrong.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.same(wrong.cookies, [], 'no cookie');
});

t.test('a deactivated user cannot sign in, and their sessions end', async (t) => {
  const { app, store } = await buildTestApp(t);
  const cookie = await signIn(app, 'adviser', 'anna');
  const anna = store.users.findByUsername('anna');
  await store.users.update(anna?.id ?? 0, { active: false });
  const res = await app.inject({ method: 'GET', url: '/api/enquiries', headers: { cookie } });
  t.equal(res.statusCode, 401);
  const again = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'anna', password: TEST_PASSWORD } });
  t.equal(again.statusCode, 401);
});

t.test('sign-out ends the session and clears the cookie', async (t) => {
  const { app } = await buildTestApp(t);
  const cookie = await signIn(app, 'adviser');
  t.equal((await app.inject({ method: 'GET', url: '/api/enquiries', headers: { cookie } })).statusCode, 200);
  const out = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } });
  t.equal(out.statusCode, 204);
  t.equal(out.body, '');
  const cleared = out.cookies.find((c) => c.name === 'lotse_session');
  t.equal(cleared?.value, '', 'cookie emptied');
  t.ok(cleared?.expires && cleared.expires.getTime() <= Date.now(), 'and expired');
  const after = await app.inject({ method: 'GET', url: '/api/enquiries', headers: { cookie } });
  t.equal(after.statusCode, 401, 'the old token no longer works');
  t.equal((await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } })).statusCode, 401, 'signing out twice');
});

t.test('every sign-in issues a new token and ends the one the browser had', async (t) => {
  const { app } = await buildTestApp(t);
  const first = await signIn(app, 'adviser');
  const res = await app.inject({ method: 'POST', url: '/api/session', headers: { cookie: first }, payload: { username: 'adviser', password: TEST_PASSWORD } });
  const second = `lotse_session=${res.cookies[0]?.value}`;
  t.not(second, first);
  t.equal((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: first } })).statusCode, 401, 'old token dead');
  t.equal((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: second } })).statusCode, 200);
});

t.test('idle expiry and maximum age follow the configuration (injected clock)', async (t) => {
  const { app, clock } = await buildTestApp(t, { env: { LOTSE_SESSION_IDLE_MINUTES: '20', LOTSE_SESSION_MAX_HOURS: '1' } });
  const cookie = await signIn(app, 'adviser');
  const get = async () => (await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode;
  clock.advance(19 * MINUTE);
  t.equal(await get(), 200, 'active after 19 idle minutes');
  clock.advance(19 * MINUTE);
  t.equal(await get(), 200, 'the request restarted the idle timer');
  clock.advance(20 * MINUTE);
  t.equal(await get(), 401, 'expired after 20 idle minutes');

  const fresh = await signIn(app, 'adviser');
  for (let i = 0; i < 3; i++) {
    clock.advance(19 * MINUTE);
    t.equal((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: fresh } })).statusCode, 200);
  }
  clock.advance(4 * MINUTE);
  t.equal((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: fresh } })).statusCode, 401, 'over after one hour however active');
});

t.test('repeated failures are throttled per user name and address', async (t) => {
  const { app, store, clock } = await buildTestApp(t, { loginThrottle: { maxFailures: 3, windowMs: 10 * MINUTE } });
  await ensureUser(store, 'adviser', 'anna');
  const attempt = (password: string, username = 'anna') => app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
  for (let i = 0; i < 3; i++) t.equal((await attempt('falsches-passwort')).statusCode, 401);
  const blocked = await attempt(TEST_PASSWORD);
  t.equal(blocked.statusCode, 429, 'even the right password waits');
  t.equal(blocked.headers['retry-after'], '600');
  t.match(json(blocked), { title: 'Zu viele Anfragen', status: 429 });
  t.equal((await attempt('falsches-passwort', 'bernd')).statusCode, 401, 'other names are not affected');
  clock.advance(10 * MINUTE);
  t.equal((await attempt(TEST_PASSWORD)).statusCode, 200, 'allowed again after the window');
});

t.test('the sign-in body is validated', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username: '', extra: 1 } });
  t.equal(res.statusCode, 400);
  t.same(
    json<{ errors: { path: string }[] }>(res).errors.map((e) => e.path).sort(),
    ['body.extra', 'body.password', 'body.username'],
  );
});
