import t from 'tap';
import { KnowledgeBase } from '../../src/kb/index.js';
import { fileURLToPath } from 'node:url';
import type { NewEnquiry, Store } from '../../src/store/index.js';
import { json, signIn } from '../helpers/app.js';
import { buildWorkspaceApp } from './workspace-app.js';

function seed(store: Store, input: Partial<NewEnquiry> & { text: string }) {
  return store.enquiries.create({
    redactions: [], channel: 'telefon', caller: null, district: null, topics: [], outcome: 'beantwortet', referredTo: null,
    articleUsed: null, callbackDate: null, suggestions: [], triageVersion: null, authorId: null, ...input,
  });
}

type SimilarBody = { items: { id: number; text: string; score: number; outcome: string; topics: { id: string; label: string }[]; district: { name: string } | null; articleUsed: { slug: string; title: string } | null }[] };

t.test('POST /api/enquiries/similar: like notes first, redacted text only, audited', async (t) => {
  const { app, store } = await buildWorkspaceApp(t);
  const adviser = await signIn(app, 'adviser');
  const post = (payload: object, cookie = adviser) => app.inject({ method: 'POST', url: '/api/enquiries/similar', headers: { cookie }, payload });

  // Stored through the API: the (fake) triage redacts the phone number.
  const created = await app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie: adviser }, payload: { text: 'Geduldeter Mann aus Naumburg will Ausbildung zum Elektriker, Rückruf 0151 40917735', outcome: 'weiterverwiesen', referredTo: 'Ausländerbehörde' } });
  t.equal(created.statusCode, 201);
  const like = json<{ id: number }>(created).id;
  const other = seed(store, { text: 'Integrationskurs mit Kinderbetreuung in Halle gesucht', topics: [{ id: 'sprache', score: 1, source: 'auto' }] });
  const weak = seed(store, {
    text: 'Frage zur Ausbildung', articleUsed: 'duale-ausbildung', suggestions: [{ slug: 'duale-ausbildung', title: 'Duale Ausbildung', score: 3 }],
    district: { code: '15002', source: 'manual' }, topics: [{ id: 'ausbildung', score: 1, source: 'manual' }],
  });

  const res = await post({ text: 'Elektriker mit Duldung möchte eine Ausbildung beginnen, Tel. 0151 40917735' });
  t.equal(res.statusCode, 200);
  const body = json<SimilarBody>(res);
  t.same(body.items.map((i) => i.id), [like, weak.id], 'the closest first; unrelated notes are left out');
  t.notMatch(res.body, /40917735/, 'never the unredacted number');
  t.match(body.items[0]?.text, /\[Telefon\]/);
  t.equal(body.items[0]?.outcome, 'weiterverwiesen');
  t.ok((body.items[0]?.score ?? 0) > (body.items[1]?.score ?? 0));
  t.same(body.items[1]?.articleUsed, { slug: 'duale-ausbildung', title: 'Duale Ausbildung' }, 'the title stored with the suggestions');
  t.same(body.items[1]?.district, { code: '15002', name: 'Halle (Saale)' });
  t.same(body.items[1]?.topics, [{ id: 'ausbildung', label: 'Ausbildung & Studium' }]);
  void other;

  t.same(json<SimilarBody>(await post({ text: 'Elektriker Duldung Ausbildung', excludeId: like })).items.map((i) => i.id), [weak.id], 'excludeId');
  t.same(json<SimilarBody>(await post({ text: 'Elektriker Ausbildung', limit: 1 })).items.length, 1, 'limit');
  t.same(json<SimilarBody>(await post({ text: 'und oder aber [Telefon]' })).items, [], 'nothing significant, nothing found');
  const audit = store.audit.recent(5).find((e) => e.action === 'enquiry.list' && (e.detail as { via?: string } | null)?.via === 'similar');
  t.ok(audit, 'reading similar enquiries is in the audit log');

  store.enquiries.purgeTextBefore(new Date(Date.now() + 86_400_000 * 3650));
  t.same(json<SimilarBody>(await post({ text: 'Elektriker Ausbildung Duldung' })).items, [], 'purged texts are not found');

  for (const [payload, field] of [[{}, 'body.text'], [{ text: ' ' }, 'body.text'], [{ text: 'x', limit: 0 }, 'body.limit'], [{ text: 'x', extra: 1 }, 'body']] as const) {
    const bad = await post(payload);
    t.equal(bad.statusCode, 400, JSON.stringify(payload));
    t.match(json(bad), { errors: [{ path: new RegExp(`^${field.replace('.', '\\.')}`) }] });
  }
  t.equal((await app.inject({ method: 'POST', url: '/api/enquiries/similar', payload: { text: 'x' } })).statusCode, 401);
  t.equal((await post({ text: 'x' }, await signIn(app, 'lead'))).statusCode, 403);
  t.equal((await post({ text: 'x' }, await signIn(app, 'editor'))).statusCode, 403);
  t.equal((await post({ text: 'x' }, await signIn(app, 'admin'))).statusCode, 200);
});

