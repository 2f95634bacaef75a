import t, { type Test } from 'tap';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { KnowledgeBase } from '../../src/kb/index.js';
import { requireRole } from '../../src/server/plugins/auth.js';
import { kbRoutes } from '../../src/server/routes/api/kb.js';
import { buildTestApp, json, signIn } from '../helpers/app.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/kb/', import.meta.url));

const kb = await KnowledgeBase.open({ dir: FIXTURE });
t.teardown(() => kb.close());

async function setup(t: Test) {
  const ctx = await buildTestApp(t, { suggester: kb, routes: [kbRoutes({ kb, requireRole })] });
  const adviser = await signIn(ctx.app, 'adviser');
  const editor = await signIn(ctx.app, 'editor');
  return { ...ctx, adviser, editor };
}

type SearchBody = { results: { slug: string; snippet: string; districts: string[] }[]; revision: string };

t.test('GET /api/kb/search (adviser)', async (t) => {
  const { app, adviser } = await setup(t);
  const res = await app.inject({ method: 'GET', url: '/api/kb/search?q=Berufssprachkurs&district=15084&limit=2', headers: { cookie: adviser } });
  t.equal(res.statusCode, 200);
  const body = json<SearchBody>(res);
  t.equal(body.revision, kb.revision);
  t.same(body.results.map((r) => r.slug), ['berufssprachkurse-burgenlandkreis', 'berufssprachkurse']);
  t.match(body.results[0]?.snippet, /<mark>/);

  const topics = await app.inject({ method: 'GET', url: '/api/kb/search?q=Sprachkurs&topic=sprache&topic=arbeitsverwaltung', headers: { cookie: adviser } });
  t.equal(topics.statusCode, 200);
  const comma = await app.inject({ method: 'GET', url: '/api/kb/search?q=Sprachkurs&topic=sprache,arbeitsverwaltung', headers: { cookie: adviser } });
  t.same(json(comma), json(topics), 'repeated and comma-separated topics are the same');

  const anonymous = await app.inject({ method: 'GET', url: '/api/kb/search?q=Kurs' });
  t.equal(anonymous.statusCode, 401);
  t.equal(anonymous.headers['content-type'], 'application/problem+json; charset=utf-8');
});

t.test('bad search input is a 400 problem naming the field', async (t) => {
  const { app, adviser } = await setup(t);
  const cases: [string, string][] = [
    ['/api/kb/search', 'querystring.q'],
    ['/api/kb/search?q=%20%20', 'querystring.q'],
    ['/api/kb/search?q=Kurs&district=99999', 'querystring.district'],
    ['/api/kb/search?q=Kurs&topic=wohnen', 'querystring.topic'],
    ['/api/kb/search?q=Kurs&limit=0', 'querystring.limit'],
    ['/api/kb/search?q=Kurs&limit=abc', 'querystring.limit'],
    [`/api/kb/search?q=${'a'.repeat(1001)}`, 'querystring.q'],
    ['/api/kb/search?q=Kurs&foo=1', 'querystring.foo'],
  ];
  for (const [url, path] of cases) {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: adviser } });
    t.equal(res.statusCode, 400, url);
    t.match(json(res), { status: 400, errors: [{ path }] }, url);
  }
});

