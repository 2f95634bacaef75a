/**
 * The live hub behind `/ws/trends`: one set of dashboard sockets, fed from the store's
 * committed-change events.
 *
 * - On connect a client gets a `snapshot` (today's counts by topic and district, the
 *   7-day summary, the current sequence number).
 * - Committed enquiry writes only mark the hub dirty. The hub computes one `update` for
 *   all clients, serialises it once and sends the same bytes to every socket: right
 *   after the write when the last update is at least a tick (250 ms) old, otherwise a
 *   tick after the last one (a throttle with a leading edge). So a lone write reaches the
 *   dashboards within milliseconds, a burst of writes costs one computation per tick,
 *   and no client gets more than 1000 / tickMs messages a second.
 * - Heartbeat: every `heartbeatMs` each socket is pinged; one that did not answer the
 *   previous ping is terminated.
 * - Back-pressure: a socket whose unsent data exceeds `maxBufferedBytes` is terminated
 *   instead of buffering more; sending never waits for a client, so a slow client
 *   cannot delay the others.
 *
 * Messages carry tags and counts only, never enquiry text. The hub knows nothing about
 * Fastify or the store: it gets a `compute` function for the figures and a `subscribe`
 * function for change events (see routes/ws/trends.ts), so it runs the same in a test.
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from '../../domain/logger.js';

/** The part of a `ws` WebSocket the hub uses. */
export interface LiveSocket {
  readonly readyState: number;
  /** Bytes queued but not yet handed to the network. */
  readonly bufferedAmount: number;
  send(data: Buffer, options: { binary: boolean }, callback?: (error?: Error) => void): void;
  ping(): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  on(event: 'pong' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** What a committed write contributes to an update: its tags and day, never its text. */
export interface LiveChange {
  kind: 'create' | 'update';
  /** Local day of the enquiry (YYYY-MM-DD). */
  day: string;
  topics: string[];
  district: string | null;
  caller: string | null;
}

export interface LiveHubOptions {
  /** Updates are computed at most once per tick (the first after a quiet tick at once). Default 250 ms. */
  tickMs?: number;
  /** Interval of pings; a socket that missed one pong is dropped. Default 25 s. */
  heartbeatMs?: number;
  /** A socket with more unsent bytes than this is dropped. Default 256 KiB. */
  maxBufferedBytes?: number;
  /** Further connections are refused (close code 1013). Default 1000. */
  maxClients?: number;
  /** At most this many changes are listed in one update (the count is always exact). Default 50. */
  maxChangesPerUpdate?: number;
}

export interface LiveHubDeps<F extends object> {
  /** Computes the current figures (today's counts, the summary), once per snapshot or tick. */
  compute: () => F;
  /** Subscribes to committed changes; returns the unsubscribe function. */
  subscribe: (listener: (change: LiveChange) => void) => () => void;
  logger: Logger;
  /** Clock for the `at` field of messages; default: the system clock. */
  now?: () => Date;
  options?: LiveHubOptions;
}

const OPEN = 1;
const DEFAULTS: Required<LiveHubOptions> = {
  tickMs: 250,
  heartbeatMs: 25_000,
  maxBufferedBytes: 256 * 1024,
  maxClients: 1000,
  maxChangesPerUpdate: 50,
};

interface Client {
  socket: LiveSocket;
  alive: boolean;
}

export interface LiveHubStats {
  clients: number;
  seq: number;
  /** Updates computed so far (one per tick with changes). */
  updates: number;
  /** Clients dropped for back-pressure or a missed heartbeat. */
  dropped: number;
  /** How long the last update took to compute and hand to every socket, in ms. */
  lastUpdateMs: number;
}

export class LiveHub<F extends object> {
  readonly #deps: LiveHubDeps<F>;
  readonly #options: Required<LiveHubOptions>;
  readonly #clients = new Set<Client>();
  #seq = 0;
  #updates = 0;
  #dropped = 0;
  #lastUpdateMs = 0;
  #pending: LiveChange[] = [];
  #pendingCount = 0;
  /** When the last update was computed (ms since the epoch). */
  #lastFlush = 0;
  #tick: NodeJS.Timeout | null = null;
  #heartbeat: NodeJS.Timeout | null = null;
  #unsubscribe: (() => void) | null = null;
  #running = false;
  /** The figures last computed, reused for snapshots while nothing changed (at most for a second). */
  #cache: { seq: number; at: number; figures: F } | null = null;

  constructor(deps: LiveHubDeps<F>) {
    this.#deps = deps;
    this.#options = { ...DEFAULTS, ...deps.options };
    if (!(this.#options.tickMs > 0) || !(this.#options.heartbeatMs > 0)) {
      throw new Error('live-hub: tickMs and heartbeatMs must be positive');
    }
  }

  get running(): boolean {
    return this.#running;
  }

  stats(): LiveHubStats {
    return { clients: this.#clients.size, seq: this.#seq, updates: this.#updates, dropped: this.#dropped, lastUpdateMs: this.#lastUpdateMs };
  }

  /** Starts listening to changes and the heartbeat. Idempotent. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#unsubscribe = this.#deps.subscribe((change) => this.#onChange(change));
    this.#heartbeat = setInterval(() => this.#beat(), this.#options.heartbeatMs);
    this.#heartbeat.unref();
  }

  /**
   * Stops the timers and the subscription and closes every socket (1001, going away);
   * sockets that have not closed after `graceMs` are terminated. Resolves once all are gone.
   */
  async stop(graceMs = 500): Promise<void> {
    this.#running = false;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (this.#tick) clearTimeout(this.#tick);
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#tick = null;
    this.#heartbeat = null;
    this.#pending = [];
    this.#pendingCount = 0;
    const sockets = [...this.#clients].map((c) => c.socket);
    this.#clients.clear();
    if (sockets.length === 0) return;
    await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState > OPEN) return resolve();
            const timer = setTimeout(() => {
              socket.terminate();
              resolve();
            }, graceMs);
            socket.on('close', () => {
              clearTimeout(timer);
              resolve();
            });
            socket.close(1001, 'Server fährt herunter');
          }),
      ),
    );
  }

