import t from 'tap';
import { buildTestApp, json, signIn } from '../helpers/app.js';
import { FakeSuggester, FakeTriage } from '../helpers/fakes.js';

interface EnquiryBody {
  id: number;
  text: string;
  topics: { id: string; label: string; score: number; source: string }[];
  district: { code: string; name: string; source: string } | null;
  [key: string]: unknown;
}
interface Page {
  items: EnquiryBody[];
  nextCursor: string | null;
}
interface ProblemBody {
  status: number;
  title: string;
  detail: string;
  errors: { path: string; message: string }[];
}

async function setup(t: Parameters<typeof buildTestApp>[0], options: Parameters<typeof buildTestApp>[1] = {}) {
  const triage = new FakeTriage();
  const suggester = new FakeSuggester();
  const ctx = await buildTestApp(t, { triage, suggester, ...options });
  const cookie = await signIn(ctx.app, 'adviser', 'anna');
  const post = (payload: unknown) => ctx.app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie }, payload: payload as object });
  const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie } });
  const patch = (id: number, payload: unknown) => ctx.app.inject({ method: 'PATCH', url: `/api/enquiries/${id}`, headers: { cookie }, payload: payload as object });
  return { ...ctx, triage, suggester, cookie, post, get, patch };
}

const NOTE = '  Ehrenamtliche aus Naumburg (Tel. 0176 1234567) fragt, ob ihr Schützling mit Duldung eine Ausbildung anfangen darf.  ';

t.test('POST /api/enquiries: triage on the original, only the redacted text stored, auto tags, suggestions', async (t) => {
  const { post, get, triage, suggester, store } = await setup(t);
  const res = await post({ text: NOTE, caller: 'ehrenamt' });
  t.equal(res.statusCode, 201);
  const body = json<EnquiryBody>(res);
  t.equal(triage.seen[0], NOTE.trim(), 'triage saw the (trimmed) original');
  t.equal(body.text, 'Ehrenamtliche aus Naumburg (Tel. [Telefon]) fragt, ob ihr Schützling mit Duldung eine Ausbildung anfangen darf.');
  t.notMatch(res.body, '1234567', 'the phone number is nowhere in the answer');
  t.same(body.redactions, [{ type: 'phone', start: 33, end: 42 }]);
  t.equal(body.text.slice(33, 42), '[Telefon]', 'redaction offsets point into the stored text');
  t.same(body.topics, [
    { id: 'aufenthalt', label: 'Aufenthalt & Arbeitserlaubnis', score: 0.9, source: 'auto' },
    { id: 'ausbildung', label: 'Ausbildung & Studium', score: 0.7, source: 'auto' },
  ]);
  t.same(body.district, { code: '15084', name: 'Burgenlandkreis', source: 'auto' });
  t.match(body, { channel: 'telefon', caller: 'ehrenamt', outcome: 'offen', referredTo: null, articleUsed: null, callbackDate: null, triageVersion: 'fake-1', author: { username: 'anna' } });
  t.equal((body.suggestions as unknown[]).length, 5, 'at most five suggestions');
  t.same(suggester.calls[0], { note: body.text, district: '15084', topics: ['aufenthalt', 'ausbildung'], limit: 5 }, 'suggester got the redacted note, district and topics');
  t.same(json(await get(`/api/enquiries/${body.id}`)), body, 'GET returns what POST stored');

  // Nowhere in the database is the original number.
  const row = store.enquiries.get(body.id);
  t.notMatch(JSON.stringify(row), '1234567');
  t.same(triage.learned, [], 'nothing learned from automatic tags');
  t.equal(store.enquiries.trainingExamples().length, 0);
});

t.test('POST with tags, district and outcome given by the adviser', async (t) => {
  const { post, triage, suggester, store } = await setup(t);
  const res = await post({
    text: 'Frage zum Integrationskurs in Naumburg',
    channel: 'email',
    caller: 'migrant',
    district: '15088',
    topics: ['sprache', 'netzwerk'],
    outcome: 'weiterverwiesen',
    referredTo: 'Migrationsberatung Saalekreis',
    articleUsed: 'integrationskurs',
    callbackDate: '2026-12-01',
  });
  t.equal(res.statusCode, 201);
  const body = json<EnquiryBody>(res);
  t.same(body.topics.map((x) => [x.id, x.source]), [['sprache', 'manual'], ['netzwerk', 'manual']], 'manual topics replace the automatic ones');
  t.same(body.district, { code: '15088', name: 'Saalekreis', source: 'manual' }, 'the manual district wins over the detected one');
  t.match(body, { channel: 'email', caller: 'migrant', outcome: 'weiterverwiesen', referredTo: 'Migrationsberatung Saalekreis', articleUsed: 'integrationskurs', callbackDate: '2026-12-01' });
  t.same(suggester.calls[0]?.district, '15088');
  t.same(suggester.calls[0]?.topics, ['sprache', 'netzwerk']);
  t.same(triage.learned, [{ text: 'Frage zum Integrationskurs in Naumburg', topics: ['sprache', 'netzwerk'] }], 'the classifier learns from chosen tags');
  t.match(store.enquiries.trainingExamples(), [{ topics: ['sprache', 'netzwerk'], source: 'enquiry' }]);
});

