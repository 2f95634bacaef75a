import { Writable } from 'node:stream';
import { pino } from 'pino';
import t from 'tap';
import { ConflictError, InvalidInputError } from '../../src/domain/errors.js';
import { loggerOptions } from '../../src/server/logging.js';
import { STATUS_OF_KIND } from '../../src/server/problem.js';
import { buildTestApp, json, signIn } from '../helpers/app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: pino({ ...loggerOptions({ logLevel: 'debug' }) }, stream) };
}

t.test('unknown routes get a 404 problem with the request id', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject({ method: 'GET', url: '/gibt-es-nicht?x=1' });
  t.equal(res.statusCode, 404);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  const body = json(res);
  t.match(body, { type: 'urn:lotse:problem:not-found', title: 'Nicht gefunden', status: 404, detail: 'Die Adresse GET /gibt-es-nicht gibt es nicht.' });
  t.match(res.headers['x-request-id'], UUID, 'x-request-id echoed');
  t.equal(body.instance, res.headers['x-request-id'], 'instance = request id');
  const other = await app.inject({ method: 'GET', url: '/gibt-es-nicht' });
  t.not(other.headers['x-request-id'], res.headers['x-request-id'], 'a new id per request');
  const forged = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'forged' } });
  t.not(forged.headers['x-request-id'], 'forged', 'client ids are not trusted');
});

t.test('body limit, malformed JSON, content types', async (t) => {
  const { app } = await buildTestApp(t);
  const cookie = await signIn(app, 'adviser');
  const big = await app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ text: 'x'.repeat(70 * 1024) }) });
  t.equal(big.statusCode, 413);
  t.match(json(big), { status: 413, title: 'Anfrage zu groß', type: 'urn:lotse:problem:payload-too-large' });

  const broken = await app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie, 'content-type': 'application/json' }, payload: '{"text": "abc' });
  t.equal(broken.statusCode, 400);
  t.match(json(broken), { status: 400, detail: 'Der Inhalt der Anfrage ist kein gültiges JSON.' });

  const empty = await app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie, 'content-type': 'application/json' }, payload: '' });
  t.equal(empty.statusCode, 400);
  t.equal(json(empty).status, 400);

  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
    const res = await app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie, 'content-type': type }, payload: 'text=abc' });
    t.equal(res.statusCode, 415, type);
    t.match(json(res), { status: 415, title: 'Nicht unterstütztes Format' });
  }
  const charset = await app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie, 'content-type': 'application/json; charset=utf-8' }, payload: JSON.stringify({ text: 'ok' }) });
  t.equal(charset.statusCode, 201, 'JSON with charset is fine');
});

t.test('internal errors: 500 with a generic German message; details only in the log', async (t) => {
  const { lines, logger } = capture();
  const { app } = await buildTestApp(t, {
    logger,
    routes: [
      async (instance) => {
        instance.get('/api/kaputt', { config: { public: true } }, async () => {
          throw new Error('SQLITE_CORRUPT at /var/lib/secret.db');
        });
        instance.get('/api/teapot', { config: { public: true } }, async () => {
          throw Object.assign(new Error('I am a teapot'), { statusCode: 418 });
        });
        instance.get('/api/conflict', { config: { public: true } }, async () => {
          throw new ConflictError('SOMETHING_TAKEN', 'Schon vergeben.');
        });
        instance.get('/api/invalid', { config: { public: true } }, async () => {
          throw new InvalidInputError('BAD_THING', 'Passt nicht.', [{ path: 'body.x', message: 'Falsch.' }]);
        });
      },
    ],
  });
  const res = await app.inject({ method: 'GET', url: '/api/kaputt' });
  t.equal(res.statusCode, 500);
  const body = json(res);
  t.match(body, { type: 'urn:lotse:problem:internal-error', title: 'Interner Fehler', status: 500 });
  t.notMatch(res.body, /SQLITE|secret|stack|at \//, 'nothing internal leaks');
  const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'request failed');
  t.ok(logged, 'the error is logged');
  t.equal(logged?.reqId, body.instance, 'with the request id');
  t.match(JSON.stringify(logged), /SQLITE_CORRUPT/);

  const teapot = await app.inject({ method: 'GET', url: '/api/teapot' });
  t.equal(teapot.statusCode, 418);
  t.match(json(teapot), { status: 418, title: 'Ungültige Anfrage' });

  t.match(json(await app.inject({ method: 'GET', url: '/api/conflict' })), { status: 409, code: 'SOMETHING_TAKEN', type: 'urn:lotse:problem:something-taken', detail: 'Schon vergeben.' });
  t.match(json(await app.inject({ method: 'GET', url: '/api/invalid' })), { status: 400, errors: [{ path: 'body.x', message: 'Falsch.' }] });
  t.same(STATUS_OF_KIND, { invalid: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409 });
});

t.test('logs: request id, path without query, no bodies, no enquiry text, no cookies', async (t) => {
  const { lines, logger } = capture();
  const { app } = await buildTestApp(t, { logger });
  const cookie = await signIn(app, 'adviser');
  const secretText = 'Frau Geheimname aus Naumburg, Tel. 0176 99887766';
  const res = await app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie, authorization: 'Bearer xyz' }, payload: { text: secretText } });
  t.equal(res.statusCode, 201);
  await app.inject({ method: 'GET', url: '/api/enquiries?q=Geheimname', headers: { cookie } });
  await app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie }, payload: { text: secretText, bogus: 'Geheimname' } });
  const all = lines.join('\n');
  t.ok(lines.length > 4, 'requests are logged');
  t.notMatch(all, 'Geheimname', 'no enquiry text, not even from the query string or a rejected body');
  t.notMatch(all, '99887766');
  t.notMatch(all, cookie.split('=')[1] ?? 'x', 'no session token');
  t.notMatch(all, 'Bearer xyz');
  t.notMatch(all, TEST_PASSWORD_RE, 'no password');
  const completed = lines.map((l) => JSON.parse(l) as { msg: string; reqId?: string; req?: { path: string } }).filter((l) => l.msg === 'incoming request');
  t.ok(completed.some((l) => l.req?.path === '/api/enquiries'), 'the path is logged');
  t.ok(completed.every((l) => typeof l.reqId === 'string'), 'every request line carries its id');
});

const TEST_PASSWORD_RE = /ein-langes-testpasswort/;

t.test('redaction paths censor credentials wherever a module logs headers', async (t) => {
  const { lines, logger } = capture();
  logger.info({ req: { headers: { cookie: 'lotse_session=abc', authorization: 'Basic x' } }, headers: { cookie: 'a=b' }, password: 'geheim', body: { text: 'x' } }, 'test');
  const line = lines[0] ?? '';
  t.notMatch(line, /lotse_session=abc|Basic x|geheim|a=b/);
  t.match(line, /\[entfernt\]/);
});
