import type { AddressInfo } from 'node:net';
import t from 'tap';
import WebSocket from 'ws';
import type { LiveHub } from '../../src/server/plugins/live-hub.js';
import type { LiveFigures } from '../../src/server/routes/ws/trends.js';
import { signIn } from '../helpers/app.js';
import { buildTrendsApp, draft } from '../trends/helpers.js';

interface LiveMessage {
  type: 'snapshot' | 'update';
  seq: number;
  at: string;
  changed?: number;
  changes?: { kind: string; day: string; topics: string[]; district: string | null; caller: string | null }[];
  today: { day: string; total: number; topics: Record<string, number>; districts: Record<string, number> };
  summary: { window: string; topics: { key: string; count: number }[] };
}

const NOTE = 'Frau [Name] aus Naumburg fragt nach der Beschäftigungserlaubnis mit Duldung.';

/** Collects the messages of a socket; `next()` waits for the next one. */
function inbox(ws: WebSocket) {
  const messages: LiveMessage[] = [];
  const waiting: ((m: LiveMessage) => void)[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as LiveMessage;
    const resolve = waiting.shift();
    if (resolve) resolve(message);
    else messages.push(message);
  });
  return {
    messages,
    next(timeoutMs = 2000): Promise<LiveMessage> {
      const queued = messages.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no message within ${timeoutMs} ms`)), timeoutMs);
        waiting.push((m) => {
          clearTimeout(timer);
          resolve(m);
        });
      });
    },
  };
}

async function setup(t: Parameters<typeof buildTrendsApp>[0], options: Parameters<typeof buildTrendsApp>[1] = {}) {
  let hub: LiveHub<LiveFigures> | undefined;
  const ctx = await buildTrendsApp(t, { ...options, onHub: (h) => (hub = h) });
  await ctx.app.ready();
  const lead = await signIn(ctx.app, 'lead');
  const adviser = await signIn(ctx.app, 'adviser');
  const post = (payload: object) => ctx.app.inject({ method: 'POST', url: '/api/enquiries', headers: { cookie: adviser }, payload });
  const patch = (id: number, payload: object) => ctx.app.inject({ method: 'PATCH', url: `/api/enquiries/${id}`, headers: { cookie: adviser }, payload });
  /** Opens an injected socket with an inbox attached before the snapshot arrives. */
  const open = async (cookie: string, headers: Record<string, string> = {}) => {
    let box: ReturnType<typeof inbox> | undefined;
    const ws = await ctx.app.injectWS('/ws/trends', { headers: { cookie, ...headers } }, { onInit: (w) => (box = inbox(w as unknown as WebSocket)) });
    t.teardown(() => ws.terminate());
    return { ws, box: box! };
  };
  return { ...ctx, lead, adviser, post, patch, open, hub: () => hub! };
}

t.test('a lead gets a snapshot, then an update within a second of a stored enquiry', async (t) => {
  const { open, lead, post, patch, store, hub } = await setup(t);
  store.enquiries.create(draft({ at: '2026-11-25T07:00:00Z', topics: ['sprache'], district: '15003' }));
  hub().flush();
  const { box } = await open(lead);
  const snapshot = await box.next();
  t.equal(snapshot.type, 'snapshot');
  t.equal(snapshot.seq, 1, 'one update so far');
  t.equal(snapshot.today.day, '2026-11-25');
  t.equal(snapshot.today.total, 1);
  t.equal(snapshot.today.topics.sprache, 1);
  t.equal(snapshot.today.districts['15003'], 1);
  t.equal(snapshot.summary.window, '7d');
  t.equal(snapshot.summary.topics.length, 13);

  const started = Date.now();
  const res = await post({ text: NOTE, topics: ['aufenthalt'], district: '15084', caller: 'ehrenamt' });
  t.equal(res.statusCode, 201);
  const update = await box.next(1000);
  const latency = Date.now() - started;
  t.ok(latency < 1000, `update after ${latency} ms`);
  t.equal(update.type, 'update');
  t.equal(update.seq, 2);
  t.equal(update.changed, 1);
  t.same(update.changes, [{ kind: 'create', day: '2026-11-25', topics: ['aufenthalt'], district: '15084', caller: 'ehrenamt' }]);
  t.equal(update.today.total, 2);
  t.equal(update.today.topics.aufenthalt, 1);
  t.equal(update.today.districts['15084'], 1);
  t.equal(update.summary.topics.find((x) => x.key === 'aufenthalt')?.count, 1);
  const raw = JSON.stringify(update);
  t.notMatch(raw, /Naumburg|Duldung|Beschäftigungserlaubnis|\[Name\]/, 'tags and counts only, never text');

  // A correction is an update too.
  const id = (JSON.parse(res.body) as { id: number }).id;
  const patched = await patch(id, { topics: ['aufenthalt', 'arbeitgeber'] });
  t.equal(patched.statusCode, 200);
  const corrected = await box.next(1000);
  t.equal(corrected.seq, 3);
  t.equal(corrected.changes?.[0]?.kind, 'update');
  t.equal(corrected.today.topics.arbeitgeber, 1);
});

t.test('writes within one tick are coalesced into one update for everybody', async (t) => {
  const { open, lead, store, hub } = await setup(t);
  const a = await open(lead);
  const b = await open(lead);
  await a.box.next();
  await b.box.next();
  const computeBefore = hub().stats().updates;
  for (let i = 0; i < 30; i++) store.enquiries.create(draft({ at: '2026-11-25T08:00:00Z', topics: ['netzwerk'] }));
  const [ua, ub] = await Promise.all([a.box.next(1000), b.box.next(1000)]);
  t.equal(ua.changed, 30);
  t.equal(ua.changes?.length, 30);
  t.same(ua, ub, 'both clients get the same update');
  t.equal(hub().stats().updates - computeBefore, 1, 'computed once');
  await new Promise((r) => setTimeout(r, 400));
  t.equal(a.box.messages.length, 0, 'no further messages');
});

t.test('admins may connect; anonymous callers and advisers are refused before the upgrade', async (t) => {
  const { app, open, adviser } = await setup(t);
  const admin = await signIn(app, 'admin');
  const { box } = await open(admin);
  t.equal((await box.next()).type, 'snapshot');
  await t.rejects(app.injectWS('/ws/trends'), /Unexpected server response: 401/);
  await t.rejects(app.injectWS('/ws/trends', { headers: { cookie: adviser } }), /Unexpected server response: 403/);
  await t.rejects(app.injectWS('/ws/trends', { headers: { cookie: 'lotse_session=erfunden' } }), /401/);
  const rule = app.accessRules.find((r) => r.url === '/ws/trends' && r.method === 'GET');
  t.same(rule?.access, ['lead']);
});

t.test('a foreign Origin is refused; the own origin is fine', async (t) => {
  const { app, open, lead } = await setup(t);
  await t.rejects(
    app.injectWS('/ws/trends', { headers: { cookie: lead, host: 'lotse.example', origin: 'https://evil.example' } }),
    /Unexpected server response: 403/,
  );
  await t.rejects(app.injectWS('/ws/trends', { headers: { cookie: lead, host: 'lotse.example', origin: 'null' } }), /403/);
  const { box } = await open(lead, { host: 'lotse.example', origin: 'http://lotse.example' });
  t.equal((await box.next()).type, 'snapshot');
});

t.test('over real sockets: a client that never reads does not delay the others and is dropped', async (t) => {
  let hub: LiveHub<LiveFigures> | undefined;
  const { app, store } = await buildTrendsApp(t, { live: { heartbeatMs: 300, tickMs: 100 }, onHub: (h) => (hub = h) });
  const lead = await signIn(app, 'lead');
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const url = `ws://127.0.0.1:${port}/ws/trends`;
  const connect = async (headers: Record<string, string> = {}) => {
    const ws = new WebSocket(url, undefined, { headers: { cookie: lead, ...headers } });
    const box = inbox(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    t.teardown(() => ws.terminate());
    return { ws, box };
  };
  const readers = [await connect(), await connect()];
  const slow = await connect();
  for (const r of readers) t.equal((await r.box.next()).type, 'snapshot');
  // The slow client stops reading from its TCP socket: nothing it is sent gets processed.
  slow.ws._socket.pause();
  t.equal(hub!.stats().clients, 3);

  const latencies: number[] = [];
  for (let round = 0; round < 6; round++) {
    const started = Date.now();
    store.enquiries.create(draft({ at: '2026-11-25T08:00:00Z', topics: ['sprache'] }));
    const updates = await Promise.all(readers.map((r) => r.box.next(1000)));
    latencies.push(Date.now() - started);
    t.ok(updates.every((u) => u.type === 'update' && u.today.total === round + 1));
    await new Promise((r) => setTimeout(r, 150));
  }
  t.ok(Math.max(...latencies) < 1000, `readers got every update in time (max ${Math.max(...latencies)} ms)`);
  t.equal(hub!.stats().clients, 2, 'the client that answered no ping was dropped');
  t.ok(hub!.stats().dropped >= 1);

  // Refused over a real handshake: wrong origin and no session.
  const refused = await new Promise<number>((resolve) => {
    const ws = new WebSocket(url, undefined, { headers: { cookie: lead, origin: 'http://evil.example' } });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => {});
  });
  t.equal(refused, 403);
  const anonymous = await new Promise<number>((resolve) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => {});
  });
  t.equal(anonymous, 401);
});

t.test('closing the app closes the sockets (1001) and stops the hub', async (t) => {
  const { app, open, lead, hub } = await setup(t);
  const { ws, box } = await open(lead);
  await box.next();
  const closed = new Promise<number>((resolve) => ws.on('close', (code: number) => resolve(code)));
  await app.close();
  t.equal(await closed, 1001);
  t.equal(hub().running, false);
  t.equal(hub().stats().clients, 0);
});
