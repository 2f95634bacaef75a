/**
 * The real server as a child process, started exactly like `npm start`: an enquiry
 * answered 201 survives kill -9 of the whole process tree; SIGTERM stops cleanly with
 * exit code 0; a bad setting stops the start with one line and exit code 1.
 */
import t from 'tap';
import { httpSignIn, runMain, startServer } from '../helpers/server-process.js';

const ADMIN_PASSWORD = 'start-passwort-fuer-tests';

// Each start loads the knowledge base and trains the triage; four starts need time.
t.setTimeout(300_000);

t.test('an enquiry answered 201 survives kill -9 and a restart', async (t) => {
  const dataDir = t.testdir({});
  const env = { LOTSE_DATA_DIR: dataDir, LOTSE_ADMIN_PASSWORD: ADMIN_PASSWORD };

  const first = await startServer(env);
  t.teardown(() => first.crash().catch(() => {}));
  const health = await fetch(`${first.url}/healthz`);
  t.equal(health.status, 200);
  t.same(await health.json(), { status: 'ok' });
  t.notMatch(first.stdout.join(''), ADMIN_PASSWORD, 'a configured admin password is never printed');

  const cookie = await httpSignIn(first.url, 'admin', ADMIN_PASSWORD);
  const text = 'Ehrenamtliche aus Naumburg fragt nach Ausbildung mit Duldung.';
  const created = await fetch(`${first.url}/api/enquiries`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
  t.equal(created.status, 201);
  t.match(created.headers.get('x-request-id'), /^[0-9a-f-]{36}$/);
  const { id } = (await created.json()) as { id: number };

  // Every page and API of the product is served by `npm start` itself, not only in tests or the demo.
  for (const path of ['/anfrage', '/anfragen', '/wissensbasis', '/benutzer', '/protokoll', '/dashboard', '/berichte']) {
    const page = await fetch(`${first.url}${path}`, { headers: { cookie }, redirect: 'manual' });
    t.equal(page.status, 200, `GET ${path}`);
    t.match(page.headers.get('content-type'), /text\/html/, `${path} is a page`);
  }
  for (const path of ['/api/trends?bucket=week', '/api/trends/summary?window=7d', '/api/reports/enquiries.csv', '/api/kb/status', '/api/kb/usage', '/api/kb/search?q=Sprachkurs']) {
    t.equal((await fetch(`${first.url}${path}`, { headers: { cookie } })).status, 200, `GET ${path}`);
  }
  const similar = await fetch(`${first.url}/api/enquiries/similar`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
  t.equal(similar.status, 200, 'POST /api/enquiries/similar');
  const report = await fetch(`${first.url}/reports?from=2026-01-01&to=2026-06-30`, { headers: { cookie }, redirect: 'manual' });
  t.equal(report.headers.get('location'), '/berichte?from=2026-01-01&to=2026-06-30', '/reports leads to the report page');
  const icon = await fetch(`${first.url}/favicon.ico`);
  t.equal(icon.status, 200, 'the icon is served');
  t.match(icon.headers.get('content-type'), /image\/svg\+xml/);
  const signin = await fetch(`${first.url}/anmelden`);
  t.equal(signin.status, 200, 'the sign-in page');

  await first.crash();
  t.pass('killed with SIGKILL');

  const second = await startServer(env);
  t.teardown(() => second.crash().catch(() => {}));
  const cookie2 = await httpSignIn(second.url, 'admin', ADMIN_PASSWORD);
  t.equal((await fetch(`${second.url}/api/session`, { headers: { cookie } })).status, 200, 'sessions live in the database and survive too');
  const found = await fetch(`${second.url}/api/enquiries/${id}`, { headers: { cookie: cookie2 } });
  t.equal(found.status, 200);
  t.match(await found.json(), { id, text });
  await second.crash();
});

t.test('SIGTERM: close the server and the database, exit 0 (in-flight requests: see lifecycle.test.ts)', async (t) => {
  const dataDir = t.testdir({});
  const server = await startServer({ LOTSE_DATA_DIR: dataDir, LOTSE_ADMIN_PASSWORD: ADMIN_PASSWORD }, 'bin');
  t.teardown(() => server.crash().catch(() => {}));
  await httpSignIn(server.url, 'admin', ADMIN_PASSWORD);
  server.child.kill('SIGTERM');
  const { code } = await server.exited;
  t.equal(code, 0, 'exit code 0');
  const log = server.stdout.join('');
  t.match(log, /"msg":"shutting down"/);
  t.match(log, /"msg":"stopped"/, 'the database was closed');
});

t.test('first start without LOTSE_ADMIN_PASSWORD prints a generated password once', async (t) => {
  const dataDir = t.testdir({});
  const first = await startServer({ LOTSE_DATA_DIR: dataDir });
  t.teardown(() => first.crash().catch(() => {}));
  const password = /Passwort \(wird nur dieses eine Mal angezeigt\): (\S+)/.exec(first.stdout.join(''))?.[1];
  t.ok(password, 'printed to stdout');
  await httpSignIn(first.url, 'admin', password ?? '');
  await first.crash();
  const second = await startServer({ LOTSE_DATA_DIR: dataDir });
  t.teardown(() => second.crash().catch(() => {}));
  t.notMatch(second.stdout.join(''), /Passwort/, 'not printed on the next start');
  await second.crash();
});

t.test('a wrong setting stops the start: one line naming the variable, exit code 1', async (t) => {
  const run = runMain({ LOTSE_DATA_DIR: t.testdir({}), LOTSE_PORT: 'dreitausend' });
  const { code } = await run.exited;
  t.equal(code, 1);
  const stderr = run.stderr.join('').trim();
  t.equal(stderr.split('\n').length, 1, 'one line');
  t.match(stderr, /^Ungültige Konfiguration: LOTSE_PORT \(ist "dreitausend"\): erlaubt ist TCP-Port/);
  t.notMatch(stderr, /\bat .*\.ts:\d+/, 'no stack trace');
});