t.test('POST with district null: the adviser says "no district", nothing is detected, the roll-ups agree', async (t) => {
  const { post, suggester, store } = await setup(t);
  // The note names Naumburg, but the caller lives in Leipzig and only mentioned the town.
  const res = await post({ text: NOTE, district: null });
  t.equal(res.statusCode, 201);
  t.equal(json<EnquiryBody>(res).district, null, 'no district, although the fake triage detects 15084');
  t.equal(suggester.calls[0]?.district, null, 'suggestions without a district');
  const today = store.rollups.daily('2000-01-01', '2100-01-01', 'district');
  t.same(today.map((r) => [r.key, r.count]), [['', 1]], 'counted as "no district" in the roll-ups');
});

t.test('without triage and suggester the defaults store the text as it is', async (t) => {
  const ctx = await buildTestApp(t);
  const cookie = await signIn(ctx.app, 'adviser');
  const res = await ctx.app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie }, payload: { text: 'Frage ohne Ort' } });
  t.match(json(res), { text: 'Frage ohne Ort', topics: [], district: null, suggestions: [], triageVersion: 'none' });
});

t.test('a district outside Sachsen-Anhalt is dropped; a broken suggester or learner does not stop saving', async (t) => {
  const { post, suggester, triage } = await setup(t);
  t.equal(json<EnquiryBody>(await post({ text: 'Anruf aus Atlantis' })).district, null);
  suggester.fail = true;
  triage.failLearning = true;
  const res = await post({ text: 'Sprachkurs gesucht', topics: ['sprache'] });
  t.equal(res.statusCode, 201);
  t.same(json(res).suggestions, []);
});

t.test('a failing triage stores nothing (no unredacted text) and answers 500 without details', async (t) => {
  const { app, store } = await buildTestApp(t, {
    triage: {
      triage: () => {
        throw new Error('model file missing: /secret/path');
      },
      learn: () => {},
    },
  });
  const cookie = await signIn(app, 'adviser');
  const res = await app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie }, payload: { text: 'Tel. 0176 1234567' } });
  t.equal(res.statusCode, 500);
  t.notMatch(res.body, /secret|model file/);
  t.equal(store.enquiries.count(), 0);
});

t.test('POST validation: every rule with its field path', async (t) => {
  const { post } = await setup(t);
  const cases: [string, unknown, string[]][] = [
    ['text missing', {}, ['body.text']],
    ['text empty after trim', { text: '   \n ' }, ['body.text']],
    ['text too long', { text: 'x'.repeat(5001) }, ['body.text']],
    ['text not a string', { text: 42 }, ['body.text']],
    ['unknown channel', { text: 'a', channel: 'fax' }, ['body.channel']],
    ['unknown caller', { text: 'a', caller: 'nachbar' }, ['body.caller']],
    ['unknown district', { text: 'a', district: '14612' }, ['body.district']],
    ['unknown topic', { text: 'a', topics: ['steuern'] }, ['body.topics.0']],
    ['empty topics', { text: 'a', topics: [] }, ['body.topics']],
    ['duplicate topics', { text: 'a', topics: ['sprache', 'sprache'] }, ['body.topics']],
    ['unknown outcome', { text: 'a', outcome: 'erledigt' }, ['body.outcome']],
    ['empty referredTo', { text: 'a', referredTo: ' ' }, ['body.referredTo']],
    ['bad article slug', { text: 'a', articleUsed: '../etc/passwd' }, ['body.articleUsed']],
    ['impossible callback date', { text: 'a', callbackDate: '2026-02-30' }, ['body.callbackDate']],
    ['unknown fields', { text: 'a', foo: 1, bar: 2 }, ['body.bar', 'body.foo']],
    ['several at once', { text: '', channel: 'fax', extra: true }, ['body.channel', 'body.extra', 'body.text']],
    ['not an object', ['text'], ['body']],
  ];
  for (const [name, payload, paths] of cases) {
    const res = await post(payload);
    t.equal(res.statusCode, 400, `${name}: 400`);
    const problem = json<ProblemBody>(res);
    t.same(problem.errors.map((e) => e.path).sort(), paths, `${name}: ${paths.join(', ')}`);
    t.ok(problem.errors.every((e) => e.message.length > 0), `${name}: messages`);
    t.equal(problem.title, 'Ungültige Anfrage');
  }
  const tooLong = json<ProblemBody>(await post({ text: 'x'.repeat(5001) }));
  t.equal(tooLong.errors[0]?.message, 'Der Text darf höchstens 5000 Zeichen lang sein.');
  const missing = json<ProblemBody>(await post({}));
  t.equal(missing.errors[0]?.message, 'Pflichtfeld fehlt.');
  const unknown = json<ProblemBody>(await post({ text: 'a', foo: 1 }));
  t.equal(unknown.errors[0]?.message, 'Unbekanntes Feld.');
  t.equal((await post({ text: 'x'.repeat(5000) })).statusCode, 201, '5000 characters are fine');
  t.equal((await post({ text: ` ${'x'.repeat(5000)} ` })).statusCode, 201, 'length counts after trimming');
});

