/**
 * Table-driven access test over EVERY route the app registers (read from
 * app.accessRules, so routes added later by other plugins are covered too):
 * anonymous → 401, each role without the right → 403, each role with it → passes
 * the access check.
 */
import t from 'tap';
import { ROLES, roleGrants, type Role } from '../../src/domain/ids.js';
import { buildTestApp, json, signIn } from '../helpers/app.js';

const SAMPLE_PARAMS: Record<string, string> = { id: '1', slug: 'beispiel' };

function concrete(url: string): string {
  return url.replace(/:(\w+)/g, (_m, name: string) => SAMPLE_PARAMS[name] ?? 'x').replace(/\*$/, 'x');
}

const EXPECTED: [string, string, 'public' | 'signed-in' | Role[]][] = [
  ['POST', '/api/session', 'public'],
  ['GET', '/api/session', 'signed-in'],
  ['DELETE', '/api/session', 'signed-in'],
  ['GET', '/api/users', ['admin']],
  ['POST', '/api/users', ['admin']],
  ['PATCH', '/api/users/:id', ['admin']],
  ['POST', '/api/enquiries', ['adviser']],
  ['GET', '/api/enquiries', ['adviser']],
  ['GET', '/api/enquiries/:id', ['adviser']],
  ['PATCH', '/api/enquiries/:id', ['adviser']],
  ['GET', '/api/docs/json', 'signed-in'],
  ['GET', '/healthz', 'public'],
];

t.test('access rules are recorded for every route', async (t) => {
  const { app } = await buildTestApp(t);
  for (const [method, url, access] of EXPECTED) {
    const rule = app.accessRules.find((r) => r.method === method && r.url === url);
    t.ok(rule, `${method} ${url} registered`);
    t.same(rule?.access, access, `${method} ${url}: ${JSON.stringify(access)}`);
  }
  const apiRules = app.accessRules.filter((r) => r.url.startsWith('/api/'));
  t.same(
    apiRules.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`),
    ['POST /api/session'],
    'the only public /api route is sign-in',
  );
});

t.test('401 anonymous, 403 wrong role, access for the right roles — on every protected route', async (t) => {
  const { app } = await buildTestApp(t);
  const cookies = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await signIn(app, role)] as const))) as Record<Role, string>;
  const protectedRules = app.accessRules.filter((r) => r.access !== 'public' && r.method !== 'HEAD');
  t.ok(protectedRules.length >= 10, `${protectedRules.length} protected routes`);

  for (const rule of protectedRules) {
    const url = concrete(rule.url);
    const method = rule.method as 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
    const anonymous = await app.inject({ method, url, payload: method === 'GET' ? undefined : {} });
    t.equal(anonymous.statusCode, 401, `${rule.method} ${rule.url} anonymous → 401`);
    t.equal(json(anonymous).status, 401);

    for (const role of ROLES) {
      const allowed = rule.access === 'signed-in' || (Array.isArray(rule.access) && rule.access.some((r: Role) => roleGrants(role, r)));
      // DELETE /api/session would end the shared session; check it with its own sign-in.
      const cookie = rule.method === 'DELETE' && rule.url === '/api/session' ? await signIn(app, role) : cookies[role];
      const res = await app.inject({ method, url, headers: { cookie }, payload: method === 'GET' ? undefined : {} });
      if (allowed) {
        t.not(res.statusCode, 401, `${rule.method} ${rule.url} as ${role} → signed in`);
        t.not(res.statusCode, 403, `${rule.method} ${rule.url} as ${role} → allowed (${res.statusCode})`);
      } else {
        t.equal(res.statusCode, 403, `${rule.method} ${rule.url} as ${role} → 403`);
        t.match(json(res), { title: 'Keine Berechtigung', code: 'ROLE_REQUIRED' });
      }
    }
  }
});

t.test('routes added later under /api/ are denied by default', async (t) => {
  const { app } = await buildTestApp(t, {
    routes: [
      async (instance) => {
        instance.get('/api/forgotten', async () => ({ secret: true }));
      },
    ],
  });
  t.same(app.accessRules.find((r) => r.url === '/api/forgotten')?.access, 'signed-in');
  t.equal((await app.inject({ method: 'GET', url: '/api/forgotten' })).statusCode, 401);
  const cookie = await signIn(app, 'editor');
  t.equal((await app.inject({ method: 'GET', url: '/api/forgotten', headers: { cookie } })).statusCode, 200);
});

t.test('a tampered or unknown cookie is simply not signed in', async (t) => {
  const { app } = await buildTestApp(t);
  for (const cookie of ['lotse_session=', 'lotse_session=abc', `lotse_session=${'A'.repeat(43)}`, 'other=1']) {
    t.equal((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode, 401, cookie);
  }
});
