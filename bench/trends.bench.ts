/**
 * Trends at scale: 1,000,000 enquiries over three years.
 *
 *   1. Filling. A sample of enquiries is written in one big transaction with the
 *      roll-up triggers on (and once more with the triggers dropped): that is the cost
 *      of roll-up maintenance on write throughput, and tells how long a million would
 *      take that way. The million itself is then generated inside SQLite with the
 *      triggers dropped, the roll-up tables, daily and weekly, are rebuilt by GROUP BY
 *      (the same rows the triggers would have written; checked against a recount) and
 *      the triggers are put back. The real write path (`store.enquiries.create`, one
 *      transaction per enquiry, synchronous=FULL) is measured with and without the
 *      triggers too.
 *   2. Queries through the API (app.inject, signed in as lead): p50/p99 of a 12-month
 *      weekly series (target p99 ≤ 10 ms), filtered variants, and the 7-day summary
 *      (target p99 ≤ 20 ms). "kalt" = every request misses the service's cache (the
 *      requested period moves by a day each time); "warm" = the same request again, as
 *      when many dashboards refetch after an update. Besides wall time, the CPU time per
 *      request is shown: on a busy machine (see the load average printed) wall-clock
 *      percentiles mostly measure waiting for a CPU.
 *   3. Live: 500 WebSocket dashboards on loopback (in a worker thread, so the clients do
 *      not share the server's event loop) — latency from the write to each client's
 *      update (target p99 ≤ 200 ms).
 *
 *   npx tsx bench/trends.bench.ts [--enquiries=1000000] [--clients=500] [--writes=20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { silentLogger } from '../src/domain/logger.js';
import { buildApp } from '../src/server/app.js';
import { storeOptions } from '../src/server/bootstrap.js';
import { parseConfig } from '../src/server/config.js';
import type { LiveHub } from '../src/server/plugins/live-hub.js';
import { createTrendsService, trendsRoutes } from '../src/server/routes/api/trends.js';
import { liveRoutes, type LiveFigures } from '../src/server/routes/ws/trends.js';
import { openDatabase, type Db } from '../src/store/database.js';
import { openStore, type NewEnquiry, type Store } from '../src/store/index.js';
import { ROLLUP_TABLES, weeklyTable } from '../src/store/rollups.js';
import { addDays, localDayOf, startOfLocalDay } from '../src/trends/index.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const ENQUIRIES = Number(args.enquiries ?? 1_000_000);
const CLIENTS = Number(args.clients ?? 500);
const WRITES = Number(args.writes ?? 20);
const SAMPLE = 10_000;
const PASSWORD = 'bench-passwort-lang-genug';

const rows: [string, string, string][] = [];
function row(what: string, value: string, target = ''): void {
  rows.push([what, value, target]);
  process.stdout.write(`  ${what}: ${value}${target ? `  (${target})` : ''}\n`);
}
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const rate = (n: number, millis: number) => `${Math.round(n / (millis / 1000)).toLocaleString('de-DE')}/s`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const dir = mkdtempSync(join(tmpdir(), 'lotse-trends-bench-'));
const path = join(dir, 'lotse.db');
const now = new Date();
const today = localDayOf(now);
const firstDay = addDays(today, -(3 * 365) + 1);
const startMs = startOfLocalDay(firstDay);
const spanMs = now.getTime() - startMs;

// ── 1. Filling ───────────────────────────────────────────────────────────────────────────
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
process.stdout.write(`Trends-Benchmark: ${ENQUIRIES.toLocaleString('de-DE')} Anfragen ${firstDay} … ${today}, ${CLIENTS} Dashboards\n`);
row('Last (loadavg 1/5/15 min) zu Beginn', load());
openStore(path, silentLogger).close(); // schema and triggers
const db: Db = openDatabase(path, { synchronous: 'NORMAL' });
db.pragma('cache_size = -262144'); // 256 MB for the bulk work
db.pragma('temp_store = MEMORY');

const DISTRICTS = ['15001', '15002', '15003', '15081', '15082', '15083', '15084', '15085', '15086', '15087', '15088', '15089', '15090', '15091'];
const CALLERS = ['ehrenamt', 'beratung', 'behoerde', 'kommune', 'unternehmen', 'migrant', 'migrantenorganisation', 'sonstige'];
const TOPICS = ['aufenthalt', 'arbeitsverwaltung', 'sprache', 'anerkennung', 'ausbildung', 'arbeitgeber', 'ehrenamt', 'migrantenorganisationen', 'frauen-familie', 'netzwerk', 'foerderung', 'diskriminierung', 'sonstiges'];

const insertEnquiry = db.prepare<[{ caller: string; district: string | null; referredTo: string | null; at: string }]>(
  `INSERT INTO enquiries (text, redactions, channel, caller, district_code, district_source, outcome, referred_to, suggestions, created_at, updated_at)
   VALUES (NULL, '[]', 'telefon', @caller, @district, CASE WHEN @district IS NULL THEN NULL ELSE 'auto' END, 'beantwortet', @referredTo, '[]', @at, @at)`,
);
const insertTopic = db.prepare<[number | bigint, string, number]>(`INSERT INTO enquiry_topics (enquiry_id, topic, score, source, rank) VALUES (?, ?, 0.9, 'auto', ?)`);

/** Writes `n` enquiries in one transaction through prepared statements (as a bulk import would). */
function sampleInsert(n: number, offset: number): number {
  const started = performance.now();
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const at = new Date(startMs + ((offset + i) * 7919 % ENQUIRIES) * (spanMs / ENQUIRIES)).toISOString();
      const k = offset + i;
      const r = insertEnquiry.run({ caller: CALLERS[k % 8]!, district: k % 9 === 0 ? null : DISTRICTS[k % 14]!, referredTo: k % 6 === 0 ? 'Jobcenter' : null, at });
      insertTopic.run(r.lastInsertRowid, TOPICS[k % 13]!, 0);
      if (k % 4 === 0) insertTopic.run(r.lastInsertRowid, TOPICS[(k + 5) % 13]!, 1);
    }
  })();
  return performance.now() - started;
}

