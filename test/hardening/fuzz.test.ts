/**
 * Fuzzing the whole application with fast-check: every route (from app.accessRules)
 * gets random and malformed JSON bodies, wrong types, known field names with hostile
 * values, huge strings, odd Unicode (combining marks, RTL overrides, zero-width
 * characters, emoji, lone surrogates), broken percent-encoding in paths and query
 * strings; the live WebSocket gets random messages. Every answer must be a 2xx, 3xx or
 * 4xx — API errors as problem+json — never a 5xx, and the server must stay up.
 */
import t from 'tap';
import fc from 'fast-check';
import { CALLERS, CHANNELS, DISTRICT_CODES, OUTCOMES, ROLES, TOPIC_IDS, type Role } from '../../src/domain/ids.js';
import { AUDIT_ACTIONS } from '../../src/store/index.js';
import { buildFullApp } from './support/full-app.js';
import { EXPECTED } from './support/security-table.js';

t.setTimeout(240_000);

const PROBLEM = 'application/problem+json; charset=utf-8';

// ── Values ────────────────────────────────────────────────────────────────────────
const ODD = [
  'e\u0301\u0301\u0301\u0308\u0308', // stacked combining marks
  '\u202eeiläb\u202c Anfrage', // right-to-left override
  'Anf\u200brage\u200d\u2060\ufeff', // zero-width characters
  '👩‍👩‍👧‍👦🇩🇪🏳️‍🌈', // emoji sequences
  '\ud800', // lone high surrogate
  'x\udfffy', // lone low surrogate
  '\u0000\u0001\u001f', // control characters
  'Zeile\u2028Absatz\u2029', // Unicode line separators
  'ﷺ﷽', // very wide glyphs
  'Ａｎｆｒａｇｅ', // full-width letters
  '𝔄𝔫𝔣𝔯𝔞𝔤𝔢', // mathematical letters (astral plane)
  '../../../etc/passwd',
  '%00%2e%2e%2f',
  '" OR 1=1 --',
  'NEAR(a b) * ^ "',
  '<script>alert(1)</script>',
  '{{constructor.constructor("return 1")()}}',
  '__proto__',
  '=HYPERLINK("http://x")',
  '',
  ' ',
  '9'.repeat(400),
  '-1',
  '1e309',
  'NaN',
  '2026-02-30',
  '2026-11-25T25:61:00Z',
  '0000-00-00',
];
const KNOWN = [...CHANNELS, ...CALLERS, ...OUTCOMES, ...ROLES, ...DISTRICT_CODES.slice(0, 4), ...TOPIC_IDS.slice(0, 4), ...AUDIT_ACTIONS.slice(0, 3), 'day', 'week', 'month', 'topic', 'district', 'caller', '2026-11-25', '2026-11-01', '2025-01-01T00:00:00Z', '1', '20', 'true', 'berufssprachkurse'];

const oddString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
  { weight: 2, arbitrary: fc.constantFrom(...KNOWN) },
  { weight: 1, arbitrary: fc.nat({ max: 3 }).map((n) => ['x', 'ä', '😀', '\u0301'][n]!.repeat(2000 + n * 30_000)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...ODD), fc.string({ unit: 'binary', maxLength: 40 })).map(([a, b]) => `Ehrenamtliche aus Halle fragt nach ${a} ${b}`) },
);

const FIELDS = [
  'text', 'channel', 'caller', 'district', 'topics', 'outcome', 'referredTo', 'articleUsed', 'callbackDate', 'username', 'password', 'role', 'active',
  'q', 'limit', 'from', 'to', 'bucket', 'by', 'topic', 'cursor', 'action', 'user', 'excludeId', 'lowScore', 'examples', 'next', 'format', 'day',
];

