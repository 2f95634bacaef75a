/**
 * Throughput of storing an enquiry.
 *
 *   (a) baseline: a minimal Fastify route that inserts one row into a throwaway SQLite
 *       database with the same pragmas (WAL, foreign keys, busy timeout, synchronous);
 *   (b) Lotse: POST /api/enquiries signed in (session lookup, origin check, zod
 *       validation, triage, suggestions, one write transaction with topics, FTS, audit
 *       and roll-ups, zod serialisation), with 30 realistic hotline notes — once with
 *       the neutral seams, once with the real triage and knowledge base.
 *
 * Both for synchronous=FULL (Lotse's default: every commit fsyncs the WAL) and NORMAL.
 * Targets: b/a ≥ 0.5 and p99 of (b) ≤ 50 ms.
 *
 *   npx tsx bench/enquiries.bench.ts [--duration=10] [--connections=20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { silentLogger } from '../src/domain/logger.js';
import { buildApp } from '../src/server/app.js';
import { createServices } from '../src/server/compose.js';
import { parseConfig } from '../src/server/config.js';
import { openDatabase, type Synchronous } from '../src/store/database.js';
import { openStore } from '../src/store/index.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const DURATION = Number(args.duration ?? 10);
const CONNECTIONS = Number(args.connections ?? 20);

export const NOTES = [
  'Ehrenamtliche aus Naumburg fragt, ob ihr syrischer Schützling mit Duldung eine Ausbildung als Pflegehelfer anfangen darf; AB hat noch nicht geantwortet.',
  'Arbeitgeber aus Zeitz (Metallbau, 12 MA) möchte einen Geflüchteten aus Afghanistan einstellen und fragt nach der Beschäftigungserlaubnis.',
  'Frau aus Halle-Neustadt sucht einen Integrationskurs mit Kinderbetreuung, Kita-Platz fehlt seit Monaten.',
  'Berater der MBE Magdeburg fragt, wo eine Krankenschwester aus der Ukraine ihren Abschluss anerkennen lassen kann.',
  'Jobcenter Salzlandkreis hat Leistungen gekürzt, weil der Kunde den Sprachkurs abgebrochen hat; Kunde war im Krankenhaus.',
  'Integrationskoordinatorin Harz sucht Ansprechpartner für eine Fallkonferenz zu einer Familie mit unklarem Aufenthalt.',
  'Migrantenorganisation aus Dessau-Roßlau fragt nach Fördermitteln für ein Elterncafé und wie man einen Antrag stellt.',
  'Ehrenamtlicher aus Stendal berichtet, dass sein Schützling bei der Wohnungssuche wegen seines Namens abgelehnt wurde.',
  'Anruf aus Wittenberg: Berufssprachkurs B2 wird nicht bewilligt, weil der Arbeitgeber keine Bescheinigung ausstellt.',
  'Unternehmen in Bernburg möchte zwei Auszubildende aus Vietnam holen, Frage zu Visum und Vorrangprüfung.',
  'Studentin aus Indien in Magdeburg fragt, ob sie neben dem Studium mehr als 20 Stunden arbeiten darf.',
  'Beraterin aus Sangerhausen: Klientin mit Aufenthaltserlaubnis nach § 25 möchte sich selbständig machen.',
  'Kommune Burgenlandkreis fragt, welche Stelle für die Anerkennung von Lehrerabschlüssen zuständig ist.',
  'Ehrenamtliche aus Gardelegen möchte eine Schulung zu Asylrecht besuchen und fragt nach Angeboten.',
  'Jobcenter Halle fragt nach Einstiegsqualifizierung (EQ) für einen jungen Mann ohne Schulabschluss.',
  'Frau aus Eritrea in Köthen möchte Teilzeitausbildung machen, hat zwei kleine Kinder.',
  'Ausländerbehörde Börde verlangt Pass, Klient kann keinen beschaffen; Frage nach Mitwirkungspflicht.',
  'Arbeitgeber aus Halberstadt fragt, ob ein Bildungsgutschein für Staplerschein möglich ist.',
  'Migrant aus Syrien in Schönebeck hat Ablehnung der Einbürgerung bekommen, will wissen, wer berät.',
  'Träger aus Merseburg sucht Finanzierung für ein Projekt zur Arbeitsmarktintegration von Frauen.',
  'Beratung Jerichower Land: Klient wurde im Betrieb rassistisch beleidigt, was kann er tun?',
  'Ehrenamtliche aus Salzwedel fragt nach Fahrtkosten für den Integrationskurs, Jobcenter lehnt ab.',
  'Anruf aus Weißenfels: Pflegefachkraft aus den Philippinen, Defizitbescheid, wo gibt es Anpassungslehrgänge?',
  'Netzwerk Integration Saalekreis fragt nach der zuständigen Stelle für Beschäftigungsduldung.',
  'Kleiner Betrieb in Quedlinburg (Bäckerei) will Geflüchteten als Aushilfe, braucht er eine Zustimmung der BA?',
  'Klientin in Wolfen, Aufenthaltsgestattung, möchte Deutschkurs, aber kein Platz im Integrationskurs frei.',
  'Ehrenamtliche aus Aschersleben: Schützling hat Ausbildungsduldung, Betrieb insolvent, was nun?',
  'Sozialarbeiter aus Genthin fragt nach Anerkennungszuschuss für die Gebühren der Zeugnisbewertung.',
  'Frau aus Tangermünde, alleinerziehend, fragt nach Kinderzuschlag und Arbeit in Teilzeit.',
  'Migrantenselbstorganisation Halle will Mitglied im Landesnetzwerk werden, fragt nach Ansprechpartner.',
];

interface Result {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function cannon(name: string, url: string, requests: autocannon.Request[], headers: Record<string, string>): Promise<Result> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, requests });
  return {
    name,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** (a) one INSERT per request, same pragmas, no framework work beyond JSON parsing. */