const triggerSql = (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rollup_%'").all() as { name: string; sql: string }[]);
const dropTriggers = () => {
  for (const t of triggerSql) db.exec(`DROP TRIGGER ${t.name}`);
};
const restoreTriggers = () => {
  for (const t of triggerSql) db.exec(t.sql);
};

process.stdout.write('\n1. Schreiben und Roll-ups\n');
const withTriggers = sampleInsert(SAMPLE, 0);
row(`Massen-Insert mit Roll-up-Triggern (${SAMPLE.toLocaleString('de-DE')} in einer Transaktion)`, rate(SAMPLE, withTriggers));
dropTriggers();
const withoutTriggers = sampleInsert(SAMPLE, SAMPLE);
row('Massen-Insert ohne Roll-up-Trigger (gleicher Lauf)', rate(SAMPLE, withoutTriggers));
row('Kosten der Roll-up-Pflege je Anfrage', `${(((withTriggers - withoutTriggers) / SAMPLE) * 1000).toFixed(0)} µs`);
row(`${ENQUIRIES.toLocaleString('de-DE')} mit Triggern auf diesem Weg (hochgerechnet)`, `${((withTriggers / SAMPLE) * ENQUIRIES / 1000).toFixed(0)} s`);

// The million: generated inside SQLite, triggers off (they are dropped right now) and the
// secondary indexes dropped too (built again afterwards, which is faster than keeping them).
const indexSql = db
  .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('enquiries', 'enquiry_topics') OR (type = 'index' AND sql IS NOT NULL AND tbl_name LIKE 'rollup_%')")
  .all() as { name: string; sql: string }[];
let started = performance.now();
for (const index of indexSql) db.exec(`DROP INDEX ${index.name}`);
db.exec('DELETE FROM enquiry_topics; DELETE FROM enquiries;');
for (const [table] of ROLLUP_TABLES) db.exec(`DELETE FROM ${table}; DELETE FROM ${weeklyTable(table)}`);
db.exec('DELETE FROM rollup_day_referral');
db.exec(`CREATE TEMP TABLE districts (i INTEGER PRIMARY KEY, code TEXT)`);
db.exec(`CREATE TEMP TABLE callers (i INTEGER PRIMARY KEY, code TEXT)`);
db.exec(`CREATE TEMP TABLE topics (i INTEGER PRIMARY KEY, code TEXT)`);
DISTRICTS.forEach((c, i) => db.prepare('INSERT INTO temp.districts VALUES (?, ?)').run(i, c));
CALLERS.forEach((c, i) => db.prepare('INSERT INTO temp.callers VALUES (?, ?)').run(i, c));
TOPICS.forEach((c, i) => db.prepare('INSERT INTO temp.topics VALUES (?, ?)').run(i, c));
db.transaction(() => {
  db.prepare(
    `WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < @n),
     gen AS (SELECT i, strftime('%Y-%m-%dT%H:%M:%fZ', (@start + i * @step) / 1000.0, 'unixepoch') AS at,
                    (i * 7919 + i / 97) % 16 AS d, (i * 104729 + i / 31) % 9 AS c, (i * 31 + i / 7) % 7 AS r FROM seq)
     INSERT INTO enquiries (text, redactions, channel, caller, district_code, district_source, outcome, referred_to, suggestions, created_at, updated_at, text_purged_at)
     SELECT NULL, '[]', 'telefon', (SELECT code FROM temp.callers WHERE callers.i = gen.c),
            (SELECT code FROM temp.districts WHERE districts.i = gen.d),
            CASE WHEN gen.d < 14 THEN 'auto' END,
            CASE WHEN gen.r = 0 THEN 'weiterverwiesen' ELSE 'beantwortet' END,
            CASE WHEN gen.r = 0 THEN 'Stelle ' || (gen.i % 40) END, '[]', at, at, NULL
     FROM gen`,
  ).run({ n: ENQUIRIES, start: startMs, step: spanMs / ENQUIRIES });
  db.exec(`INSERT INTO enquiry_topics (enquiry_id, topic, score, source, rank)
           SELECT id, (SELECT code FROM temp.topics WHERE topics.i = (id * 7 + id / 13) % 13), 0.9, 'auto', 0 FROM enquiries`);
  db.exec(`INSERT INTO enquiry_topics (enquiry_id, topic, score, source, rank)
           SELECT id, (SELECT code FROM temp.topics WHERE topics.i = (id * 7 + id / 13 + 1 + id % 5) % 13), 0.7, 'auto', 1 FROM enquiries WHERE id % 10 < 3`);
})();
const generated = performance.now() - started;
row(`${ENQUIRIES.toLocaleString('de-DE')} Anfragen per SQL erzeugt (Trigger aus)`, `${(generated / 1000).toFixed(1)} s`);

// Rebuild the roll-ups as the triggers would have written them. The day of each enquiry is
// computed once, with the store's berlin_day() memoised per UTC hour (exact: Berlin's
// offset changes only at whole UTC hours) — the unmemoised function costs ~20 µs a call.
const dayOfHour = new Map<string, string>();
db.function('berlin_day', { deterministic: true }, (instant: unknown) => {
  const text = String(instant);
  const key = text.slice(0, 13);
  let day = dayOfHour.get(key);
  if (day === undefined) dayOfHour.set(key, (day = localDayOf(text)));
  return day;
});
started = performance.now();
db.transaction(() => {
  db.exec(`CREATE TEMP TABLE eday AS SELECT id, berlin_day(created_at) AS day, coalesce(district_code, '') AS district,
             coalesce(caller, '') AS caller, referred_to FROM enquiries`);
  db.exec(`INSERT INTO rollup_day SELECT day, count(*) FROM eday GROUP BY day`);
  db.exec(`INSERT INTO rollup_day_district SELECT day, district, count(*) FROM eday GROUP BY day, district`);
  db.exec(`INSERT INTO rollup_day_caller SELECT day, caller, count(*) FROM eday GROUP BY day, caller`);
  db.exec(`INSERT INTO rollup_day_district_caller SELECT day, district, caller, count(*) FROM eday GROUP BY day, district, caller`);
  db.exec(`INSERT INTO rollup_day_referral SELECT day, referred_to, count(*) FROM eday WHERE coalesce(referred_to, '') <> '' GROUP BY day, referred_to`);
  db.exec(`CREATE TEMP TABLE tday AS SELECT berlin_day(e.created_at) AS day, t.topic, coalesce(e.district_code, '') AS district,
             coalesce(e.caller, '') AS caller FROM enquiry_topics t JOIN enquiries e ON e.id = t.enquiry_id`);
  db.exec(`INSERT INTO rollup_day_topic SELECT day, topic, count(*) FROM tday GROUP BY day, topic`);
  db.exec(`INSERT INTO rollup_day_topic_district SELECT day, topic, district, count(*) FROM tday GROUP BY day, topic, district`);
  db.exec(`INSERT INTO rollup_day_topic_district_caller SELECT day, topic, district, caller, count(*) FROM tday GROUP BY day, topic, district, caller`);
  // The weekly tables, by the Monday of each day's ISO week, also straight from the enquiries.
  for (const [table, keys] of ROLLUP_TABLES) {
    const source = keys.includes('topic') ? 'tday' : 'eday';
    const columns = ["date(day, '-6 days', 'weekday 1') AS week", ...keys].join(', ');
    db.exec(`INSERT INTO ${weeklyTable(table)} SELECT ${columns}, count(*) FROM ${source} GROUP BY ${['week', ...keys].join(', ')}`);
  }
})();
for (const index of indexSql) db.exec(index.sql);
restoreTriggers();
db.exec('DROP TABLE temp.eday; DROP TABLE temp.tday; ANALYZE;');
row('Roll-ups per GROUP BY neu aufgebaut, Indizes und Trigger wieder an', `${((performance.now() - started) / 1000).toFixed(1)} s`);
const counted = db.prepare('SELECT (SELECT count(*) FROM enquiries) AS enquiries, (SELECT count(*) FROM enquiry_topics) AS mentions').get() as Record<string, number>;
// Every table sums to the enquiries (or topic mentions), and every weekly table equals its
// daily table summed by week, row by row.
for (const [table, keys] of ROLLUP_TABLES) {
  const expected = keys.includes('topic') ? counted.mentions : counted.enquiries;
  for (const t of [table, weeklyTable(table)]) {
    const sum = db.prepare(`SELECT sum(count) FROM ${t}`).pluck().get() as number;
    if (sum !== expected) throw new Error(`roll-ups do not match: ${t} sums to ${sum}, want ${expected}`);
  }
  const columns = ['week', ...keys].join(', ');
  const byWeek = `SELECT ${["date(day, '-6 days', 'weekday 1') AS week", ...keys].join(', ')}, sum(count) AS count FROM ${table} GROUP BY ${columns}`;
  const stored = `SELECT ${columns}, count FROM ${weeklyTable(table)}`;
  const differing = db.prepare(`SELECT count(*) FROM (${byWeek} EXCEPT ${stored}) UNION ALL SELECT count(*) FROM (${stored} EXCEPT ${byWeek})`).pluck().all() as number[];
  if (differing.some((n) => n !== 0)) throw new Error(`roll-ups do not match: ${weeklyTable(table)} differs from ${table} summed by week`);
}
row('Roll-ups = Nachzählung (Tage und Wochen)', `${counted.enquiries!.toLocaleString('de-DE')} Anfragen, ${counted.mentions!.toLocaleString('de-DE')} Themennennungen`);
db.close();

// ── 2. Queries ───────────────────────────────────────────────────────────────────────────
process.stdout.write('\n2. Abfragen\n');
const config = parseConfig({ LOTSE_DATA_DIR: dir, LOTSE_LOG_LEVEL: 'silent' }, dir);
const store: Store = openStore(path, silentLogger, { ...storeOptions(config), scrypt: { N: 1024, r: 8, p: 1 } });
let hub: LiveHub<LiveFigures> | undefined;
const app: FastifyInstance = await buildApp({
  config,
  store,
  routes: [trendsRoutes({ store }), liveRoutes({ store, onHub: (h) => (hub = h) })],
});
await store.users.create({ username: 'leitung', password: PASSWORD, role: 'lead' });
const signin = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'leitung', password: PASSWORD } });
const cookie = `lotse_session=${signin.cookies.find((c) => c.name === 'lotse_session')?.value}`;

