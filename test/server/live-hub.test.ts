import { EventEmitter } from 'node:events';
import t from 'tap';
import { silentLogger } from '../../src/domain/logger.js';
import { LiveHub, type LiveChange, type LiveHubOptions, type LiveSocket } from '../../src/server/plugins/live-hub.js';

/** A socket stand-in: records what it is sent; `bufferedAmount` and answers are set by the test. */
class FakeSocket extends EventEmitter implements LiveSocket {
  readyState = 1;
  bufferedAmount = 0;
  sent: Record<string, unknown>[] = [];
  pings = 0;
  closed: { code?: number; reason?: string } | null = null;
  terminated = false;
  /** Answer pings with a pong, and close frames with a close. */
  responsive = true;

  send(data: Buffer, options: { binary: boolean }): void {
    if (options.binary) throw new Error('text frames expected');
    this.sent.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>);
  }
  ping(): void {
    this.pings += 1;
    if (this.responsive) queueMicrotask(() => this.emit('pong'));
  }
  close(code?: number, reason?: string): void {
    this.closed = { ...(code === undefined ? {} : { code }), ...(reason === undefined ? {} : { reason }) };
    this.readyState = 2;
    if (this.responsive) queueMicrotask(() => this.#end());
  }
  terminate(): void {
    this.terminated = true;
    this.#end();
  }
  #end(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.emit('close');
  }
}

function makeHub(options: LiveHubOptions = {}, compute: () => { n: number } = () => ({ n: 1 })) {
  let emit: ((change: LiveChange) => void) | undefined;
  let computed = 0;
  let unsubscribed = false;
  const hub = new LiveHub({
    compute: () => {
      computed += 1;
      return compute();
    },
    subscribe: (listener) => {
      emit = listener;
      return () => {
        unsubscribed = true;
      };
    },
    logger: silentLogger,
    now: () => new Date('2026-11-25T10:00:00Z'),
    options: { tickMs: 20, heartbeatMs: 1000, ...options },
  });
  const change: LiveChange = { kind: 'create', day: '2026-11-25', topics: ['sprache'], district: '15003', caller: 'ehrenamt' };
  return {
    hub,
    change: () => emit?.(change),
    computed: () => computed,
    unsubscribed: () => unsubscribed,
  };
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

t.test('snapshot on add, one update per tick for all, text frames', async (t) => {
  const { hub, change, computed } = makeHub();
  hub.start();
  t.teardown(() => hub.stop());
  const a = new FakeSocket();
  const b = new FakeSocket();
  hub.add(a);
  hub.add(b);
  t.match(a.sent[0], { type: 'snapshot', seq: 0, at: '2026-11-25T10:00:00.000Z', n: 1 });
  t.equal(computed(), 1, 'the second snapshot reuses the figures');
  for (let i = 0; i < 5; i++) change();
  await tick(60);
  t.equal(a.sent.length, 2);
  t.match(a.sent[1], { type: 'update', seq: 1, changed: 5, n: 1 });
  t.same(a.sent[1], b.sent[1]);
  t.equal(computed(), 2);
  await tick(60);
  t.equal(a.sent.length, 2, 'nothing without changes');
});

t.test('throttle with a leading edge: a lone write goes out at once, the next ones a tick later', async (t) => {
  const { hub, change } = makeHub({ tickMs: 200 });
  hub.start();
  t.teardown(() => hub.stop());
  const socket = new FakeSocket();
  hub.add(socket);
  const started = Date.now();
  change();
  await tick(30);
  t.equal(socket.sent.length, 2, `first update within ${Date.now() - started} ms`);
  change();
  change();
  await tick(100);
  t.equal(socket.sent.length, 2, 'the next writes wait for the tick');
  await tick(150);
  t.equal(socket.sent.length, 3);
  t.match(socket.sent[2], { type: 'update', changed: 2 });
  await tick(250);
  change();
  await tick(30);
  t.equal(socket.sent.length, 4, 'after a quiet tick, at once again');
});

t.test('a socket with too much unsent data is dropped; the others still get the update', async (t) => {
  const { hub, change } = makeHub({ maxBufferedBytes: 1000 });
  hub.start();
  t.teardown(() => hub.stop());
  const fast = new FakeSocket();
  const slow = new FakeSocket();
  hub.add(fast);
  hub.add(slow);
  slow.bufferedAmount = 5000;
  change();
  await tick(60);
  t.ok(slow.terminated, 'slow client terminated');
  t.equal(slow.sent.length, 1, 'it got only the snapshot');
  t.equal(fast.sent.length, 2);
  t.match(hub.stats(), { clients: 1, seq: 1, updates: 1, dropped: 1, lastUpdateMs: Number });
});

t.test('heartbeat: a socket that missed a pong is terminated', async (t) => {
  const { hub } = makeHub({ heartbeatMs: 30 });
  hub.start();
  t.teardown(() => hub.stop());
  const alive = new FakeSocket();
  const dead = new FakeSocket();
  dead.responsive = false;
  hub.add(alive);
  hub.add(dead);
  await tick(110);
  t.ok(dead.terminated);
  t.notOk(alive.terminated);
  t.ok(alive.pings >= 2);
  t.equal(hub.stats().clients, 1);
});

t.test('limits, closed sockets, errors', async (t) => {
  let fail = false;
  const { hub, change } = makeHub({ maxClients: 2 }, () => {
    if (fail) throw new Error('database gone');
    return { n: 2 };
  });
  const early = new FakeSocket();
  hub.add(early);
  t.same(early.closed, { code: 1001, reason: 'Server fährt herunter' }, 'not started yet');
  hub.start();
  hub.start();
  const a = new FakeSocket();
  const b = new FakeSocket();
  const c = new FakeSocket();
  hub.add(a);
  hub.add(b);
  hub.add(c);
  t.equal(c.closed?.code, 1013, 'too many clients');
  b.emit('close');
  t.equal(hub.stats().clients, 1, 'a closed socket leaves');
  a.emit('error', new Error('ECONNRESET'));
  t.ok(a.terminated);
  t.equal(hub.stats().clients, 0);

  const d = new FakeSocket();
  hub.add(d);
  fail = true;
  change();
  hub.flush();
  t.equal(d.sent.length, 1, 'a failed computation sends nothing');
  const e = new FakeSocket();
  await tick(1100); // the snapshot cache expires
  hub.add(e);
  t.equal(e.closed?.code, 1011, 'a failed snapshot closes with 1011');
  await hub.stop();
});

t.test('stop closes with 1001 and terminates sockets that do not answer', async (t) => {
  const { hub, unsubscribed, change } = makeHub();
  hub.start();
  const polite = new FakeSocket();
  const stuck = new FakeSocket();
  stuck.responsive = false;
  hub.add(polite);
  hub.add(stuck);
  change();
  const started = Date.now();
  await hub.stop(50);
  t.ok(Date.now() - started < 500);
  t.same(polite.closed, { code: 1001, reason: 'Server fährt herunter' });
  t.notOk(polite.terminated);
  t.ok(stuck.terminated);
  t.ok(unsubscribed());
  t.equal(hub.running, false);
  await tick(60);
  t.equal(polite.sent.length, 1, 'no update after stop');
  await hub.stop();
  t.throws(() => makeHub({ tickMs: 0 }), /tickMs/);
});
