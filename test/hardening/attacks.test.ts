/**
 * Abuse resistance, each attack tried against the whole application (see
 * support/full-app.ts): password guessing (growing delays per name and address, per
 * address, per name; spoofed X-Forwarded-For), session fixation and expiry, password
 * rules, security headers and CSP, CSRF and WebSocket origin checks, body and field
 * size limits, huge query strings (in-process and over a real socket), path traversal
 * against the API and the static files, and hostile JSON.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { SignInThrottle, LoginThrottle } from '../../src/server/login-throttle.js';
import { ConfigError, parseConfig } from '../../src/server/config.js';
import { json, TEST_PASSWORD, TestClock } from '../helpers/app.js';
import { buildFullApp } from './support/full-app.js';

const MINUTE = 60_000;
const PROBLEM = 'application/problem+json; charset=utf-8';

t.test('LoginThrottle: free failures, then delays that double, then a lock; a quiet window forgets', async (t) => {
  const clock = new TestClock();
  const throttle = new LoginThrottle({ freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 8000, maxFailures: 8, windowMs: 10 * MINUTE, now: clock.now });
  const waits: number[] = [];
  for (let i = 0; i < 8; i++) {
    throttle.fail('k');
    waits.push(throttle.retryAfterSeconds('k'));
  }
  t.same(waits, [0, 0, 1, 2, 4, 8, 8, 600], 'after 3 failures: 1 s, 2 s, 4 s, capped at 8 s; after 8 locked for the window');
  clock.advance(10 * MINUTE - 1000);
  t.equal(throttle.retryAfterSeconds('k'), 1);
  clock.advance(1000);
  t.equal(throttle.retryAfterSeconds('k'), 0, 'forgotten after a quiet window');
  t.equal(throttle.size, 0);
  t.equal(throttle.delayAfter(40), 600_000, 'no overflow for long attacks');
});

t.test('SignInThrottle: per name and address, per address, per name; success clears the name only', async (t) => {
  const clock = new TestClock();
  const throttle = new SignInThrottle({ now: clock.now });
  // One address, many names: the address throttle starts after 20 failures.
  for (let i = 0; i < 20; i++) throttle.fail('198.51.100.1', `name${i}`);
  t.equal(throttle.retryAfterSeconds('198.51.100.1', 'fresh-name'), 1, 'the 21st name from this address waits');
  t.equal(throttle.retryAfterSeconds('198.51.100.2', 'fresh-name'), 0, 'another address does not');
  throttle.succeed('198.51.100.1', 'name0');
  t.equal(throttle.retryAfterSeconds('198.51.100.1', 'other'), 1, 'a successful sign-in does not clear the address: a valid account cannot reset it');
  // Many addresses, one name: the name throttle starts after 10 failures.
  for (let i = 0; i < 10; i++) throttle.fail(`203.0.113.${i}`, 'Anna');
  t.equal(throttle.retryAfterSeconds('203.0.113.200', 'anna'), 1, 'a new address trying the same name (any case) waits');
  for (let i = 10; i < 30; i++) {
    clock.advance(MINUTE);
    throttle.fail(`203.0.113.${i}`, 'anna');
  }
  t.equal(throttle.retryAfterSeconds('203.0.113.250', 'anna'), 60, 'the per-name delay is capped at a minute: nobody is locked out for long');
  throttle.succeed('203.0.113.250', 'anna');
  t.equal(throttle.retryAfterSeconds('203.0.113.250', 'anna'), 0, 'a successful sign-in clears the name');
});

t.test('password guessing over HTTP: growing delays, 429 with Retry-After, no bypass with X-Forwarded-For', async (t) => {
  const { app, clock, signIn } = await buildFullApp(t);
  await signIn('adviser', 'anna');
  const attempt = (password: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/session', headers, payload: { username: 'anna', password } });
  const statuses: number[] = [];
  const retries: string[] = [];
  for (let i = 0; i < 6; i++) {
    // A different forged client address every time: ignored without LOTSE_TRUST_PROXY.
    const res = await attempt('falsch-falsch-falsch', { 'x-forwarded-for': `10.0.0.${i}` });
    statuses.push(res.statusCode);
    if (res.statusCode === 429) {
      retries.push(String(res.headers['retry-after']));
      t.equal(res.headers['content-type'], PROBLEM);
      t.match(json(res).detail, /Zu viele fehlgeschlagene Anmeldungen\. Bitte in \d+ Sekunden erneut versuchen\./);
    }
  }
  t.same(statuses, [401, 401, 401, 429, 429, 429], 'the fourth try right after three failures waits');
  t.same(retries, ['1', '1', '1']);
  clock.advance(1000);
  t.equal((await attempt('falsch-falsch-falsch')).statusCode, 401, 'after the delay the next guess is checked');
  const next = await attempt(TEST_PASSWORD);
  t.equal(next.statusCode, 429, 'even the right password waits: the delay doubled');
  t.equal(next.headers['retry-after'], '2');
  clock.advance(2000);
  t.equal((await attempt(TEST_PASSWORD)).statusCode, 200, 'the right password after the delay');
  t.equal((await attempt('falsch-falsch-falsch')).statusCode, 401, 'and success reset the count');
});

t.test('LOTSE_TRUST_PROXY: the forwarded address counts, per address', async (t) => {
  const { app, signIn } = await buildFullApp(t, { env: { LOTSE_TRUST_PROXY: '1' } });
  await signIn('adviser', 'anna');
  const attempt = (ip: string) =>
    app.inject({ method: 'POST', url: '/api/session', headers: { 'x-forwarded-for': ip }, payload: { username: 'anna', password: 'falsch-falsch-falsch' } });
  for (let i = 0; i < 3; i++) t.equal((await attempt('192.0.2.10')).statusCode, 401);
  t.equal((await attempt('192.0.2.10')).statusCode, 429, 'the client behind the proxy is throttled');
  t.equal((await attempt('192.0.2.11')).statusCode, 401, 'another client behind the same proxy is not');
});

t.test('sessions: a new id at every sign-in, no fixation, idle and absolute expiry, sign-out ends it', async (t) => {
  const { app, clock, signIn } = await buildFullApp(t);
  await signIn('adviser', 'anna');
  const signInWith = (cookie?: string) =>
    app.inject({ method: 'POST', url: '/api/session', headers: cookie ? { cookie } : {}, payload: { username: 'anna', password: TEST_PASSWORD } });
  const cookieOf = (res: Awaited<ReturnType<typeof signInWith>>) => `lotse_session=${res.cookies.find((c) => c.name === 'lotse_session')?.value ?? ''}`;
  const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });

  const planted = 'lotse_session=' + 'A'.repeat(43);
  const first = await signInWith(planted);
  const a = cookieOf(first);
  t.not(a, planted, 'a cookie planted before the sign-in is not adopted');
  t.equal((await me(planted)).statusCode, 401);
  const cookie = first.cookies.find((c) => c.name === 'lotse_session');
  t.match(cookie, { httpOnly: true, sameSite: 'Lax', path: '/' });
  t.notOk(cookie?.secure, 'not Secure without LOTSE_COOKIE_SECURE');
  t.match(cookie?.value, /^[A-Za-z0-9_-]{43}$/, '256 random bits');

  const second = await signInWith(a);
  const b = cookieOf(second);
  t.not(b, a, 'signing in again gives a new id');
  t.equal((await me(a)).statusCode, 401, 'and ends the session the browser had');
  t.equal((await me(b)).statusCode, 200);

  clock.advance(8 * 60 * MINUTE);
  t.equal((await me(b)).statusCode, 401, 'idle for 8 hours: over');

  const c = cookieOf(await signInWith());
  for (let hour = 0; hour < 11; hour++) {
    clock.advance(60 * MINUTE);
    t.equal((await me(c)).statusCode, 200);
  }
  clock.advance(60 * MINUTE);
  t.equal((await me(c)).statusCode, 401, 'after 12 hours however active');

  const d = cookieOf(await signInWith());
  t.equal((await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: d } })).statusCode, 204);
  t.equal((await me(d)).statusCode, 401, 'signed out means gone on the server too');
});

t.test('cookie and HSTS behind TLS (LOTSE_COOKIE_SECURE=1)', async (t) => {
  const { app, signIn } = await buildFullApp(t, { env: { LOTSE_COOKIE_SECURE: '1' } });
  await signIn('adviser', 'anna');
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'anna', password: TEST_PASSWORD } });
  t.equal(res.cookies.find((c) => c.name === 'lotse_session')?.secure, true, 'Secure cookie');
  t.match(res.headers['strict-transport-security'], /^max-age=\d{7,}/);
  t.match(res.headers['content-security-policy'], /upgrade-insecure-requests/);
});

t.test('password rules: at least 12 characters, not the user name', async (t) => {
  const { app, signIn, store } = await buildFullApp(t);
  const admin = await signIn('admin');
  const create = (username: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin }, payload: { username, password, role: 'adviser' } });
  for (const [username, password] of [
    ['bert', 'elf-zeichen'],
    ['bert', '           '],
    ['bertrand-lang', 'bertrand-lang'],
    ['bertrand-lang', ' BERTRAND-LANG '],
    ['bertrand-lang', 'Bertrand-Lang'],
  ] as const) {
    const res = await create(username, password);
    t.equal(res.statusCode, 400, `${username} / ${JSON.stringify(password)}`);
    t.match(json<{ errors: { path: string }[] }>(res).errors, [{ path: 'body.password' }]);
  }
  t.equal((await create('bertrand', 'ein-gutes-langes-passwort')).statusCode, 201);
  const id = store.users.findByUsername('bertrand')?.id;
  const patch = await app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: { cookie: admin }, payload: { password: 'BERTRAND' + '    ' } });
  t.equal(patch.statusCode, 400);
  const same = await app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: { cookie: admin }, payload: { password: 'bertrand' } });
  t.equal(same.statusCode, 400, 'short and the name');
  t.throws(() => parseConfig({ LOTSE_ADMIN_PASSWORD: 'kurz' }), ConfigError, 'the first admin password too');
  t.throws(() => parseConfig({ LOTSE_ADMIN_PASSWORD: ' Admin ' }), ConfigError);
});

t.test('security headers: strict CSP without inline or eval, no framing, no sniffing, on API, pages and errors', async (t) => {
  const { app, signIn } = await buildFullApp(t);
  const adviser = await signIn('adviser');
  for (const [url, cookie] of [
    ['/healthz', null],
    ['/api/enquiries', null],
    ['/api/enquiries', adviser],
    ['/anmelden', null],
    ['/anfrage', adviser],
    ['/gibt-es-nicht', null],
    ['/static/css/app.css', null],
  ] as const) {
    const res = await app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
    t.ok(res.statusCode < 500, `${url}: ${res.statusCode}`);
    const csp = String(res.headers['content-security-policy']);
    const directives = Object.fromEntries(csp.split(';').map((d) => { const [name = '', ...values] = d.trim().split(/\s+/); return [name, values.join(' ')]; }));
    t.match(directives, {
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'object-src': "'none'",
      'frame-ancestors': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
      'connect-src': "'self'",
    }, `${url}: CSP`);
    t.notMatch(csp, /unsafe-inline|unsafe-eval|\*|https?:/, `${url}: nothing inline, no eval, no other host`);
    t.equal(res.headers['x-content-type-options'], 'nosniff');
    t.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
    // Pages send same-origin (links within Lotse keep their referrer), everything else no-referrer.
    t.match(res.headers['referrer-policy'], /^(no-referrer|same-origin)$/);
    t.equal(res.headers['cross-origin-opener-policy'], 'same-origin');
    t.equal(res.headers['cross-origin-resource-policy'], 'same-origin');
    t.notOk(res.headers['x-powered-by']);
    t.notOk(res.headers['strict-transport-security'], 'no HSTS over plain HTTP');
    t.match(res.headers['x-request-id'], /^[0-9a-f-]{36}$/);
  }
});

t.test('CSRF and WebSocket origin checks', async (t) => {
  const { app, signIn } = await buildFullApp(t);
  const adviser = await signIn('adviser');
  const lead = await signIn('lead');
  const post = (origin: string) =>
    app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie: adviser, origin, host: 'lotse.example' }, payload: { text: 'Anfrage zur Anerkennung' } });
  t.equal((await post('https://boese.example')).statusCode, 403, 'foreign Origin on a state change');
  t.equal((await post('null')).statusCode, 403, 'opaque origin');
  t.equal((await post('http://lotse.example')).statusCode, 201, 'same origin');

  t.ok(app.accessRules.some((r) => r.url === '/ws/trends'), 'the live WebSocket is part of the app');
  await t.rejects(app.injectWS('/ws/trends', { headers: { cookie: lead, origin: 'https://boese.example' } }), /403/, 'foreign Origin: handshake refused');
  await t.rejects(app.injectWS('/ws/trends', { headers: { cookie: lead, origin: 'null' } }), /403/);
  await t.rejects(app.injectWS('/ws/trends', { headers: { cookie: adviser } }), /403/, 'advisers may not');
  await t.rejects(app.injectWS('/ws/trends', {}), /401/, 'anonymous may not');
  const ws = await app.injectWS('/ws/trends', { headers: { cookie: lead, host: 'lotse.example', origin: 'http://lotse.example' } });
  t.equal(ws.readyState, 1, 'same origin: open');
  ws.terminate();
  const tool = await app.injectWS('/ws/trends', { headers: { cookie: lead } });
  t.equal(tool.readyState, 1, 'no Origin (not a browser page): open');
  tool.terminate();
});

t.test('size limits: 64 KB bodies, field lengths, huge query strings and ids — 4xx, never 5xx', async (t) => {
  const { app, signIn } = await buildFullApp(t);
  const adviser = await signIn('adviser');
  const admin = await signIn('admin');

  const big = JSON.stringify({ text: 'ä'.repeat(33 * 1024) });
  t.ok(Buffer.byteLength(big) > 64 * 1024);
  for (const [method, url, cookie] of [
    ['POST', '/api/enquiries', adviser],
    ['POST', '/api/triage', adviser],
    ['POST', '/api/session', null],
    ['PATCH', '/api/enquiries/1', adviser],
    ['POST', '/api/users', admin],
  ] as const) {
    const res = await app.inject({ method, url, headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, payload: big });
    t.equal(res.statusCode, 413, `${method} ${url}: 413`);
    t.equal(res.headers['content-type'], PROBLEM);
  }
  const signinForm = await app.inject({ method: 'POST', url: '/anmelden', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `username=a&password=${'x'.repeat(70 * 1024)}` });
  t.ok(signinForm.statusCode === 413 || signinForm.statusCode === 400, `sign-in form: ${signinForm.statusCode}`);

  const long = async (payload: object, url = '/api/enquiries', cookie = adviser) => (await app.inject({ method: 'POST', url, headers: { cookie }, payload })).statusCode;
  t.equal(await long({ text: 'x'.repeat(5001) }), 400, 'note text over 5000 characters');
  t.equal(await long({ text: 'Anfrage', referredTo: 'x'.repeat(301) }), 400);
  t.equal(await long({ text: 'x'.repeat(5001) }, '/api/triage'), 400);
  t.equal(await long({ username: 'x'.repeat(101), password: 'y' }, '/api/session', ''), 400);
  t.equal(await long({ username: 'x', password: 'y'.repeat(1025) }, '/api/session', ''), 400);

  const huge = 'a'.repeat(100_000);
  const gets = app.accessRules.filter((r) => r.method === 'GET' && !r.url.includes('*') && r.url !== '/ws/trends');
  for (const rule of gets) {
    const url = `${rule.url.replace(/:(\w+)/g, '1')}?q=${huge}&from=${huge}&to=${huge}&limit=${huge}&cursor=${huge}&topic=${huge}`;
    const res = await app.inject({ method: 'GET', url, headers: { cookie: admin } });
    t.ok(res.statusCode < 500, `GET ${rule.url} with 100 KB query values: ${res.statusCode}`);
  }
  const longId = await app.inject({ method: 'GET', url: `/api/enquiries/${'9'.repeat(5000)}`, headers: { cookie: adviser } });
  t.ok([400, 404, 414].includes(longId.statusCode), `a 5000-digit id: ${longId.statusCode}`);
  const bigId = await app.inject({ method: 'GET', url: '/api/enquiries/99999999999999999999', headers: { cookie: adviser } });
  t.equal(bigId.statusCode, 400, 'an id beyond the safe integers');
});

t.test('over a real socket: a 100 KB request line or header is refused by Node (4xx), the server stays up', async (t) => {
  const { app } = await buildFullApp(t);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const raw = (path: string, headers: Record<string, string> = {}) =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      // Node may close the connection while the oversized header is still being written.
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve(-1) : reject(error)));
      req.end();
    });
  const longUrl = await raw(`/api/enquiries?q=${'a'.repeat(100_000)}`);
  t.ok(longUrl === 414 || longUrl === 431 || longUrl === 400, `long request line: ${longUrl}`);
  const longCookie = await raw('/api/session', { cookie: `lotse_session=${'b'.repeat(100_000)}` });
  t.ok(longCookie === 431 || longCookie === 400 || longCookie === -1, `long header: ${longCookie === -1 ? 'connection closed' : longCookie}`);
  t.equal(await raw('/healthz'), 200, 'still serving');
});

t.test('path traversal: API slugs and static files never leave their folder', async (t) => {
  const { app, signIn } = await buildFullApp(t);
  const adviser = await signIn('adviser');
  const attempts = [
    '/api/kb/articles/..%2f..%2fetc%2fpasswd',
    '/api/kb/articles/..%2F..%2Fpackage.json',
    '/api/kb/articles/%2e%2e',
    '/api/kb/articles/..',
    '/api/kb/articles/berufssprachkurse%00.md',
    '/static/../package.json',
    '/static/%2e%2e/package.json',
    '/static/%2e%2e%2fpackage.json',
    '/static/..%2f..%2fpackage.json',
    '/static/%252e%252e/package.json',
    '/static/..\\..\\package.json',
    '/static/css/../../package.json',
    '/static//etc/passwd',
    '/static/css/app.css%00.js',
    '/static/%c0%ae%c0%ae/package.json',
    '/vendor/uplot/../../package.json',
    '/vendor/uplot/%2e%2e/uplot/package.json',
    '/vendor/uplot/package.json',
    '/api/docs/static/../../../package.json',
    '/api/docs/static/%2e%2e/%2e%2e/package.json',
  ];
  for (const url of attempts) {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: adviser } });
    // 403 comes from the static file plugin for null bytes and absolute paths.
    t.ok([400, 403, 404].includes(res.statusCode), `${url}: ${res.statusCode}`);
    t.equal(res.headers['content-type'], PROBLEM, `${url}: a problem, not a file`);
    t.notMatch(res.body, /"name":\s*"lotse"|root:x:0|"dependencies"/, `${url}: no file contents`);
  }
  t.equal((await app.inject({ method: 'GET', url: '/static/css/app.css' })).statusCode, 200, 'real assets are served');

  // Broken percent-encoding and over-long parameters are refused before routing: still problem+json.
  for (const [url, status] of [
    ['/static/%c0%ae%c0%ae/package.json', 400],
    ['/api/enquiries/%ff', 400],
    ['/api/kb/articles/%E0%A4%A', 400],
    [`/api/kb/articles/${'a'.repeat(500)}`, 414],
  ] as const) {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: adviser } });
    t.equal(res.statusCode, status, `${url.slice(0, 40)}: ${status}`);
    t.equal(res.headers['content-type'], PROBLEM);
    t.equal(res.headers['x-content-type-options'], 'nosniff');
    t.match(res.headers['x-request-id'], /^[0-9a-f-]{36}$/);
  }
});

t.test('hostile JSON: prototype pollution, deep nesting, wrong media types, broken UTF-8', async (t) => {
  const { app, signIn } = await buildFullApp(t);
  const adviser = await signIn('adviser');
  const send = (payload: string | Buffer, contentType = 'application/json') =>
    app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie: adviser, 'content-type': contentType }, payload });
  for (const body of [
    '{"text":"Anfrage","__proto__":{"role":"admin"}}',
    '{"text":"Anfrage","constructor":{"prototype":{"role":"admin"}}}',
    '[1,2,3]',
    '"nur ein Text"',
    'null',
    '{"text":',
    '{"text":"a"}{"text":"b"}',
    '[' .repeat(20_000) + ']'.repeat(20_000),
    '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
  ]) {
    const res = await send(body);
    t.equal(res.statusCode, 400, `${body.slice(0, 50)}: 400`);
    t.equal(res.headers['content-type'], PROBLEM);
  }
  t.equal(({} as Record<string, unknown>).role, undefined, 'no prototype was polluted');
  t.equal((await send(Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]))).statusCode < 500, true, 'invalid UTF-8: no 5xx');
  t.equal((await send('text=Anfrage', 'application/x-www-form-urlencoded')).statusCode, 415);
  t.equal((await send('Anfrage', 'text/plain')).statusCode, 415);
  t.equal((await send('<a/>', 'application/xml')).statusCode, 415);
  const ok = await send('{"text":"Anfrage zur Anerkennung eines Abschlusses"}', 'application/json; charset=utf-8');
  t.equal(ok.statusCode, 201, 'the ordinary request still works');
});
