import t from 'tap';
import { buildTestApp } from '../helpers/app.js';

t.test('closing the app finishes in-flight requests and refuses new ones', async (t) => {
  let entered!: () => void;
  const handlerEntered = new Promise<void>((resolve) => (entered = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const { app } = await buildTestApp(t, {
    routes: [
      async (instance) => {
        instance.get('/api/slow', { config: { public: true } }, async () => {
          entered();
          await released;
          return { done: true };
        });
      },
    ],
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const inFlight = fetch(`http://127.0.0.1:${port}/api/slow`);
  await handlerEntered;
  let closed = false;
  const closing = app.close().then(() => (closed = true));
  await new Promise((r) => setTimeout(r, 50));
  t.equal(closed, false, 'close waits for the request in flight');
  const refused = await fetch(`http://127.0.0.1:${port}/healthz`).then(
    (r) => r.status,
    () => 'refused',
  );
  t.ok(refused === 'refused' || refused === 503, `new requests are refused (${refused})`);
  release();
  const res = await inFlight;
  t.equal(res.status, 200);
  t.same(await res.json(), { done: true });
  await closing;
  t.equal(closed, true);
});
