/**
 * Soak test (`npm run soak`, 10 minutes; `npm run soak -- --minutes 2` to shorten):
 * starts the real server as a child process on loopback (like `npm start`, plus
 * `--expose-gc` and a small memory probe), then drives mixed load from this process
 * with bounded request loops — each virtual user sends its next request when the last
 * one has been answered:
 *
 *   advisers  triage a note, search the knowledge base, store the enquiry, sometimes
 *             correct it, list and read enquiries
 *   leads     keep live dashboards open on /ws/trends (reconnecting now and then) and
 *             poll trends and the summary — or, while those routes are not served,
 *             the enquiry list
 *   editor    reads the KB status and reloads the knowledge base every 10 s
 *   admin     reads the audit trail now and then
 *
 * Prints throughput, the error count (must be 0), p50/p99/max latency per request kind
 * and the server's RSS and heap (after a forced GC) after warm-up and at the end
 * (growth must stay under 20 %). Exit code 1 when either check fails.
 *
 * Options: --minutes N (default 10), --advisers N (6), --leads N (3), --seed N.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const THIS_FILE = fileURLToPath(import.meta.url);

interface MemorySample {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

// ── Probe: runs inside the server process (imported with --import when LOTSE_SOAK_PROBE=1) ──
function installProbe(): void {
  process.on('message', (message: unknown) => {
    if ((message as { type?: string } | null)?.type !== 'memory') return;
    (globalThis as { gc?: () => void }).gc?.();
    const u = process.memoryUsage();
    process.send?.({ type: 'memory', rss: u.rss, heapUsed: u.heapUsed, heapTotal: u.heapTotal, external: u.external });
  });
  // The IPC channel must not keep the server alive.
  (process.channel as { unref?: () => void } | undefined)?.unref?.();
}

// ── Load driver ───────────────────────────────────────────────────────────────────────
const ADMIN_PASSWORD = 'soak-admin-passwort-2026';
const USER_PASSWORD = 'soak-benutzer-passwort';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

class Stats {
  readonly latencies = new Map<string, number[]>();
  readonly errors = new Map<string, number>();
  readonly examples: string[] = [];
  requests = 0;

  record(kind: string, ms: number): void {
    this.requests += 1;
    let list = this.latencies.get(kind);
    if (!list) this.latencies.set(kind, (list = []));
    list.push(ms);
  }

  error(kind: string, detail: string): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
    if (this.examples.length < 10) this.examples.push(`${kind}: ${detail}`);
  }

  get errorCount(): number {
    let n = 0;
    for (const v of this.errors.values()) n += v;
    return n;
  }
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

interface Server {
  child: ChildProcess;
  url: string;
  memory(): Promise<MemorySample>;
  stop(): Promise<number | null>;
}

async function startServer(dataDir: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', '--import', pathToFileURL(THIS_FILE).href, 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOTSE_PORT: String(port),
      LOTSE_HOST: '127.0.0.1',
      LOTSE_DATA_DIR: dataDir,
      LOTSE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOTSE_SOAK_PROBE: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const stderr: string[] = [];
  child.stdout?.resume(); // the request log: drained, not kept
  child.stderr?.setEncoding('utf8').on('data', (s: string) => stderr.push(s));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start:\n${stderr.join('')}`);
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start within 120 s:\n${stderr.join('')}`);
    await sleep(250);
  }
  return {
    child,
    url,
    memory: () =>
      new Promise<MemorySample>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('memory probe did not answer')), 10_000);
        const onMessage = (message: unknown) => {
          const m = message as MemorySample & { type?: string };
          if (m.type !== 'memory') return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(m);
        };
        child.on('message', onMessage);
        child.send({ type: 'memory' });
      }),
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

interface Client {
  cookie: string;
  request(kind: string, method: string, path: string, body?: unknown, expect?: number[]): Promise<{ status: number; json: unknown } | null>;
}

function client(base: string, stats: Stats, cookie = ''): Client {
  const self: Client = {
    cookie,
    async request(kind, method, path, body, expect = [200, 201, 204]) {
      const started = performance.now();
      try {
        const res = await fetch(`${base}${path}`, {
          method,
          headers: { ...(self.cookie ? { cookie: self.cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        const text = await res.text();
        stats.record(kind, performance.now() - started);
        if (!expect.includes(res.status)) {
          stats.error(kind, `${method} ${path.slice(0, 60)} → ${res.status} ${text.slice(0, 160)}`);
          return null;
        }
        const cookieHeader = res.headers.getSetCookie().find((c) => c.startsWith('lotse_session='));
        if (cookieHeader) self.cookie = cookieHeader.split(';')[0] ?? '';
        return { status: res.status, json: text && res.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as unknown) : text };
      } catch (error) {
        stats.error(kind, `${method} ${path.slice(0, 60)}: ${String(error)}`);
        return null;
      }
    },
  };
  return self;
}

async function signedIn(base: string, stats: Stats, username: string, password: string): Promise<Client> {
  const c = client(base, stats);
  const res = await c.request('sign-in', 'POST', '/api/session', { username, password }, [200]);
  if (!res) throw new Error(`could not sign in as ${username}`);
  return c;
}

/** A small deterministic random generator, so runs can be compared. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function corpusNotes(): Promise<string[]> {
  const { readFile } = await import('node:fs/promises');
  return (await readFile(join(ROOT, 'corpus/notes.jsonl'), 'utf8'))
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { text: string }).text);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      advisers: { type: 'string', default: '6' },
      leads: { type: 'string', default: '3' },
      seed: { type: 'string', default: '2026' },
    },
  });
  const minutes = Number(values.minutes);
  const advisers = Number(values.advisers);
  const leads = Number(values.leads);
  if (!(minutes > 0) || !Number.isInteger(advisers) || !Number.isInteger(leads) || advisers < 1 || leads < 0) {
    process.stderr.write('Aufruf: npm run soak -- [--minutes N] [--advisers N] [--leads N] [--seed N]\n');
    process.exit(2);
  }
  const random = seeded(Number(values.seed));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const notes = await corpusNotes();

  const dataDir = mkdtempSync(join(tmpdir(), 'lotse-soak-'));
  console.log(`Dauertest: ${minutes} min, ${advisers} Beratende, ${leads} Leitungen, 1 Redaktion, 1 Admin; Daten in ${dataDir}`);
  const server = await startServer(dataDir);
  const stats = new Stats();
  let exitCode = 0;
  try {
    const admin = await signedIn(server.url, stats, 'admin', ADMIN_PASSWORD);
    const make = async (username: string, role: string) => {
      await admin.request('setup', 'POST', '/api/users', { username, password: USER_PASSWORD, role }, [201]);
      return signedIn(server.url, stats, username, USER_PASSWORD);
    };
    const adviserClients = await Promise.all(Array.from({ length: advisers }, (_, i) => make(`beratung${i + 1}`, 'adviser')));
    const leadClients = await Promise.all(Array.from({ length: leads }, (_, i) => make(`leitung${i + 1}`, 'lead')));
    const editor = await make('redaktion', 'editor');

    // Which routes does this server have? (Second-wave routes may not be wired in yet.)
    const served = async (c: Client, path: string, method = 'GET') => {
      const res = await fetch(`${server.url}${path}`, { method, headers: { cookie: c.cookie } });
      await res.arrayBuffer();
      return res.status !== 404;
    };
    const lead0 = leadClients[0] ?? admin;
    const has = {
      triage: (await fetch(`${server.url}/api/triage`, { method: 'POST', headers: { cookie: adviserClients[0]?.cookie ?? '', 'content-type': 'application/json' }, body: '{}' })).status !== 404,
      kbSearch: await served(adviserClients[0] ?? admin, '/api/kb/search?q=Sprachkurs'),
      kbStatus: await served(editor, '/api/kb/status'),
      trends: await served(lead0, '/api/trends?bucket=day'),
      summary: await served(lead0, '/api/trends/summary'),
      ws: await new Promise<boolean>((resolve) => {
        // A plain GET of a WebSocket route is a 404; only a handshake tells.
        const probe = new WebSocket(`${server.url.replace('http', 'ws')}/ws/trends`, [], { headers: { cookie: lead0.cookie } });
        probe.once('open', () => {
          probe.close();
          resolve(true);
        });
        probe.on('unexpected-response', () => resolve(false));
        probe.once('error', () => resolve(false));
      }),
    };
    console.log(`Vorhandene Routen: ${Object.entries(has).map(([k, v]) => `${k} ${v ? 'ja' : 'nein'}`).join(', ')}`);

    const durationMs = minutes * 60_000;
    const warmupMs = Math.min(30_000, durationMs / 5);
    const started = Date.now();
    const endAt = started + durationMs;
    const running = () => Date.now() < endAt;
    let wsMessages = 0;
    let wsConnections = 0;

    const adviserLoop = async (c: Client) => {
      const mine: number[] = [];
      while (running()) {
        const note = `${pick(notes)} (Soak ${Math.floor(random() * 1e9)})`;
        if (has.triage) await c.request('POST /api/triage', 'POST', '/api/triage', { text: note });
        if (has.kbSearch) await c.request('GET /api/kb/search', 'GET', `/api/kb/search?q=${encodeURIComponent(note.slice(0, 120))}&limit=5`);
        const created = await c.request('POST /api/enquiries', 'POST', '/api/enquiries', { text: note, channel: pick(['telefon', 'email', 'vor-ort']), caller: pick(['ehrenamt', 'beratung', 'migrant', 'unternehmen']) }, [201]);
        const id = (created?.json as { id?: number } | undefined)?.id;
        if (typeof id === 'number') mine.push(id);
        if (random() < 0.3 && mine.length > 0) {
          await c.request('PATCH /api/enquiries/:id', 'PATCH', `/api/enquiries/${pick(mine)}`, { outcome: pick(['beantwortet', 'weiterverwiesen', 'rueckruf']), topics: [pick(['sprache', 'aufenthalt', 'anerkennung', 'ausbildung'])] });
        }
        if (random() < 0.5) await c.request('GET /api/enquiries', 'GET', `/api/enquiries?limit=20${random() < 0.3 ? '&q=Sprachkurs' : ''}`);
        if (mine.length > 0) await c.request('GET /api/enquiries/:id', 'GET', `/api/enquiries/${pick(mine)}`);
      }
    };

    const openSocket = (c: Client) =>
      new Promise<WebSocket | null>((resolve) => {
        const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ws/trends`, [], { headers: { cookie: c.cookie } });
        ws.on('message', () => (wsMessages += 1));
        ws.once('open', () => {
          wsConnections += 1;
          resolve(ws);
        });
        ws.once('error', (error) => {
          stats.error('WS /ws/trends', String(error));
          resolve(null);
        });
      });

    const leadLoop = async (c: Client, index: number) => {
      let socket = has.ws ? await openSocket(c) : null;
      let reconnectAt = Date.now() + 20_000 + index * 5_000;
      while (running()) {
        if (has.trends) await c.request('GET /api/trends', 'GET', `/api/trends?bucket=${pick(['day', 'week'])}&by=${pick(['topic', 'district', 'caller'])}`);
        else await c.request('GET /api/enquiries (lead)', 'GET', '/api/enquiries?limit=50', undefined, [200, 403]);
        if (has.summary) await c.request('GET /api/trends/summary', 'GET', '/api/trends/summary');
        if (has.ws && Date.now() > reconnectAt) {
          socket?.close(1000);
          socket = await openSocket(c);
          reconnectAt = Date.now() + 20_000;
        }
        await sleep(200);
      }
      socket?.close(1000);
    };

    const editorLoop = async () => {
      let reloadAt = Date.now() + 10_000;
      while (running()) {
        if (has.kbStatus) await editor.request('GET /api/kb/status', 'GET', '/api/kb/status');
        if (Date.now() > reloadAt) {
          await editor.request('POST /api/kb/reload', 'POST', '/api/kb/reload', undefined, [200]);
          reloadAt = Date.now() + 10_000;
        }
        await sleep(500);
      }
    };

    const adminLoop = async () => {
      while (running()) {
        await admin.request('GET /api/audit', 'GET', '/api/audit?limit=50');
        await sleep(2000);
      }
    };

    // Memory: after warm-up and at the end, plus a sample every 15 s for the trend.
    const samples: { at: number; m: MemorySample }[] = [];
    const boot = await server.memory();
    let warm: MemorySample | undefined;
    const sampler = (async () => {
      await sleep(warmupMs);
      warm = await server.memory();
      samples.push({ at: Date.now() - started, m: warm });
      while (running()) {
        await sleep(Math.min(15_000, Math.max(0, endAt - Date.now())));
        if (running()) samples.push({ at: Date.now() - started, m: await server.memory() });
      }
    })();
    const progress = setInterval(() => {
      const s = (Date.now() - started) / 1000;
      console.log(`  … ${s.toFixed(0)} s: ${stats.requests} Anfragen (${(stats.requests / s).toFixed(0)}/s), Fehler ${stats.errorCount}`);
    }, 60_000);

    await Promise.all([...adviserClients.map((c) => adviserLoop(c)), ...leadClients.map((c, i) => leadLoop(c, i)), editorLoop(), adminLoop(), sampler]);
    clearInterval(progress);
    const elapsed = (Date.now() - started) / 1000;
    // Let the last writes and socket closes settle, then measure.
    await sleep(1000);
    const end = await server.memory();
    const base = warm ?? boot;

    console.log(`\nErgebnis nach ${elapsed.toFixed(0)} s`);
    const measured = [...stats.latencies.entries()].filter(([k]) => k !== 'setup' && k !== 'sign-in');
    const total = measured.reduce((n, [, v]) => n + v.length, 0);
    console.log(`  Durchsatz: ${total} Anfragen, ${(total / elapsed).toFixed(1)} pro Sekunde`);
    console.log(`  Fehler: ${stats.errorCount}${stats.examples.length ? `\n    ${stats.examples.join('\n    ')}` : ''}`);
    if (has.ws) console.log(`  WebSocket: ${wsConnections} Verbindungen, ${wsMessages} Nachrichten empfangen`);
    console.log(`  ${'Art'.padEnd(30)} ${'Anzahl'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}`);
    for (const [kind, list] of measured.sort((a, b) => b[1].length - a[1].length)) {
      const sorted = [...list].sort((a, b) => a - b);
      console.log(
        `  ${kind.padEnd(30)} ${String(sorted.length).padStart(7)} ${quantile(sorted, 0.5).toFixed(1).padStart(8)} ${quantile(sorted, 0.99).toFixed(1).padStart(8)} ${(sorted.at(-1) ?? 0).toFixed(1).padStart(8)}`,
      );
    }
    const growth = (a: number, b: number) => (b - a) / a;
    const rssGrowth = growth(base.rss, end.rss);
    const heapGrowth = growth(base.heapUsed, end.heapUsed);
    console.log(`  Speicher des Servers (nach GC):`);
    console.log(`    nach dem Start:     RSS ${mb(boot.rss)}, Heap ${mb(boot.heapUsed)} von ${mb(boot.heapTotal)}`);
    console.log(`    nach dem Aufwärmen: RSS ${mb(base.rss)}, Heap ${mb(base.heapUsed)} von ${mb(base.heapTotal)}`);
    console.log(`    am Ende:            RSS ${mb(end.rss)}, Heap ${mb(end.heapUsed)} von ${mb(end.heapTotal)}`);
    console.log(`    Wachstum seit dem Aufwärmen: RSS ${(rssGrowth * 100).toFixed(1)} %, Heap ${(heapGrowth * 100).toFixed(1)} %`);
    if (samples.length > 1) console.log(`    Verlauf Heap: ${samples.map((s) => `${(s.at / 1000).toFixed(0)} s ${mb(s.m.heapUsed)}`).join(', ')}`);

    const ok = stats.errorCount === 0 && rssGrowth < 0.2 && heapGrowth < 0.2;
    console.log(ok ? '\nBestanden: keine Fehler, Speicherwachstum unter 20 %.' : '\nNICHT bestanden (Fehler > 0 oder Speicherwachstum ≥ 20 %).');
    exitCode = ok ? 0 : 1;
  } finally {
    const code = await server.stop();
    if (code !== 0) {
      console.log(`Server endete mit Code ${code} statt 0.`);
      exitCode = 1;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

if (process.env.LOTSE_SOAK_PROBE === '1') installProbe();
else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
