import t from 'tap';
import { buildTestApp, json, signIn } from '../helpers/app.js';

t.test('OpenAPI document from the zod schemas, for signed-in users', async (t) => {
  const { app } = await buildTestApp(t);
  t.equal((await app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode, 401, 'not public');
  const cookie = await signIn(app, 'adviser');
  const res = await app.inject({ method: 'GET', url: '/api/docs/json', headers: { cookie } });
  t.equal(res.statusCode, 200);
  const doc = json<{
    openapi: string;
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> }; parameters?: { name: string; in: string }[] }>>;
    components: { schemas: Record<string, unknown> };
  }>(res);
  t.equal(doc.openapi, '3.1.0');
  for (const path of ['/api/session', '/api/enquiries', '/api/enquiries/{id}', '/api/users', '/api/users/{id}', '/healthz']) {
    t.ok(doc.paths[path], `documents ${path}`);
  }
  t.notOk(Object.keys(doc.paths).some((p) => p.startsWith('/api/docs')), 'the docs routes are not documented');
  const body = JSON.stringify(doc.paths['/api/enquiries']?.post?.requestBody);
  t.match(body, /"text"/);
  t.match(body, /"maxLength":5000/);
  t.match(body, /"additionalProperties":false/, 'strict objects');
  t.match(body, /"aufenthalt"/, 'topic enum');
  const query = doc.paths['/api/enquiries']?.get?.parameters?.map((p) => `${p.in}:${p.name}`) ?? [];
  for (const name of ['cursor', 'district', 'from', 'limit', 'q', 'to', 'topic']) t.ok(query.includes(`query:${name}`), `documents ?${name}`);
  t.ok(doc.components.schemas.Enquiry, 'Enquiry component');
  t.ok(doc.components.schemas.Problem, 'Problem component');
});

t.test('Swagger UI at /api/docs with local assets and a strict CSP', async (t) => {
  const { app } = await buildTestApp(t);
  const cookie = await signIn(app, 'lead');
  const page = await app.inject({ method: 'GET', url: '/api/docs/', headers: { cookie } });
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /text\/html/);
  t.notMatch(page.body, /https?:\/\/(?!localhost)/, 'no other host referenced');
  const csp = String(page.headers['content-security-policy']);
  t.match(csp, /default-src 'self'/);
  t.notMatch(csp, /https:|validator\.swagger\.io/);
  const asset = await app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js', headers: { cookie } });
  t.equal(asset.statusCode, 200, 'assets are served locally');
  const init = await app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js', headers: { cookie } });
  t.equal(init.statusCode, 200);
  t.notMatch(init.body, /validator\.swagger\.io/);
});