  /** Takes over a freshly opened socket and sends it the snapshot. */
  add(socket: LiveSocket): void {
    if (!this.#running) {
      socket.close(1001, 'Server fährt herunter');
      return;
    }
    if (this.#clients.size >= this.#options.maxClients) {
      socket.close(1013, 'Zu viele Verbindungen');
      return;
    }
    const client: Client = { socket, alive: true };
    this.#clients.add(client);
    socket.on('pong', () => {
      client.alive = true;
    });
    socket.on('close', () => {
      this.#clients.delete(client);
    });
    socket.on('error', (error) => {
      this.#deps.logger.debug({ err: error }, 'live socket error');
      this.#drop(client, 'error');
    });
    let figures: F;
    try {
      figures = this.#figures();
    } catch (error) {
      this.#deps.logger.error({ err: error }, 'live snapshot failed');
      this.#clients.delete(client);
      socket.close(1011, 'Interner Fehler');
      return;
    }
    this.#send(client, this.#encode({ type: 'snapshot', seq: this.#seq, at: this.#now(), ...figures }));
  }

  /** Computes and sends the pending update now (the tick calls this). */
  flush(): void {
    if (this.#tick) clearTimeout(this.#tick);
    this.#tick = null;
    if (this.#pendingCount === 0) return;
    const changes = this.#pending;
    const changed = this.#pendingCount;
    this.#pending = [];
    this.#pendingCount = 0;
    this.#lastFlush = Date.now();
    const started = performance.now();
    let figures: F;
    try {
      figures = this.#deps.compute();
    } catch (error) {
      this.#deps.logger.error({ err: error }, 'live update failed');
      return;
    }
    this.#seq += 1;
    this.#cache = { seq: this.#seq, at: Date.now(), figures };
    this.#updates += 1;
    if (this.#clients.size > 0) {
      const data = this.#encode({ type: 'update', seq: this.#seq, at: this.#now(), changed, changes, ...figures });
      for (const client of this.#clients) this.#send(client, data);
    }
    this.#lastUpdateMs = performance.now() - started;
  }

  #figures(): F {
    const cache = this.#cache;
    if (cache && cache.seq === this.#seq && this.#pendingCount === 0 && Date.now() - cache.at < 1000) return cache.figures;
    const figures = this.#deps.compute();
    this.#cache = { seq: this.#seq, at: Date.now(), figures };
    return figures;
  }

  #onChange(change: LiveChange): void {
    if (!this.#running) return;
    this.#pendingCount += 1;
    if (this.#pending.length < this.#options.maxChangesPerUpdate) this.#pending.push(change);
    if (!this.#tick) {
      // Writes of the same moment (one transaction's listeners, a loop) still share one update.
      const wait = Math.max(0, this.#lastFlush + this.#options.tickMs - Date.now());
      this.#tick = setTimeout(() => this.flush(), wait);
      this.#tick.unref();
    }
  }

  #send(client: Client, data: Buffer): void {
    const socket = client.socket;
    if (socket.readyState !== OPEN) return;
    if (socket.bufferedAmount > this.#options.maxBufferedBytes) {
      this.#drop(client, 'slow');
      return;
    }
    socket.send(data, { binary: false });
  }

  #beat(): void {
    for (const client of this.#clients) {
      if (!client.alive) {
        this.#drop(client, 'heartbeat');
        continue;
      }
      client.alive = false;
      try {
        client.socket.ping();
      } catch {
        this.#drop(client, 'error');
      }
    }
  }

  #drop(client: Client, reason: 'slow' | 'heartbeat' | 'error'): void {
    if (!this.#clients.delete(client)) return;
    this.#dropped += 1;
    this.#deps.logger.info({ reason, clients: this.#clients.size }, 'live client dropped');
    client.socket.terminate();
  }

  #encode(message: Record<string, unknown>): Buffer {
    return Buffer.from(JSON.stringify(message));
  }

  #now(): string {
    return (this.#deps.now?.() ?? new Date()).toISOString();
  }
}