async function measure(name: string, target: number | null, iterations: number, run: (i: number) => Promise<unknown> | unknown): Promise<void> {
  for (let i = 0; i < 30; i++) await run(iterations + i);
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await run(i);
    times.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  const p99 = percentile(times, 99);
  const cpuMs = (cpu.user + cpu.system) / 1000 / iterations;
  row(
    name,
    `p50 ${ms(percentile(times, 50))}, p99 ${ms(p99)}, CPU ${ms(cpuMs)}`,
    target === null ? '' : `Ziel p99 ≤ ${target} ms: ${p99 <= target ? 'erreicht' : cpuMs <= target ? 'verfehlt (Wartezeit; CPU-Zeit im Ziel)' : 'VERFEHLT'}`,
  );
}

const inject = (url: string) => async () => {
  const res = await app.inject({ method: 'GET', url, headers: { cookie } });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res;
};
/** A 12-month range ending `i` days before today: a new cache key for every i (the cache holds 64). */
const twelveMonths = (i: number) => {
  const to = addDays(today, -(i % 500));
  return `from=${addDays(to, -364)}&to=${to}`;
};
const cold = (query: (i: number) => string) => (i: number) => inject(`/api/trends?${query(i)}`)();
await measure('GET /api/trends – 12 Monate, Wochen, je Thema (kalt)', 10, 500, cold((i) => `${twelveMonths(i)}&bucket=week&by=topic`));
await measure('GET /api/trends – dasselbe wiederholt (warm)', 10, 500, inject(`/api/trends?${twelveMonths(0)}&bucket=week&by=topic`));
await measure('GET /api/trends – 12 Monate, Wochen, je Landkreis (kalt)', null, 100, cold((i) => `${twelveMonths(i)}&bucket=week&by=district`));
await measure('GET /api/trends – je Thema, Landkreis 15003 (kalt)', null, 100, cold((i) => `${twelveMonths(i)}&bucket=week&by=topic&district=15003`));
await measure('GET /api/trends – je Anrufende, Thema aufenthalt (kalt)', null, 100, cold((i) => `${twelveMonths(i)}&bucket=week&by=caller&topic=aufenthalt`));
await measure('GET /api/trends – 3 Jahre, Tage, je Thema (kalt)', null, 30, cold((i) => `from=${addDays(firstDay, i % 500)}&to=${today}&bucket=day&by=topic`));
const uncached = createTrendsService({ store, cacheEntries: 0 });
await measure('GET /api/trends/summary?window=7d (warm)', 20, 500, inject('/api/trends/summary?window=7d'));
await measure('GET /api/trends/summary: 7-Tage-Übersicht, Dienst ohne Cache (kalt)', 20, 500, () => uncached.summary('7d'));
await measure('30-Tage-Übersicht, Dienst ohne Cache (kalt)', null, 100, () => uncached.summary('30d'));
await measure('Reihe 12 Monate/Wochen/Thema, Dienst ohne Cache (kalt)', null, 100, () =>
  uncached.series({ from: addDays(today, -364), to: today, bucket: 'week', by: 'topic', filter: {} }),
);

