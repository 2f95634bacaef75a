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

t.test('learning through the API: corrections by PATCH change what POST /api/triage tags', async (t) => {
  const learner = createTriage();
  const ctx = await buildTestApp(t, { triage: learner, routes: [triageRoutes({ triage: learner, requireRole })] });
  const cookie = await signIn(ctx.app, 'adviser');
  const call = (method: 'POST' | 'PATCH', url: string, payload: object) => ctx.app.inject({ method, url, headers: { cookie }, payload });
  // The team files language tandems under language; the corpus has none.
  const heldOut = 'Gibt es in Stendal ein Tandemprogramm? Zugewanderte suchen deutsche Tandempartner zum Üben';
  const before = json<TriageResult & { modelVersion: string }>(await call('POST', '/api/triage', { text: heldOut }));
  t.not(before.topics[0]?.id, 'sprache', `before: ${before.topics.map((x) => x.id).join(', ')}`);

  const calls = [
    'Sprachtandem in Magdeburg: Ehrenamtliche will eine Tandempartnerin vermitteln',
    'Tandemprogramm der Uni Halle, Zugewanderte fragen, wie man mitmacht',
    'Syrer in Dessau sucht Tandempartner für Alltagsgespräche',
  ];
  for (const text of calls) {
    const created = await call('POST', '/api/enquiries', { text });
    t.equal(created.statusCode, 201);
    const { id } = json<{ id: number }>(created);
    const corrected = await call('PATCH', `/api/enquiries/${id}`, { topics: ['sprache'] });
    t.equal(corrected.statusCode, 200);
    t.match(json(corrected), { topics: [{ id: 'sprache', source: 'manual' }] }, 'the correction is stored as manual');
  }
  t.equal(ctx.store.enquiries.trainingExamples().length, 3, 'each correction is a training example in the database');

  const after = json<TriageResult & { modelVersion: string }>(await call('POST', '/api/triage', { text: heldOut }));
  t.equal(after.topics[0]?.id, 'sprache', `after: ${after.topics.map((x) => x.id).join(', ')}`);
  t.not(after.modelVersion, before.modelVersion, 'the answer names the new model version');
});