t.test('GET /api/enquiries/referrals: the most used targets', async (t) => {
  const { app, store } = await buildWorkspaceApp(t);
  for (const [target, n] of [['Ausländerbehörde Burgenlandkreis', 3], ['Jobcenter Halle', 1], ['IQ Netzwerk', 2]] as const) {
    for (let i = 0; i < n; i++) seed(store, { text: 'Notiz', outcome: 'weiterverwiesen', referredTo: target });
  }
  const cookie = await signIn(app, 'adviser');
  const res = await app.inject({ url: '/api/enquiries/referrals?limit=2', headers: { cookie } });
  t.equal(res.statusCode, 200);
  t.same(json(res), { items: [{ referredTo: 'Ausländerbehörde Burgenlandkreis', count: 3 }, { referredTo: 'IQ Netzwerk', count: 2 }] });
  t.equal((await app.inject({ url: '/api/enquiries/referrals?limit=0', headers: { cookie } })).statusCode, 400);
  t.equal((await app.inject({ url: '/api/enquiries/referrals' })).statusCode, 401);
});

t.test('GET /api/enquiries/callbacks: due today or earlier, oldest first, Berlin days', async (t) => {
  const { app, store, clock } = await buildWorkspaceApp(t);
  clock.set('2026-11-25T23:30:00.000Z'); // already 26 November in Berlin
  const overdue = seed(store, { text: 'a', outcome: 'rueckruf', callbackDate: '2026-11-20' });
  const today = seed(store, { text: 'b', outcome: 'rueckruf', callbackDate: '2026-11-26' });
  seed(store, { text: 'c', outcome: 'rueckruf', callbackDate: '2026-11-27' });
  seed(store, { text: 'd', outcome: 'beantwortet', callbackDate: '2026-11-20' });
  seed(store, { text: 'e', outcome: 'rueckruf', callbackDate: null });
  const cookie = await signIn(app, 'adviser');
  const res = await app.inject({ url: '/api/enquiries/callbacks', headers: { cookie } });
  t.equal(res.statusCode, 200);
  const body = json<{ day: string; items: { id: number; callbackDate: string }[] }>(res);
  t.equal(body.day, '2026-11-26');
  t.same(body.items.map((e) => e.id), [overdue.id, today.id]);
  t.equal((await app.inject({ url: '/api/enquiries/callbacks', headers: { cookie: await signIn(app, 'editor') } })).statusCode, 403);
});

t.test('GET /api/enquiries?outcome= filters by outcome', async (t) => {
  const { app, store } = await buildWorkspaceApp(t);
  const open = seed(store, { text: 'offen', outcome: 'offen' });
  seed(store, { text: 'fertig', outcome: 'beantwortet' });
  const cookie = await signIn(app, 'adviser');
  const res = await app.inject({ url: '/api/enquiries?outcome=offen', headers: { cookie } });
  t.same(json<{ items: { id: number }[] }>(res).items.map((e) => e.id), [open.id]);
  const bad = await app.inject({ url: '/api/enquiries?outcome=vielleicht', headers: { cookie } });
  t.equal(bad.statusCode, 400);
  t.match(json(bad), { errors: [{ path: 'querystring.outcome' }] });
});

const FIXTURE = fileURLToPath(new URL('../fixtures/kb/', import.meta.url));