t.test('GET /api/kb/articles/:slug: sanitised HTML, 404 problem, slug validated', async (t) => {
  const { app, adviser } = await setup(t);
  const res = await app.inject({ method: 'GET', url: '/api/kb/articles/berufssprachkurse', headers: { cookie: adviser } });
  t.equal(res.statusCode, 200);
  t.match(json(res), {
    slug: 'berufssprachkurse',
    title: 'Berufssprachkurse (DeuFöV)',
    summary: String,
    topics: ['sprache', 'arbeitsverwaltung'],
    districts: [],
    keywords: Array,
    updated: '2026-06-03',
    html: /data-slug="integrationskurs"/,
  });
  const unsafe = await app.inject({ method: 'GET', url: '/api/kb/articles/html-im-text', headers: { cookie: adviser } });
  t.notMatch(json<{ html: string }>(unsafe).html, /<script|onerror|<iframe|<style|javascript:/i);

  const missing = await app.inject({ method: 'GET', url: '/api/kb/articles/gibt-es-nicht', headers: { cookie: adviser } });
  t.equal(missing.statusCode, 404);
  t.match(json(missing), { status: 404, code: 'KB_ARTICLE_NOT_FOUND', detail: /gibt-es-nicht/ });
  for (const bad of ['Gross', '..%2F..%2Fetc%2Fpasswd', 'a_b', 'x%00y']) {
    const r = await app.inject({ method: 'GET', url: `/api/kb/articles/${bad}`, headers: { cookie: adviser } });
    t.equal(r.statusCode, 400, bad);
    t.match(json(r), { errors: [{ path: 'params.slug' }] });
  }
  const long = await app.inject({ method: 'GET', url: `/api/kb/articles/${'x'.repeat(300)}`, headers: { cookie: adviser } });
  t.ok(long.statusCode >= 400 && long.statusCode < 500, `overlong slug: ${long.statusCode}`);
});

t.test('status and reload are for editors (and admins)', async (t) => {
  const { app, adviser, editor } = await setup(t);
  t.equal((await app.inject({ method: 'GET', url: '/api/kb/status', headers: { cookie: adviser } })).statusCode, 403);
  t.equal((await app.inject({ method: 'POST', url: '/api/kb/reload', headers: { cookie: adviser } })).statusCode, 403);
  const status = await app.inject({ method: 'GET', url: '/api/kb/status', headers: { cookie: editor } });
  t.equal(status.statusCode, 200);
  const s = json<{ revision: string; articles: number; errors: { file: string; line?: number; message: string }[]; loadedAt: string }>(status);
  t.equal(s.articles, 10);
  t.ok(s.errors.some((e) => e.file === 'kaputt/yaml-fehler.md' && e.line === 6));
  t.ok(!Number.isNaN(Date.parse(s.loadedAt)));
  const reload = await app.inject({ method: 'POST', url: '/api/kb/reload', headers: { cookie: editor } });
  t.equal(reload.statusCode, 200);
  t.match(json(reload), { revision: s.revision, articles: 10, added: [], changed: [], removed: [] });
  const admin = await signIn(app, 'admin');
  t.equal((await app.inject({ method: 'GET', url: '/api/kb/status', headers: { cookie: admin } })).statusCode, 200);
});

t.test('suggestions reach stored enquiries through the ArticleSuggester seam', async (t) => {
  const { app, adviser } = await setup(t);
  const res = await app.inject({
    method: 'POST',
    url: '/api/enquiries',
    headers: { cookie: adviser },
    payload: { text: 'Ehrenamtliche aus Zeitz fragt: Wie meldet sich ein Geflüchteter zum Berufssprachkurs an? Fahrtkosten?', district: '15084' },
  });
  t.equal(res.statusCode, 201);
  const body = json<{ suggestions: { slug: string }[] }>(res);
  t.equal(body.suggestions[0]?.slug, 'berufssprachkurse-burgenlandkreis');
});

t.test('property: no search input ever gets a 5xx', async (t) => {
  const { app, adviser } = await setup(t);
  await fc.assert(
    fc.asyncProperty(
      fc.string({ maxLength: 60 }),
      fc.option(fc.string({ maxLength: 8 })),
      fc.option(fc.string({ maxLength: 20 })),
      async (q, district, topic) => {
        const params = new URLSearchParams({ q });
        if (district !== null) params.set('district', district);
        if (topic !== null) params.set('topic', topic);
        const res = await app.inject({ method: 'GET', url: `/api/kb/search?${params}`, headers: { cookie: adviser } });
        return res.statusCode === 200 || res.statusCode === 400;
      },
    ),
    { numRuns: 150 },
  );
  t.pass('only 200 or 400');
});
