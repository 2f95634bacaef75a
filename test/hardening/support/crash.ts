/**
 * Crash rounds against the real server, shared by `npm run test:crash` (scripts/
 * crash-test.ts, 20 rounds) and test/hardening/crash.test.ts (3 rounds):
 *
 *   start `npx tsx src/server/main.ts` on a free port and a data folder → sign in →
 *   post enquiries from parallel loops → SIGKILL the whole process group at a random
 *   moment → start again on the same folder → every enquiry answered 201 is there
 *   (same id, same text), nothing is stored twice, the database passes
 *   `integrity_check` and every roll-up equals a GROUP BY recount.
 *
 * The restarted server carries the next round's load, so n rounds start the server
 * n + 1 times.
 */
import { httpSignIn, startServer, type ServerProcess } from '../../helpers/server-process.js';
import { duplicateTexts, enquiryTexts, integrity, openReadOnly, rollupMismatches } from './db-check.js';
import { enquiryDraft, seededRandom } from './notes.js';

export const ADMIN_PASSWORD = 'absturz-test-passwort-2026';
const ADVISER = { username: 'beraterin', password: 'beraterin-passwort-2026' };

export interface CrashOptions {
  /** The data folder (an empty one for a fresh database). */
  dataDir: string;
  rounds: number;
  /** Parallel posting loops. Default 8. */
  writers?: number;
  /** The kill comes at a random moment this long after the load started (ms). Default 300–2500. */
  killAfterMs?: [number, number];
  /** Seed of the random choices (notes, kill moments). Default: random. */
  seed?: number;
  /** One line per round and the summary. */
  log?: (line: string) => void;
}

export interface RoundResult {
  round: number;
  killAfterMs: number;
  /** Enquiries answered 201 in this round. */
  acknowledged: number;
  /** Enquiries stored although their answer never arrived (in flight at the kill). */
  committedUnanswered: number;
  /** Everything that went wrong; empty when the round survived. */
  problems: string[];
}