// Real write path, one transaction per enquiry (synchronous=FULL, Lotse's default).
function draft(i: number): NewEnquiry {
  return {
    text: `Ehrenamtliche aus Naumburg fragt nach dem Berufssprachkurs (Benchmark ${i}).`,
    redactions: [],
    channel: 'telefon',
    caller: 'ehrenamt',
    district: { code: '15084', source: 'auto' },
    topics: [{ id: 'sprache', score: 0.9, source: 'auto' }],
    outcome: 'beantwortet',
    referredTo: null,
    articleUsed: null,
    callbackDate: null,
    suggestions: [],
    triageVersion: null,
    authorId: null,
  };
}
/** Wall time and CPU time (µs per enquiry) of `n` creates. */
const writes = (n: number) => {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) store.enquiries.create(draft(i));
  const cpu = process.cpuUsage(cpu0);
  return { wall: performance.now() - t0, cpuUs: (cpu.user + cpu.system) / n };
};
process.stdout.write('\n   Schreibpfad store.enquiries.create (eine Transaktion je Anfrage, synchronous=FULL)\n');
writes(50);
const realWith = writes(500);
row('create() mit Roll-up-Triggern', `${rate(500, realWith.wall)}, CPU ${realWith.cpuUs.toFixed(0)} µs je Anfrage`);