const leaf = fc.oneof(
  { weight: 4, arbitrary: oddString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: leaf },
  { weight: 1, arbitrary: fc.array(leaf, { maxLength: 20 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...TOPIC_IDS), { maxLength: 15 }) },
  { weight: 1, arbitrary: fc.dictionary(oddString, leaf, { maxKeys: 4 }) },
);
/** Objects with the API's field names (so validation is passed now and then and handlers run), plus strangers. */
const fieldObject = fc.dictionary(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 1, arbitrary: oddString }), value, { maxKeys: 7 });
const jsonBody = fc.oneof(
  { weight: 6, arbitrary: fieldObject },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }) },
  { weight: 1, arbitrary: fc.constant({ text: 'Ehrenamtliche aus Naumburg fragt nach Berufssprachkurs', channel: 'telefon' }) },
);
const rawBody = fc.oneof(
  oddString,
  fc.constantFrom('{', '{"text":', '[', '{"a":1,}', "{'text':'x'}", '{"text":"\\ud800"}', '{"text":"\\u0000"}', 'null', 'true', '1e999', '{"__proto__":{"x":1}}', '{"text":"' + 'a'.repeat(70_000) + '"}'),
);

/** Percent-encodes as a client would; lone surrogates (which UTF-8 cannot carry) become U+FFFD. Long values are cut to 4 KB (huge query strings: attacks.test.ts). */
function encode(text: string): string {
  return encodeURIComponent(text.slice(0, 4096).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}
const brokenEscape = fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%AE', '%FF%FE', '%ED%A0%80', '%2e%2e%2f', '%00');
const pathPart = fc.oneof(
  { weight: 3, arbitrary: oddString.map(encode) },
  { weight: 2, arbitrary: fc.oneof(fc.nat().map(String), fc.integer().map(String), fc.constantFrom('1', '2', '0', '-1', '1.5', '1e3', '0x10')) },
  { weight: 1, arbitrary: brokenEscape },
);
const queryString = fc
  .array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 1, arbitrary: oddString.map(encode) }), fc.oneof({ weight: 4, arbitrary: oddString.map(encode) }, { weight: 1, arbitrary: brokenEscape })), { maxLength: 6 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));

const ROLE_CHOICE = fc.constantFrom<Role | 'anonymous'>('admin', 'admin', 'admin', 'adviser', 'lead', 'editor', 'anonymous');