async function baseline(dir: string, synchronous: Synchronous): Promise<Result> {
  const db = openDatabase(join(dir, `baseline-${synchronous}.db`), { synchronous });
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL, created_at TEXT NOT NULL)');
  const insert = db.prepare<[string, string]>('INSERT INTO notes (text, created_at) VALUES (?, ?)');
  const app = Fastify();
  app.post<{ Body: { text: string } }>('/insert', async (request, reply) => {
    const info = insert.run(request.body.text, new Date().toISOString());
    return reply.code(201).send({ id: Number(info.lastInsertRowid) });
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    return await cannon(`(a) Minimalroute, ${synchronous}`, `${url}/insert`, NOTES.map((text) => ({ method: 'POST', path: '/insert', body: JSON.stringify({ text }) })), {});
  } finally {
    await app.close();
    db.close();
  }
}

/**
 * (b) Lotse's POST /api/enquiries with a signed-in adviser — with the real triage and
 * knowledge-base suggestions as `npm start` wires them, or (`seams: false`) with the
 * neutral defaults, which isolates HTTP, validation and the write transaction.
 */
async function lotse(dir: string, synchronous: Synchronous, real: boolean): Promise<Result> {
  const dataDir = join(dir, `lotse-${synchronous}-${real ? 'real' : 'seams'}`);
  const config = parseConfig({ LOTSE_DATA_DIR: dataDir, LOTSE_DB_SYNCHRONOUS: synchronous });
  const store = openStore(join(dataDir, 'lotse.db'), undefined, { synchronous });
  await store.users.create({ username: 'bench', password: 'bench-passwort-123', role: 'adviser' });
  const services = real ? await createServices(config, store, silentLogger, { watchKb: false }) : undefined;
  const app = await buildApp({ config, store, ...(services ? { triage: services.triage, suggester: services.suggester, routes: services.routes } : {}) });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const signIn = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: 'bench-passwort-123' }) });
    const cookie = signIn.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const callers = ['ehrenamt', 'beratung', 'behoerde', 'unternehmen', 'migrant'];
    const requests = NOTES.map((text, i) => ({ method: 'POST' as const, path: '/api/enquiries', body: JSON.stringify({ text, caller: callers[i % callers.length] }) }));
    const label = real ? 'mit Triage und Vorschlägen' : 'ohne Triage/KB';
    return await cannon(`(b) Lotse POST /api/enquiries ${label}, ${synchronous}`, `${url}/api/enquiries`, requests, { cookie });
  } finally {
    await app.close();
    await services?.close();
    store.close();
  }
}

function table(rows: Result[]): string {
  const head = ['Messung', 'Anfragen', 'req/s', 'p50 ms', 'p99 ms', 'Fehler', 'nicht 2xx'];
  const body = rows.map((r) => [r.name, String(r.requests), r.rps.toFixed(0), String(r.p50), String(r.p99), String(r.errors), String(r.non2xx)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lotse-bench-'));
  try {
    process.stdout.write(`Anfragen speichern: ${CONNECTIONS} Verbindungen, je ${DURATION} s, ${NOTES.length} Notizen im Wechsel\n\n`);
    const rows: Result[] = [];
    const ratios: string[] = [];
    for (const synchronous of ['FULL', 'NORMAL'] as const) {
      const a = await baseline(dir, synchronous);
      const plain = await lotse(dir, synchronous, false);
      const b = await lotse(dir, synchronous, true);
      rows.push(a, plain, b);
      for (const [which, r] of [['ohne Triage/KB', plain], ['mit Triage und Vorschlägen', b]] as const) {
        const ratio = r.rps / a.rps;
        ratios.push(
          `${synchronous}, ${which}: b/a = ${ratio.toFixed(2)} (Ziel ≥ 0,5: ${ratio >= 0.5 ? 'erreicht' : 'VERFEHLT'}), ` +
            `p99 = ${r.p99} ms (Ziel ≤ 50 ms: ${r.p99 <= 50 ? 'erreicht' : 'VERFEHLT'})`,
        );
      }
    }
    process.stdout.write(`${table(rows)}\n\n${ratios.join('\n')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Runs only as a script, so that other benchmarks may import NOTES.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
