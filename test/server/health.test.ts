import { join } from 'node:path';
import t from 'tap';
import { silentLogger } from '../../src/domain/logger.js';
import { buildApp } from '../../src/server/app.js';
import { parseConfig } from '../../src/server/config.js';
import { openStore } from '../../src/store/index.js';
import { buildTestApp, json } from '../helpers/app.js';

t.test('GET /healthz is ok once migrations ran', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject({ method: 'GET', url: '/healthz' });
  t.equal(res.statusCode, 200);
  t.same(json(res), { status: 'ok' });
});

t.test('503 problem before migrations, 200 after, 503 once the store is closed', async (t) => {
  const dir = t.testdir({});
  const store = openStore(join(dir, 'lotse.db'), silentLogger, { migrate: false });
  const app = await buildApp({ config: parseConfig({ LOTSE_DATA_DIR: dir }), store });
  t.teardown(async () => {
    await app.close();
    store.close();
  });
  const before = await app.inject({ method: 'GET', url: '/healthz' });
  t.equal(before.statusCode, 503);
  t.equal(before.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(json(before), { status: 503, title: 'Dienst nicht bereit', detail: 'Die Datenbank ist noch nicht bereit.' });
  store.migrate();
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  store.close();
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 503);
});
