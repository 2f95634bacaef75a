/**
 * Crash safety (`npm run test:crash`): starts the real server like `npm start`, posts
 * enquiries from 8 parallel loops, kills the server with SIGKILL at a random moment,
 * restarts it on the same data folder and checks that every enquiry answered 201 is
 * there, nothing is stored twice and the roll-ups equal a recount — 20 rounds.
 *
 *   npm run test:crash                      20 rounds in a fresh temporary folder
 *   npm run test:crash -- --rounds 5 --seed 42 --writers 4
 *
 * Exit code 0 when every round survived, 1 otherwise. The rounds themselves live in
 * test/hardening/support/crash.ts, which the 3-round test in `npm test` shares.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCrashRounds } from '../test/hardening/support/crash.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    writers: { type: 'string', default: '8' },
    seed: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const writers = Number(values.writers);
if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(writers) || writers < 1) {
  process.stderr.write('Aufruf: npm run test:crash -- [--rounds N] [--writers N] [--seed N] [--keep]\n');
  process.exit(2);
}

const dataDir = mkdtempSync(join(tmpdir(), 'lotse-crash-'));
const started = Date.now();
console.log(`Absturztest: ${rounds} Runden, ${writers} parallele Schreiber, Daten in ${dataDir}`);
try {
  const report = await runCrashRounds({
    dataDir,
    rounds,
    writers,
    ...(values.seed !== undefined ? { seed: Number(values.seed) } : {}),
    log: (line) => console.log(line),
  });
  console.log(`Dauer: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exitCode = report.survived === rounds ? 0 : 1;
} finally {
  if (values.keep || process.exitCode === 1) console.log(`Datenordner bleibt erhalten: ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
}