export interface CrashReport {
  seed: number;
  rounds: RoundResult[];
  survived: number;
  totalAcknowledged: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Acknowledged {
  id: number;
  text: string;
}

/** Posts enquiries in `writers` loops until `stopped()`; collects every 201. */
async function load(
  server: ServerProcess,
  cookie: string,
  writers: number,
  random: () => number,
  round: number,
  stopped: () => boolean,
): Promise<{ acknowledged: Acknowledged[]; problems: string[] }> {
  const acknowledged: Acknowledged[] = [];
  const problems: string[] = [];
  const loop = async (writer: number) => {
    for (let n = 0; !stopped(); n++) {
      const draft = enquiryDraft(random, `r${round}w${writer}n${n}`);
      try {
        const res = await fetch(`${server.url}/api/enquiries`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify(draft),
        });
        const body = (await res.json()) as { id?: number; text?: string; status?: number; detail?: string };
        if (res.status === 201 && typeof body.id === 'number' && typeof body.text === 'string') {
          acknowledged.push({ id: body.id, text: body.text });
        } else if (!stopped()) {
          problems.push(`POST /api/enquiries answered ${res.status}: ${body.detail ?? JSON.stringify(body).slice(0, 200)}`);
        }
      } catch (error) {
        // After the kill, connections break: expected. Before it, a broken request is a finding.
        if (!stopped()) problems.push(`POST /api/enquiries failed before the kill: ${String(error)}`);
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, (_, w) => loop(w)));
  return { acknowledged, problems };
}

/** Runs the rounds; never throws for a failed round (see `problems`), only when the server cannot start. */
export async function runCrashRounds(options: CrashOptions): Promise<CrashReport> {
  const writers = options.writers ?? 8;
  const [minKill, maxKill] = options.killAfterMs ?? [300, 2500];
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const random = seededRandom(seed);
  const log = options.log ?? (() => {});
  // Log level info (the default of the helper): it waits for the `listening at` line.
  const env = { LOTSE_DATA_DIR: options.dataDir, LOTSE_ADMIN_PASSWORD: ADMIN_PASSWORD };
  const results: RoundResult[] = [];
  const dbPath = `${options.dataDir}/lotse.db`;

  let server = await startServer(env);
  try {
    const admin = await httpSignIn(server.url, 'admin', ADMIN_PASSWORD);
    const created = await fetch(`${server.url}/api/users`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ ...ADVISER, role: 'adviser' }),
    });
    if (created.status !== 201 && created.status !== 409) throw new Error(`could not create the adviser: ${created.status}`);

    let storedBefore = 0;
    {
      const db = openReadOnly(dbPath);
      storedBefore = enquiryTexts(db).size;
      db.close();
    }

    for (let round = 1; round <= options.rounds; round++) {
      const problems: string[] = [];
      const cookie = await httpSignIn(server.url, ADVISER.username, ADVISER.password);
      const killAfterMs = Math.round(minKill + random() * (maxKill - minKill));
      let killed = false;
      const running = load(server, cookie, writers, random, round, () => killed);
      await sleep(killAfterMs);
      killed = true;
      await server.crash();
      const { acknowledged, problems: loadProblems } = await running;
      problems.push(...loadProblems);

      // Restart on the same folder.
      server = await startServer(env);

      const db = openReadOnly(dbPath);
      let committedUnanswered = 0;
      try {
        const check = integrity(db);
        if (check.join() !== 'ok') problems.push(`integrity_check: ${check.slice(0, 5).join('; ')}`);
        const stored = enquiryTexts(db);
        for (const { id, text } of acknowledged) {
          if (!stored.has(id)) problems.push(`enquiry ${id} was answered 201 but is missing`);
          else if (stored.get(id) !== text) problems.push(`enquiry ${id} has another text than the 201 answer`);
        }
        for (const { text, count } of duplicateTexts(db)) problems.push(`stored ${count} times: ${text.slice(-40)}`);
        committedUnanswered = stored.size - storedBefore - acknowledged.length;
        if (committedUnanswered < 0 || committedUnanswered > writers) {
          problems.push(`${stored.size - storedBefore} new enquiries for ${acknowledged.length} answered 201 with ${writers} in flight`);
        }
        storedBefore = stored.size;
        problems.push(...rollupMismatches(db).slice(0, 10));
      } finally {
        db.close();
      }

      // The restarted server serves what it stored (a few samples through the API).
      const reader = await httpSignIn(server.url, ADVISER.username, ADVISER.password);
      for (const { id, text } of acknowledged.filter((_, i) => i % Math.max(1, Math.floor(acknowledged.length / 5)) === 0).slice(0, 5)) {
        const res = await fetch(`${server.url}/api/enquiries/${id}`, { headers: { cookie: reader } });
        const body = (await res.json()) as { text?: string };
        if (res.status !== 200 || body.text !== text) problems.push(`GET /api/enquiries/${id} after the restart: ${res.status}`);
      }

      const result: RoundResult = { round, killAfterMs, acknowledged: acknowledged.length, committedUnanswered, problems };
      results.push(result);
      log(
        `Runde ${round}: Kill nach ${killAfterMs} ms, ${acknowledged.length} mit 201 bestätigt, ` +
          `${committedUnanswered} ohne Antwort gespeichert — ${problems.length === 0 ? 'ok' : `FEHLER:\n  ${problems.join('\n  ')}`}`,
      );
    }
  } finally {
    await server.crash();
  }

  const survived = results.filter((r) => r.problems.length === 0).length;
  const totalAcknowledged = results.reduce((sum, r) => sum + r.acknowledged, 0);
  log(`Überstanden: ${survived} von ${options.rounds} Runden (${totalAcknowledged} bestätigte Anfragen, Seed ${seed}).`);
  return { seed, rounds: results, survived, totalAcknowledged };
}
