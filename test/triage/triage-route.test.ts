import t from 'tap';
import fc from 'fast-check';
import { requireRole } from '../../src/server/plugins/auth.js';
import { triageRoutes } from '../../src/server/routes/api/triage.js';
import { createTriage, type TriageResult } from '../../src/triage/index.js';
import { buildTestApp, json, signIn } from '../helpers/app.js';

const triage = createTriage();

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t, { triage, routes: [triageRoutes({ triage, requireRole })] });
  const adviser = await signIn(ctx.app, 'adviser');
  const post = (payload: unknown, cookie: string | null = adviser) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/triage',
      headers: cookie ? { cookie } : {},
      payload: payload as object,
    });
  return { ...ctx, adviser, post };
}

const NOTE = 'Kunde vom JC Halle soll einen BSK machen, Hr. Yousef Nasser, Rückruf 0151 40917735';

t.test('POST /api/triage: the triage answer, nothing stored', async (t) => {
  const { post, store } = await setup(t);
  const res = await post({ text: NOTE });
  t.equal(res.statusCode, 200);
  const body = json<TriageResult>(res);
  t.same(body, triage.triage(NOTE));
  t.match(body.topics[0], { id: String, label: String, score: Number, evidence: Array });
  t.equal(body.district?.code, '15002');
  t.notMatch(res.body, '40917735');
  t.notMatch(res.body, 'Nasser');
  t.same(
    body.redactions.map((r) => [r.type, NOTE.slice(r.start, r.end)]),
    [
      ['name', 'Yousef Nasser'],
      ['telefon', '0151 40917735'],
    ],
    'redaction offsets refer to the original text',
  );
  t.same(body.placeholders.map((r) => body.redactedText.slice(r.start, r.end)), ['[Name]', '[Telefon]']);
  t.equal(store.enquiries.list({ limit: 10 }).items.length, 0, 'no enquiry stored');
});

t.test('POST /api/triage: a district passed by the adviser wins', async (t) => {
  const { post } = await setup(t);
  const body = json<TriageResult>(await post({ text: NOTE, district: '15003' }));
  t.same(body.district, { code: '15003', name: 'Magdeburg', evidence: '' });
  t.equal(json<TriageResult>(await post({ text: NOTE, district: null })).district?.code, '15002');
});

t.test('POST /api/triage: access', async (t) => {
  const { app, post } = await setup(t);
  t.equal((await post({ text: NOTE }, null)).statusCode, 401, 'signed out');
  t.equal((await post({ text: NOTE }, await signIn(app, 'lead'))).statusCode, 403, 'lead');
  t.equal((await post({ text: NOTE }, await signIn(app, 'admin'))).statusCode, 200, 'admin');
});

t.test('POST /api/triage: validation as problem+json', async (t) => {
  const { post } = await setup(t);
  const cases: [unknown, string][] = [
    [{}, 'text missing'],
    [{ text: '' }, 'empty'],
    [{ text: '   ' }, 'blank'],
    [{ text: 'x'.repeat(5001) }, 'too long'],
    [{ text: NOTE, district: '99999' }, 'unknown district'],
    [{ text: NOTE, extra: 1 }, 'unknown field'],
    [{ text: 42 }, 'not a string'],
  ];
  for (const [payload, name] of cases) {
    const res = await post(payload);
    t.equal(res.statusCode, 400, name);
    t.match(res.headers['content-type'], /application\/problem\+json/, name);
    t.ok(json<{ errors: unknown[] }>(res).errors.length > 0, `${name}: errors listed`);
  }
  t.equal((await post({ text: 'x'.repeat(5000) })).statusCode, 200, '5,000 characters are fine');
});

t.test('POST /api/triage: any text gets an answer, never a 5xx', async (t) => {
  const { post } = await setup(t);
  await fc.assert(
    fc.asyncProperty(fc.string({ minLength: 1, maxLength: 300 }), async (text) => {
      const res = await post({ text });
      return res.statusCode === 200 || (res.statusCode === 400 && text.trim() === '');
    }),
    { numRuns: 60 },
  );
});
