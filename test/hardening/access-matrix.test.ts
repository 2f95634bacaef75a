/**
 * Table-driven access test: EVERY route the whole application registers (read from
 * `app.accessRules`, which plugins/auth.ts records as routes are registered) × every
 * role (anonymous, adviser, lead, editor, admin) gets the expected answer — 401 or a
 * redirect to the sign-in page for anonymous callers, 403 for a role without the right,
 * and for a role with it anything but 401/403 (2xx, or a 4xx for the empty sample
 * input) — and never a 5xx.
 *
 * A route without a line in EXPECTED fails the test: whoever adds a route decides here
 * who may call it. A line for a route that no longer exists fails too. The table is
 * also the source of the roles-and-rights table in SECURITY.md (see support/
 * security-table.ts), which this test keeps in step.
 */
import { readFileSync } from 'node:fs';
import t from 'tap';
import { ROLES, roleGrants, type Role } from '../../src/domain/ids.js';
import { buildFullApp } from './support/full-app.js';
import { EXPECTED, SECURITY_MD, rightsTable, type Expectation } from './support/security-table.js';

type Caller = Role | 'anonymous';
const CALLERS: Caller[] = ['anonymous', ...ROLES];

const SAMPLE_PARAMS: Record<string, string> = { id: '1', slug: 'berufssprachkurse', '*': 'gibt-es-nicht.txt' };

function concrete(url: string): string {
  return url.replace(/:(\w+)/g, (_m, name: string) => SAMPLE_PARAMS[name] ?? 'x').replace(/\*$/, SAMPLE_PARAMS['*'] ?? 'x');
}

function allowed(expectation: Expectation, caller: Caller): boolean {
  if (expectation.who === 'public') return true;
  if (caller === 'anonymous') return false;
  if (expectation.who === 'signed-in') return true;
  return expectation.who.some((role) => roleGrants(caller, role));
}

t.test('every registered route has an expectation, and its recorded rule matches', async (t) => {
  const { app } = await buildFullApp(t);
  const registered = app.accessRules.map((r) => `${r.method} ${r.url}`);
  const missing = registered.filter((key) => !(key in EXPECTED));
  t.same(missing, [], 'routes without a line in EXPECTED (support/security-table.ts): add one, deciding who may call it');
  const stale = Object.keys(EXPECTED).filter((key) => !registered.includes(key));
  t.same(stale, [], 'lines in EXPECTED for routes that are not registered');
  for (const rule of app.accessRules) {
    const expectation = EXPECTED[`${rule.method} ${rule.url}`];
    if (!expectation) continue;
    // Pages guard themselves with pageAccess() (a redirect, not a 401), so auth.ts records them as public.
    const recorded = expectation.kind === 'page' ? 'public' : expectation.who;
    t.same(rule.access, recorded, `${rule.method} ${rule.url}: recorded as ${JSON.stringify(rule.access)}`);
  }
  const publicApi = app.accessRules.filter((r) => r.access === 'public' && (r.url.startsWith('/api/') || r.url.startsWith('/ws/')));
  t.same(publicApi.map((r) => `${r.method} ${r.url}`), ['POST /api/session'], 'the only public API route is sign-in');
});

t.test('every route × every role: 401/redirect, 403, or through — never 5xx', async (t) => {
  const { app, signIn } = await buildFullApp(t);
  const cookies: Partial<Record<Caller, string>> = {};
  for (const role of ROLES) cookies[role] = await signIn(role);
  // An enquiry and a user with id 1 exist, so the sample ids reach the handlers.
  await app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie: cookies.adviser ?? '' }, payload: { text: 'Beraterin fragt nach Sprachkurs in Halle' } });

  let pairs = 0;
  const failures: string[] = [];
  for (const rule of app.accessRules) {
    const expectation = EXPECTED[`${rule.method} ${rule.url}`];
    if (!expectation) continue;
    const url = concrete(rule.url);
    for (const caller of CALLERS) {
      pairs += 1;
      const may = allowed(expectation, caller);
      let cookie = caller === 'anonymous' ? undefined : cookies[caller];
      // Routes that end the session they are called with get a session of their own.
      if (expectation.endsSession && caller !== 'anonymous') cookie = await signIn(caller);
      const label = `${rule.method} ${rule.url} as ${caller}`;

      if (expectation.kind === 'ws' && rule.method === 'GET') {
        const attempt = app.injectWS(url, { headers: cookie ? { cookie } : {} });
        if (may) {
          const ws = await attempt.catch((error: Error) => error);
          if (ws instanceof Error) failures.push(`${label}: handshake refused (${ws.message})`);
          else ws.terminate();
        } else {
          const error = await attempt.then((ws) => (ws.terminate(), null)).catch((e: Error) => e);
          const want = caller === 'anonymous' ? '401' : '403';
          if (!error?.message.includes(want)) failures.push(`${label}: wanted ${want}, got ${error?.message ?? 'an open socket'}`);
        }
        continue;
      }

      const method = rule.method as 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
      const res = await app.inject({
        method,
        url,
        headers: cookie ? { cookie } : {},
        ...(method === 'POST' || method === 'PATCH' || method === 'PUT' ? { payload: expectation.kind === 'page' ? '' : {} } : {}),
      });
      const status = res.statusCode;
      if (status >= 500) {
        failures.push(`${label}: ${status}`);
        continue;
      }
      if (may) {
        if (expectation.kind === 'page' && caller === 'anonymous' && status === 303 && String(res.headers.location).startsWith('/anmelden?next=')) {
          failures.push(`${label}: public page redirected to sign-in`);
        } else if (status === 401 || status === 403) {
          failures.push(`${label}: ${status}, but this caller may`);
        }
      } else if (expectation.kind === 'page') {
        const want = caller === 'anonymous' ? 303 : 403;
        if (status !== want) failures.push(`${label}: wanted ${want}, got ${status}`);
        if (caller === 'anonymous' && !String(res.headers.location).startsWith('/anmelden?next=')) failures.push(`${label}: not sent to the sign-in page`);
      } else {
        const want = caller === 'anonymous' ? 401 : 403;
        if (status !== want) failures.push(`${label}: wanted ${want}, got ${status}`);
        if (method !== 'HEAD' && res.headers['content-type'] !== 'application/problem+json; charset=utf-8') failures.push(`${label}: not problem+json`);
      }
    }
  }
  t.same(failures, [], 'every answer as expected');
  t.ok(pairs >= 5 * 80, `${pairs} route×role pairs checked`);
  t.comment(`${pairs} route×role pairs checked (${app.accessRules.length} routes × ${CALLERS.length} callers)`);
});

t.test('SECURITY.md shows the roles and rights of the current routes', async (t) => {
  const table = rightsTable();
  const text = readFileSync(SECURITY_MD, 'utf8');
  const start = text.indexOf('<!-- rights:start -->');
  const end = text.indexOf('<!-- rights:end -->');
  t.ok(start >= 0 && end > start, 'SECURITY.md has the rights markers');
  t.equal(
    text.slice(start + '<!-- rights:start -->'.length, end).trim(),
    table.trim(),
    'the table in SECURITY.md is up to date (regenerate: npx tsx test/hardening/support/security-table.ts)',
  );
});