t.test('GET /api/enquiries/:id: 404 and parameter validation', async (t) => {
  const { get } = await setup(t);
  const missing = await get('/api/enquiries/999');
  t.equal(missing.statusCode, 404);
  t.match(json(missing), { status: 404, code: 'ENQUIRY_NOT_FOUND', detail: 'Anfrage 999 gibt es nicht.' });
  for (const bad of ['abc', '0', '-1', '1.5', '99999999999999999']) {
    const res = await get(`/api/enquiries/${bad}`);
    t.equal(res.statusCode, 400, `id ${bad}`);
    t.same(json<ProblemBody>(res).errors.map((e) => e.path), ['params.id']);
  }
});

t.test('PATCH /api/enquiries/:id corrects tags, district, outcome; topics feed training', async (t) => {
  const { post, patch, triage, store } = await setup(t);
  const { id } = json<EnquiryBody>(await post({ text: NOTE }));
  const res = await patch(id, { topics: ['ausbildung', 'arbeitgeber'], district: '15084', outcome: 'rueckruf', callbackDate: '2026-11-27' });
  t.equal(res.statusCode, 200);
  const body = json<EnquiryBody>(res);
  t.same(body.topics.map((x) => [x.id, x.source, x.score]), [['ausbildung', 'manual', 1], ['arbeitgeber', 'manual', 1]]);
  t.same(body.district, { code: '15084', name: 'Burgenlandkreis', source: 'manual' }, 'same code, now manual');
  t.match(body, { outcome: 'rueckruf', callbackDate: '2026-11-27' });
  t.same(triage.learned.at(-1), { text: body.text, topics: ['ausbildung', 'arbeitgeber'] });
  t.match(store.enquiries.trainingExamples().at(-1), { source: 'correction', topics: ['ausbildung', 'arbeitgeber'] });

  const cleared = json<EnquiryBody>(await patch(id, { district: null, articleUsed: 'ausbildungsduldung', referredTo: 'Ausländerbehörde' }));
  t.equal(cleared.district, null);
  t.match(cleared, { articleUsed: 'ausbildungsduldung', referredTo: 'Ausländerbehörde' });
  t.equal(store.enquiries.trainingExamples().length, 1, 'no training example without topics');
  t.match(store.audit.forEnquiry(id).map((e) => e.action), ['enquiry.create', 'enquiry.update', 'enquiry.update']);

  const cases: [string, unknown, string[]][] = [
    ['empty body', {}, ['body']],
    ['text cannot be changed', { text: 'neu' }, ['body.text']],
    ['bad topic', { topics: ['x'] }, ['body.topics.0']],
    ['bad district', { district: '15000' }, ['body.district']],
    ['bad outcome', { outcome: 'fertig' }, ['body.outcome']],
    ['bad date', { callbackDate: '27.11.2026' }, ['body.callbackDate']],
  ];
  for (const [name, payload, paths] of cases) {
    const bad = await patch(id, payload);
    t.equal(bad.statusCode, 400, name);
    t.same(json<ProblemBody>(bad).errors.map((e) => e.path), paths, name);
  }
  t.equal((await patch(999, { outcome: 'offen' })).statusCode, 404);
});