t.test('GET /api/kb/usage: articles shown and used, gaps per topic', async (t) => {
  const kb = await KnowledgeBase.open({ dir: FIXTURE });
  t.teardown(() => kb.close());
  const { app, store } = await buildWorkspaceApp(t, { kb });
  const [served] = kb.slugs();
  t.ok(served, 'the fixture KB serves an article');
  const good = { slug: served ?? 'x', title: 'Alt', score: 90 };
  const other = { slug: 'nicht-mehr-da', title: 'Entfernt', score: 40 };
  for (let i = 0; i < 4; i++) seed(store, { text: `Sprachkurs ${i}`, topics: [{ id: 'sprache', score: 1, source: 'auto' }], suggestions: [good, other], articleUsed: good.slug });
  seed(store, { text: 'Sprachkurs ohne Hilfe', topics: [{ id: 'sprache', score: 1, source: 'auto' }], suggestions: [good] });
  for (let i = 0; i < 3; i++) seed(store, { text: `Rassismus im Betrieb ${i}`, topics: [{ id: 'diskriminierung', score: 1, source: 'auto' }], suggestions: [{ ...other, score: 5 }] });
  seed(store, { text: 'Gar kein Vorschlag', topics: [{ id: 'diskriminierung', score: 1, source: 'auto' }, { id: 'sonstiges', score: 0.2, source: 'auto' }] });

  const editor = await signIn(app, 'editor');
  const res = await app.inject({ url: '/api/kb/usage', headers: { cookie: editor } });
  t.equal(res.statusCode, 200);
  type Usage = {
    enquiries: number; withHelp: number; lowScoreThreshold: number | null;
    articles: { slug: string; title: string; inKb: boolean | null; shown: number; shownFirst: number; used: number; usedWhenShown: number; helpfulRate: number | null }[];
    topics: { topic: string; label: string; enquiries: number; withoutHelp: number; lowScore: number; gaps: number; examples: { id: number; excerpt: string }[] }[];
  };
  const body = json<Usage>(res);
  t.equal(body.enquiries, 9);
  t.equal(body.withHelp, 4);
  t.equal(body.lowScoreThreshold, 45, 'half the median best score (8 scored enquiries)');
  const first = body.articles[0];
  t.match(first, { slug: served, inKb: true, shown: 5, shownFirst: 5, used: 4, usedWhenShown: 4, helpfulRate: 0.8 });
  t.not(first?.title, 'Alt', 'the current title from the KB');
  t.match(body.articles.find((a) => a.slug === 'nicht-mehr-da'), { inKb: false, title: 'Entfernt', shown: 7, used: 0, helpfulRate: 0 });
  t.same(body.topics.map((x) => [x.topic, x.enquiries, x.withoutHelp, x.lowScore, x.gaps]), [
    ['diskriminierung', 4, 4, 4, 4],
    ['sonstiges', 1, 1, 1, 1],
    ['sprache', 5, 1, 0, 0],
  ]);
  t.equal(body.topics[0]?.label, 'Diskriminierung & Rassismus');
  t.equal(body.topics[0]?.examples.length, 3, 'three examples by default');
  t.match(body.topics[0]?.examples[0]?.excerpt, /Gar kein Vorschlag/, 'newest first');

  const fixed = json<Usage>(await app.inject({ url: '/api/kb/usage?lowScore=95&examples=0', headers: { cookie: editor } }));
  t.equal(fixed.lowScoreThreshold, 95);
  t.same(fixed.topics.find((x) => x.topic === 'sprache')?.gaps, 1, 'a given threshold is used');
  t.same(fixed.topics[0]?.examples, []);

  const future = json<Usage>(await app.inject({ url: '/api/kb/usage?from=2030-01-01', headers: { cookie: editor } }));
  t.equal(future.enquiries, 0);
  t.same(future.topics, []);
  t.equal(future.lowScoreThreshold, null);

  t.equal((await app.inject({ url: '/api/kb/usage?from=2026-12-01&to=2026-11-01', headers: { cookie: editor } })).statusCode, 400);
  t.equal((await app.inject({ url: '/api/kb/usage?from=morgen', headers: { cookie: editor } })).statusCode, 400);
  t.equal((await app.inject({ url: '/api/kb/usage', headers: { cookie: await signIn(app, 'adviser') } })).statusCode, 403);
  t.equal((await app.inject({ url: '/api/kb/usage' })).statusCode, 401);
});