t.test('random and malformed input on every route: never a 5xx, API errors are problem+json', async (t) => {
  const { app, signIn, store } = await buildFullApp(t);
  const cookies: Record<Role, string> = {
    admin: await signIn('admin'),
    adviser: await signIn('adviser'),
    lead: await signIn('lead'),
    editor: await signIn('editor'),
  };
  // A colleague whose account the fuzzer may change freely; the admins's own account stays usable.
  const target = await store.users.create({ username: 'zielperson', password: 'zielperson-passwort', role: 'adviser' });
  const adminId = store.users.findByUsername('admin')?.id;
  for (let i = 0; i < 3; i++) {
    await app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie: cookies.adviser }, payload: { text: `Beraterin aus Stendal fragt nach Anerkennung ${i}` } });
  }

  const routes = app.accessRules.filter((r) => {
    const e = EXPECTED[`${r.method} ${r.url}`];
    if (r.method === 'HEAD' || e?.kind === 'ws' || e?.endsSession) return false;
    return true;
  });
  let inputs = 0;
  const statuses: Record<string, number> = {};
  const failures: string[] = [];
  const started = Date.now();

  for (const rule of routes) {
    const isApi = rule.url.startsWith('/api/') || rule.url === '/healthz';
    const hasBody = rule.method === 'POST' || rule.method === 'PATCH' || rule.method === 'PUT';
    const expensive = rule.url === '/api/kb/reload' || rule.url.startsWith('/api/docs');
    const numRuns = expensive ? 15 : hasBody ? 250 : 125;
    const input = fc.record({
      role: ROLE_CHOICE,
      params: fc.array(pathPart, { minLength: 2, maxLength: 2 }),
      query: fc.option(queryString, { nil: undefined }),
      body: hasBody ? fc.oneof({ weight: 3, arbitrary: jsonBody.map((b) => ({ json: b })) }, { weight: 1, arbitrary: rawBody.map((raw) => ({ raw })) }) : fc.constant(undefined),
      form: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ role, params, query, body, form }) => {
        inputs += 1;
        let n = 0;
        let url = rule.url.replace(/:(\w+)|\*$/g, () => params[n++] ?? '1');
        // Never the signed-in admin's own account: the fuzzer must not lock itself out.
        if (rule.url === '/api/users/:id' && url === `/api/users/${adminId}`) url = `/api/users/${target.id}`;
        if (query !== undefined) url += `?${query}`;
        // Sign-in routes get no session cookie: a successful sign-in would end it.
        const signingIn = rule.url === '/api/session' || rule.url === '/anmelden';
        const headers: Record<string, string> = role !== 'anonymous' && !signingIn ? { cookie: cookies[role] } : {};
        let payload: string | undefined;
        if (body && 'json' in body) {
          let text: string;
          try {
            text = JSON.stringify(body.json) ?? 'null';
          } catch {
            text = '{"x":1}'; // BigInt and friends
          }
          payload = text;
          headers['content-type'] = form && rule.url === '/anmelden' ? 'application/x-www-form-urlencoded' : 'application/json';
        } else if (body && 'raw' in body) {
          payload = body.raw;
          headers['content-type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
        }
        const res = await app.inject({ method: rule.method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
        const klass = `${Math.floor(res.statusCode / 100)}xx`;
        statuses[klass] = (statuses[klass] ?? 0) + 1;
        const ok = res.statusCode < 500 && (!isApi || res.statusCode < 400 || res.headers['content-type'] === PROBLEM);
        if (!ok) failures.push(`${rule.method} ${url.slice(0, 120)} as ${role} → ${res.statusCode} ${String(res.headers['content-type'])}: ${res.body.slice(0, 200)}`);
        return ok;
      }),
      { numRuns, endOnFailure: true },
    ).catch((error: Error) => failures.push(`${rule.method} ${rule.url}: ${error.message.split('\n').slice(0, 6).join(' | ')}`));
  }

  const seconds = (Date.now() - started) / 1000;
  t.same(failures, [], 'no 5xx, API errors as problem+json');
  t.ok(inputs >= 5000, `${inputs} inputs on ${routes.length} routes in ${seconds.toFixed(0)} s`);
  t.comment(`fuzz: ${inputs} HTTP inputs on ${routes.length} routes in ${seconds.toFixed(1)} s; answers ${JSON.stringify(statuses)}`);
  t.ok((statuses['2xx'] ?? 0) > 500, 'a good share of the inputs got through validation to the handlers');

  // Still up and still correct.
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  const plain = await app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie: cookies.adviser }, payload: { text: 'Ehrenamtliche aus Naumburg fragt nach Berufssprachkurs' } });
  t.equal(plain.statusCode, 201, 'an ordinary request still works');
});

t.test('random messages on the live WebSocket: the server stays up', async (t) => {
  const { app, signIn } = await buildFullApp(t);
  const lead = await signIn('lead');
  let inputs = 0;
  const message = fc.oneof(
    oddString,
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
    fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)),
    fc.constantFrom('{"type":"subscribe"}', '{"type":"snapshot"}', 'x'.repeat(5000)),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 8 }), async (messages) => {
      const ws = await app.injectWS('/ws/trends', { headers: { cookie: lead } });
      for (const m of messages) {
        inputs += 1;
        if (ws.readyState !== 1) break;
        ws.send(m);
      }
      await new Promise((r) => setImmediate(r));
      ws.terminate();
      return true;
    }),
    { numRuns: 60 },
  );
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'still serving');
  const after = await app.injectWS('/ws/trends', { headers: { cookie: lead } });
  t.equal(after.readyState, 1, 'and new dashboards connect');
  after.terminate();
  t.comment(`fuzz: ${inputs} WebSocket messages`);
  t.ok(inputs > 0, `${inputs} WebSocket messages`);
});
