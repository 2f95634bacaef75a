import t from 'tap';
import { buildTestApp, json, signIn } from '../helpers/app.js';

t.test('state-changing requests from a foreign Origin get 403', async (t) => {
  const { app } = await buildTestApp(t);
  const cookie = await signIn(app, 'adviser');
  const post = (headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie, host: 'lotse.example:3000', ...headers }, payload: { text: 'Anfrage' } });

  const foreign = await post({ origin: 'https://evil.example' });
  t.equal(foreign.statusCode, 403);
  t.match(json(foreign), { status: 403, code: 'ORIGIN_MISMATCH', title: 'Keine Berechtigung' });
  t.equal((await post({ origin: 'http://lotse.example:3001' })).statusCode, 403, 'another port is another origin');
  t.equal((await post({ origin: 'null' })).statusCode, 403, 'opaque origin');
  t.equal((await post({ origin: 'http://LOTSE.example:3000' })).statusCode, 201, 'same host (case-insensitive)');
  t.equal((await post({})).statusCode, 201, 'no Origin header (curl, scripts)');

  const patch = await app.inject({ method: 'PATCH', url: '/api/enquiries/1', headers: { cookie, origin: 'https://evil.example' }, payload: { outcome: 'offen' } });
  t.equal(patch.statusCode, 403);
  const del = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie, origin: 'https://evil.example' } });
  t.equal(del.statusCode, 403, 'sign-out too');
  const signInForeign = await app.inject({ method: 'POST', url: '/api/session', headers: { origin: 'https://evil.example' }, payload: { username: 'adviser', password: 'x' } });
  t.equal(signInForeign.statusCode, 403, 'login CSRF is refused as well');
  const get = await app.inject({ method: 'GET', url: '/api/enquiries', headers: { cookie, origin: 'https://evil.example' } });
  t.equal(get.statusCode, 200, 'reads are not state-changing');
});

t.test('default ports are normalised', async (t) => {
  const { app } = await buildTestApp(t);
  const cookie = await signIn(app, 'adviser');
  const res = await app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie, host: 'lotse.example:443', origin: 'https://lotse.example' }, payload: { text: 'Anfrage' } });
  t.equal(res.statusCode, 201);
});