// ── 3. Live ──────────────────────────────────────────────────────────────────────────────
process.stdout.write(`\n3. Live: ${CLIENTS} Dashboards\n`);
await app.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.address() as AddressInfo;
const wsPath = createRequire(import.meta.url).resolve('ws');
const worker = new Worker(
  `
  const { parentPort, workerData } = require('node:worker_threads');
  const { performance } = require('node:perf_hooks');
  const WebSocket = require(workerData.wsPath);
  const arrivals = [];
  const sockets = [];
  let snapshots = 0;
  async function open(i) {
    await new Promise((resolve, reject) => {
      const ws = new WebSocket(workerData.url, { headers: { cookie: workerData.cookie } });
      ws.on('message', (data) => {
        const at = performance.timeOrigin + performance.now();
        // 500 dashboards share this one thread here (in reality each is a browser):
        // read type and seq from the head of the message instead of parsing it all.
        const head = /^\\{"type":"(\\w+)","seq":(\\d+)/.exec(data.toString("latin1", 0, 48));
        if (!head) return;
        if (head[1] === 'snapshot') { snapshots++; resolve(); }
        else arrivals.push([i, Number(head[2]), at]);
      });
      ws.on('error', reject);
      sockets.push(ws);
    });
  }
  parentPort.on('message', async (msg) => {
    if (msg === 'connect') {
      for (let i = 0; i < workerData.clients; i += 25) {
        await Promise.all(Array.from({ length: Math.min(25, workerData.clients - i) }, (_, k) => open(i + k)));
      }
      parentPort.postMessage({ connected: snapshots });
    } else if (msg === 'report') {
      parentPort.postMessage({ arrivals });
      for (const ws of sockets) ws.terminate();
    }
  });
  `,
  { eval: true, workerData: { wsPath, url: `ws://127.0.0.1:${port}/ws/trends`, cookie, clients: CLIENTS } },
);
const ask = <T>(message: string) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker: no answer to ${message} within 120 s`)), 120_000);
    worker.once('message', (value: T) => {
      clearTimeout(timer);
      resolve(value);
    });
    worker.once('error', reject);
    worker.postMessage(message);
  });
started = performance.now();
const { connected } = await ask<{ connected: number }>('connect');
row(`${connected} Verbindungen aufgebaut (Snapshot erhalten)`, `${((performance.now() - started) / 1000).toFixed(1)} s`);
const writtenAt = new Map<number, number>();
const serverSide: number[] = [];
for (let k = 0; k < WRITES; k++) {
  await new Promise((r) => setTimeout(r, 300)); // more than a tick apart: every write gets its own update
  if (k > 0) serverSide.push(hub!.stats().lastUpdateMs);
  const seq = hub!.stats().seq + 1;
  writtenAt.set(seq, performance.timeOrigin + performance.now());
  store.enquiries.create(draft(k));
}
await new Promise((r) => setTimeout(r, 300));
serverSide.push(hub!.stats().lastUpdateMs);
await new Promise((r) => setTimeout(r, 1000));
const { arrivals } = await ask<{ arrivals: [number, number, number][] }>('report');
const latencies = arrivals.filter(([, seq]) => writtenAt.has(seq)).map(([, seq, at]) => at - writtenAt.get(seq)!);
const expected = connected * WRITES;
const p99 = percentile(latencies, 99);
row(
  `Update nach dem Schreiben, ${latencies.length.toLocaleString('de-DE')} von ${expected.toLocaleString('de-DE')} Zustellungen`,
  `p50 ${ms(percentile(latencies, 50))}, p99 ${ms(p99)}, max ${ms(Math.max(...latencies))}`,
  `Ziel p99 ≤ 200 ms: ${p99 <= 200 && latencies.length === expected ? 'erreicht' : 'VERFEHLT'}`,
);
row('davon im Server: Update berechnen und an alle Sockets geben', `p50 ${ms(percentile(serverSide, 50))}, max ${ms(Math.max(...serverSide))}`);
await worker.terminate();
await app.close();

// The real write path once more, with the roll-up triggers dropped.
const raw = openDatabase(path, { synchronous: 'FULL' });
for (const t of triggerSql) raw.exec(`DROP TRIGGER ${t.name}`);
raw.close();
const realWithout = writes(500);
row(
  'create() ohne Roll-up-Trigger (gleicher Lauf)',
  `${rate(500, realWithout.wall)}, CPU ${realWithout.cpuUs.toFixed(0)} µs je Anfrage`,
  `Roll-ups kosten ${(realWith.cpuUs - realWithout.cpuUs).toFixed(0)} µs CPU je Anfrage; die Rate bestimmt das fsync`,
);
store.close();
rmSync(dir, { recursive: true, force: true });

row('Last (loadavg 1/5/15 min) am Ende', load());

// ── Summary table ────────────────────────────────────────────────────────────────────────
const width = Math.max(...rows.map((r) => r[0].length));
const valueWidth = Math.max(...rows.map((r) => r[1].length));
process.stdout.write(`\n${'Messung'.padEnd(width)} │ ${'Wert'.padEnd(valueWidth)} │ Ziel\n${'─'.repeat(width)}─┼─${'─'.repeat(valueWidth)}─┼─${'─'.repeat(30)}\n`);
for (const [what, value, target] of rows) process.stdout.write(`${what.padEnd(width)} │ ${value.padEnd(valueWidth)} │ ${target}\n`);
