/**
 * Retention run from the shell (`npm run retention`): deletes the free text of
 * enquiries older than LOTSE_RETENTION_DAYS now, in small batches, while the server may
 * keep running (SQLite's WAL and busy timeout let both write). Tags, districts and the
 * figures stay. The run is written to the audit trail (`retention.run`, trigger `cli`).
 * The server does the same on its own at start and every 6 hours.
 *
 * Exit codes: 0 done, 1 failed, 2 wrong usage.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Logger } from '../domain/logger.js';
import { databasePath, runRetention, storeOptions } from '../server/bootstrap.js';
import { loadConfig, type Config } from '../server/config.js';
import { openStore, type Store } from '../store/index.js';
import type { BackupIo } from './backup.js';

export const RETENTION_USAGE = `Aufbewahrungsfrist anwenden: Freitext alter Anfragen löschen

  npm run retention      löscht den Text von Anfragen, die älter als LOTSE_RETENTION_DAYS Tage sind
`;

export async function runRetentionCli(
  argv: readonly string[],
  io: BackupIo,
  config: Pick<Config, 'retentionDays'>,
  open: () => Store,
  now: () => Date = () => new Date(),
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${RETENTION_USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(RETENTION_USAGE);
    return 0;
  }
  if (parsed.positionals.length > 0) {
    io.err(`Unerwartete Angabe „${parsed.positionals[0] ?? ''}“.\n\n${RETENTION_USAGE}`);
    return 2;
  }
  const store = open();
  try {
    const result = await runRetention(store, config, { now, trigger: 'cli' });
    io.out(
      `Aufbewahrungsfrist ${config.retentionDays} Tage: Text von ${result.enquiries} Anfragen gelöscht ` +
        `(angelegt vor ${result.cutoff.slice(0, 10)}), ${result.examples} Trainingsbeispiele entfernt. ` +
        `Themen, Landkreise und Zahlen bleiben.\n`,
    );
    return 0;
  } catch (error) {
    io.err(`Löschlauf fehlgeschlagen: ${(error as Error).message}\n`);
    return 1;
  } finally {
    store.close();
  }
}

const stderrLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (a: object | string, b?: string) => process.stderr.write(`${typeof a === 'string' ? a : (b ?? '')}\n`),
  error: (a: object | string, b?: string) => process.stderr.write(`${typeof a === 'string' ? a : (b ?? '')}\n`),
};

async function main(): Promise<void> {
  const config = loadConfig();
  process.exitCode = await runRetentionCli(
    process.argv.slice(2),
    { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) },
    config,
    () => openStore(databasePath(config), stderrLogger, storeOptions(config)),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
