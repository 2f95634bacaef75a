/**
 * Runs the benchmarks one after another, each as its own process, and shows their
 * output as it comes:
 *
 *   npm run bench                       every bench/*.bench.ts
 *   npm run bench -- enquiries triage   only these (file names without .bench.ts)
 *
 * Exit code 1 when a benchmark fails or a named one does not exist.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = fileURLToPath(new URL('./', import.meta.url));
const ROOT = fileURLToPath(new URL('../', import.meta.url));

const available = readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();

const wanted = process.argv.slice(2).map((a) => a.replace(/^bench\//, '').replace(/\.bench\.ts$/, ''));
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length > 0) {
  process.stderr.write(`Unbekannte Benchmarks: ${unknown.join(', ')}. Vorhanden: ${available.join(', ')}\n`);
  process.exit(1);
}
const selected = wanted.length > 0 ? wanted : available;

function run(name: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', `bench/${name}.bench.ts`], { cwd: ROOT, stdio: 'inherit' });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const failed: string[] = [];
for (const name of selected) {
  process.stdout.write(`\n=== ${name} ${'='.repeat(Math.max(0, 70 - name.length))}\n`);
  const started = Date.now();
  const code = await run(name);
  process.stdout.write(`--- ${name}: ${code === 0 ? 'fertig' : `FEHLER (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  if (code !== 0) failed.push(name);
}
if (failed.length > 0) {
  process.stderr.write(`Fehlgeschlagen: ${failed.join(', ')}\n`);
  process.exit(1);
}
