import t from 'tap';
import { buildTestApp, json, signIn, TEST_PASSWORD } from '../helpers/app.js';

interface ProblemBody {
  status: number;
  code?: string;
  errors: { path: string; message: string }[];
}

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  const cookie = await signIn(ctx.app, 'admin');
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    ctx.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  return { ...ctx, cookie, call };
}

t.test('GET /api/users lists users without any hash', async (t) => {
  const { call } = await setup(t);
  const res = await call('GET', '/api/users');
  t.equal(res.statusCode, 200);
  t.match(json(res), { items: [{ id: 1, username: 'admin', role: 'admin', active: true, createdAt: String, updatedAt: String }] });
  t.notMatch(res.body, /hash|scrypt|password/i);
});

t.test('POST /api/users creates a user (201) who can sign in', async (t) => {
  const { call, app } = await setup(t);
  const res = await call('POST', '/api/users', { username: 'bernd.k', password: 'ein-sehr-langes-passwort', role: 'editor' });
  t.equal(res.statusCode, 201);
  t.match(json(res), { id: 2, username: 'bernd.k', role: 'editor', active: true });
  t.notMatch(res.body, /passwort|scrypt/);
  const signIn = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'bernd.k', password: 'ein-sehr-langes-passwort' } });
  t.equal(signIn.statusCode, 200);

  const dup = await call('POST', '/api/users', { username: 'BERND.K', password: 'ein-sehr-langes-passwort', role: 'lead' });
  t.equal(dup.statusCode, 409);
  t.match(json(dup), { code: 'USERNAME_TAKEN', errors: [{ path: 'username' }] });
});

t.test('POST /api/users validation: password rule and every field', async (t) => {
  const { call } = await setup(t);
  const cases: [string, object, string[], RegExp?][] = [
    ['short password', { username: 'carla', password: 'kurz', role: 'adviser' }, ['body.password'], /mindestens 12 Zeichen/],
    ['password = user name', { username: 'carla.schulz', password: 'Carla.Schulz', role: 'adviser' }, ['body.password'], /nicht der Benutzername/],
    ['bad user name', { username: 'c', password: 'ein-langes-passwort', role: 'adviser' }, ['body.username']],
    ['unknown role', { username: 'carla', password: 'ein-langes-passwort', role: 'boss' }, ['body.role']],
    ['missing everything', {}, ['body.password', 'body.role', 'body.username']],
    ['unknown field', { username: 'carla', password: 'ein-langes-passwort', role: 'adviser', active: false }, ['body.active']],
    ['bad name and short password together', { username: 'c d', password: 'kurz', role: 'adviser' }, ['body.password', 'body.username']],
  ];
  for (const [name, payload, paths, message] of cases) {
    const res = await call('POST', '/api/users', payload);
    t.equal(res.statusCode, 400, name);
    const problem = json<ProblemBody>(res);
    t.same(problem.errors.map((e) => e.path).sort(), paths, name);
    if (message) t.match(problem.errors[0]?.message, message, `${name}: message`);
  }
});

t.test('PATCH /api/users/:id changes role, active flag and password', async (t) => {
  const { call, app, store, cookie } = await setup(t);
  const userCookie = await signIn(app, 'adviser', 'dora');
  const dora = store.users.findByUsername('dora');
  const id = dora?.id ?? 0;

  const role = await call('PATCH', `/api/users/${id}`, { role: 'lead' });
  t.equal(role.statusCode, 200);
  t.match(json(role), { id, role: 'lead', active: true });
  t.equal((await app.inject({ method: 'GET', url: '/api/enquiries', headers: { cookie: userCookie } })).statusCode, 403, 'the new role applies at once');

  const pw = await call('PATCH', `/api/users/${id}`, { password: 'ein-neues-langes-passwort' });
  t.equal(pw.statusCode, 200);
  t.equal((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: userCookie } })).statusCode, 401, 'a new password ends the user’s sessions');
  t.equal((await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'dora', password: TEST_PASSWORD } })).statusCode, 401);
  t.equal((await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'dora', password: 'ein-neues-langes-passwort' } })).statusCode, 200);

  const off = await call('PATCH', `/api/users/${id}`, { active: false });
  t.match(json(off), { active: false });
  t.equal((await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'dora', password: 'ein-neues-langes-passwort' } })).statusCode, 401);

  // The admin changing their own password stays signed in.
  const self = await call('PATCH', '/api/users/1', { password: 'admin-neues-passwort' });
  t.equal(self.statusCode, 200);
  t.equal((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode, 200);
});

t.test('PATCH /api/users/:id errors', async (t) => {
  const { call } = await setup(t);
  await call('POST', '/api/users', { username: 'erika', password: 'ein-langes-passwort', role: 'adviser' });
  const cases: [string, string, object, number, string[]][] = [
    ['empty body', '/api/users/2', {}, 400, ['body']],
    ['password equal to name', '/api/users/2', { password: 'erika' }, 400, ['body.password']],
    ['bad role', '/api/users/2', { role: 'chef' }, 400, ['body.role']],
    ['active not boolean', '/api/users/2', { active: 'nein' }, 400, ['body.active']],
    ['unknown field', '/api/users/2', { username: 'x' }, 400, ['body.username']],
    ['bad id', '/api/users/abc', { role: 'lead' }, 400, ['params.id']],
  ];
  for (const [name, url, payload, status, paths] of cases) {
    const res = await call('PATCH', url, payload);
    t.equal(res.statusCode, status, name);
    if (status === 400) t.same(json<ProblemBody>(res).errors.map((e) => e.path), paths, name);
  }
  await call('POST', '/api/users', { username: 'erikaerikaerika', password: 'ein-langes-passwort', role: 'adviser' });
  const same = await call('PATCH', '/api/users/3', { password: 'ErikaErikaErika' });
  t.equal(same.statusCode, 400, 'a 15-character password equal to the name');
  t.match(json(same), { errors: [{ path: 'body.password', message: 'Das Passwort darf nicht der Benutzername sein.' }] });

  const missing = await call('PATCH', '/api/users/99', { role: 'lead' });
  t.equal(missing.statusCode, 404);
  const last = await call('PATCH', '/api/users/1', { role: 'lead' });
  t.equal(last.statusCode, 409);
  t.match(json(last), { code: 'LAST_ADMIN', title: 'Konflikt' });
});