t.test('GET /api/enquiries: filters, Berlin days, search, audit', async (t) => {
  const { post, get, clock, store } = await setup(t);
  // 2026-03-29 is the spring DST change: Berlin midnight is 23:00Z before, 22:00Z after.
  clock.set('2026-03-28T22:59:59.999Z'); // 23:59:59.999 on 28 March in Berlin
  const a = json<EnquiryBody>(await post({ text: 'Sprachkurs in Naumburg' }));
  clock.set('2026-03-28T23:00:00.000Z'); // 00:00 on 29 March in Berlin
  const b = json<EnquiryBody>(await post({ text: 'Duldung und Ausbildung', district: '15003' }));
  clock.set('2026-03-29T21:59:59.999Z'); // 23:59:59.999 on 29 March (now UTC+2)
  const c = json<EnquiryBody>(await post({ text: 'Integrationskurs für Mütter' }));
  clock.set('2026-03-29T22:00:00.000Z'); // 00:00 on 30 March
  const d = json<EnquiryBody>(await post({ text: 'Arbeitgeber sucht Auszubildende' }));

  const ids = async (query: string) => {
    const res = await get(`/api/enquiries${query}`);
    t.equal(res.statusCode, 200, query);
    return json<Page>(res).items.map((e) => e.id);
  };
  t.same(await ids(''), [d.id, c.id, b.id, a.id], 'newest first');
  t.same(await ids('?from=2026-03-29&to=2026-03-29'), [c.id, b.id], 'one Berlin day across the DST change');
  t.same(await ids('?from=2026-03-29'), [d.id, c.id, b.id]);
  t.same(await ids('?to=2026-03-28'), [a.id]);
  t.same(await ids('?from=2026-03-28T23:00:00.000Z&to=2026-03-29T21:59:59.999Z'), [c.id, b.id], 'timestamps are inclusive');
  t.same(await ids('?from=2026-03-29T01:00:00%2B02:00'), [d.id, c.id, b.id], 'offsets are understood');
  t.same(await ids('?topic=sprache'), [c.id, a.id]);
  t.same(await ids('?district=15003'), [b.id]);
  t.same(await ids('?district=15084&topic=sprache'), [a.id]);
  t.same(await ids('?q=ausbild'), [b.id], 'prefix search');
  t.same(await ids('?q=Auszubild'), [d.id]);
  t.same(await ids('?q=MUTTER'), [c.id], 'case and umlauts folded');
  t.same(await ids('?q=%22%29%28*'), [d.id, c.id, b.id, a.id], 'punctuation only: no filter, no error');
  const listed = store.audit.recent(1)[0];
  t.match(listed, { action: 'enquiry.list', detail: { ids: [d.id, c.id, b.id, a.id] } });

  const cases: [string, string[]][] = [
    ['?limit=0', ['querystring.limit']],
    ['?limit=101', ['querystring.limit']],
    ['?limit=zwei', ['querystring.limit']],
    ['?from=gestern', ['querystring.from']],
    ['?to=2026-13-01', ['querystring.to']],
    ['?from=2026-03-30&to=2026-03-29', ['querystring.to']],
    ['?topic=steuern', ['querystring.topic']],
    ['?district=1', ['querystring.district']],
    ['?cursor=kaputt', ['querystring.cursor']],
    ['?sort=asc', ['querystring.sort']],
    ['?q=', ['querystring.q']],
    ['?limit=0&topic=x', ['querystring.limit', 'querystring.topic']],
  ];
  for (const [query, paths] of cases) {
    const res = await get(`/api/enquiries${query}`);
    t.equal(res.statusCode, 400, query);
    t.same(json<ProblemBody>(res).errors.map((e) => e.path).sort(), paths, query);
  }
});

t.test('pagination across several pages with inserts between fetches: no duplicates, no gaps', async (t) => {
  const { post, get, clock } = await setup(t);
  const created: number[] = [];
  for (let i = 0; i < 23; i++) {
    // Several enquiries per millisecond: the id breaks ties.
    if (i % 3 === 0) clock.advance(1);
    created.push(json<EnquiryBody>(await post({ text: `Anfrage ${i}` })).id);
  }
  const seen: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await get(`/api/enquiries?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    const page = json<Page>(res);
    t.ok(page.items.length <= 5);
    seen.push(...page.items.map((e) => e.id));
    cursor = page.nextCursor;
    pages++;
    // New calls come in while the adviser pages.
    clock.advance(1);
    await post({ text: `Neue Anfrage nach Seite ${pages}` });
    await post({ text: `Noch eine nach Seite ${pages}` });
  } while (cursor);
  t.equal(pages, 5, '23 enquiries at 5 per page');
  t.same(seen, [...created].reverse(), 'exactly the enquiries that existed, newest first');
  t.equal(new Set(seen).size, seen.length, 'no duplicates');
});
