/**
 * Restores a backup (`npm run restore -- FILE`). Only while Lotse is stopped: the
 * command refuses when any process has the database open. It checks the file first
 * (integrity_check, a Lotse database of this or an older version), keeps the current
 * database as `lotse.db.vor-wiederherstellung-<Zeit>`, puts the backup in its place and
 * removes stale -wal/-shm files. Migrations of a newer Lotse run at the next start.
 *
 * Exit codes: 0 restored, 1 refused or failed, 2 wrong usage.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { databasePath } from '../server/bootstrap.js';
import { loadConfig, type Config } from '../server/config.js';
import { BackupError, restoreDatabase } from '../store/index.js';
import { describeSize, type BackupIo } from './backup.js';

export const RESTORE_USAGE = `Wiederherstellung der Lotse-Datenbank aus einer Sicherung

  npm run restore -- DATEI     (nur bei beendetem Server)
`;

export function runRestoreCli(argv: readonly string[], io: BackupIo, config: Pick<Config, 'dataDir'>, cwd: string = process.cwd()): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${RESTORE_USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(RESTORE_USAGE);
    return 0;
  }
  const [file, ...rest] = parsed.positionals;
  if (file === undefined || rest.length > 0) {
    io.err(`Bitte genau eine Sicherungsdatei angeben.\n\n${RESTORE_USAGE}`);
    return 2;
  }
  try {
    const result = restoreDatabase(resolve(cwd, file), databasePath(config));
    io.out(
      `Wiederhergestellt: ${resolve(cwd, file)} → ${databasePath(config)}\n` +
        `  ${describeSize(result.bytes)}, ${result.enquiries} Anfragen, ${result.users} Benutzer, Schema-Version ${result.migrations.at(-1) ?? 0}\n` +
        (result.previous
          ? `  Die bisherige Datenbank liegt unter ${result.previous}; bitte löschen, sobald sie nicht mehr gebraucht wird (personenbezogene Daten).\n`
          : '') +
        `  Jetzt Lotse wieder starten; ausstehende Migrationen laufen beim Start.\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      io.err(`Wiederherstellung abgelehnt: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function main(): void {
  const config = loadConfig();
  process.exitCode = runRestoreCli(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }, config);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
