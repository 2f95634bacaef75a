/**
 * Online backup of the database while Lotse serves (`npm run backup -- FILE`):
 *
 *   npm run backup -- /srv/sicherung/lotse-2026-11-25.db
 *   npm run backup                      → <LOTSE_DATA_DIR>/backups/lotse-<Zeit>.db
 *
 * Reads the same configuration as the server (LOTSE_DATA_DIR). The copy is consistent,
 * checked (integrity_check, Lotse schema) and self-contained (no -wal beside it).
 * Exit codes: 0 written, 1 refused or failed, 2 wrong usage.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { databasePath } from '../server/bootstrap.js';
import { loadConfig, type Config } from '../server/config.js';
import { backupDatabase, BackupError, type BackupResult } from '../store/index.js';

export interface BackupIo {
  out(text: string): void;
  err(text: string): void;
}

export const BACKUP_USAGE = `Sicherung der Lotse-Datenbank (während der Server läuft)

  npm run backup -- DATEI          Sicherung nach DATEI schreiben
  npm run backup                   Sicherung nach <Datenordner>/backups/lotse-<Zeit>.db
  npm run backup -- DATEI --force  eine vorhandene DATEI ersetzen
`;

export function describeSize(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** `lotse-2026-11-25T18-30-00Z.db` in the data folder's `backups/`. */
export function defaultBackupPath(config: Pick<Config, 'dataDir'>, now: Date = new Date()): string {
  const stamp = now.toISOString().replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
  return join(config.dataDir, 'backups', `lotse-${stamp}.db`);
}

/** Runs the command; returns the exit code. */
export async function runBackupCli(argv: readonly string[], io: BackupIo, config: Pick<Config, 'dataDir'>, cwd: string = process.cwd()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${BACKUP_USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(BACKUP_USAGE);
    return 0;
  }
  if (parsed.positionals.length > 1) {
    io.err(`Bitte nur eine Zieldatei angeben.\n\n${BACKUP_USAGE}`);
    return 2;
  }
  const given = parsed.positionals[0];
  const target = given === undefined ? defaultBackupPath(config) : resolve(cwd, given);
  if (given === undefined) mkdirSync(join(config.dataDir, 'backups'), { recursive: true });
  let result: BackupResult;
  try {
    result = await backupDatabase(databasePath(config), target, { overwrite: parsed.values.force === true });
  } catch (error) {
    if (error instanceof BackupError) {
      io.err(`Sicherung nicht möglich: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  io.out(
    `Sicherung geschrieben: ${result.path}\n` +
      `  ${describeSize(result.bytes)}, ${result.enquiries} Anfragen, ${result.users} Benutzer, Schema-Version ${result.migrations.at(-1) ?? 0}, ` +
      `geprüft (integrity_check ok), ${(result.durationMs / 1000).toFixed(1)} s\n` +
      `  Die Datei enthält personenbezogene Daten: verschlüsselt und nur für Berechtigte aufbewahren.\n`,
  );
  return 0;
}

async function main(): Promise<void> {
  const config = loadConfig();
  process.exitCode = await runBackupCli(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }, config);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
