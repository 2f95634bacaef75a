/**
 * npm run kb:lint [DIR] — checks the knowledge base before it is merged.
 *
 * Prints `file:line: message` for every problem (warnings as `file:line: Warnung: …`)
 * and a summary on stderr. Exit code 1 when there are errors (or, with --strict, any
 * warning), 2 on wrong usage, 0 otherwise. DIR defaults to kb-content.
 *
 *   npm run kb:lint                  # the bundled KB
 *   npm run kb:lint -- ../wissen     # an editors' repository
 *   npm run kb:lint -- --strict .    # warnings fail too
 */
import { relative } from 'node:path';
import { formatIssue, lintKb } from '../kb/index.js';

const USAGE = 'Aufruf: npm run kb:lint -- [--strict] [--today JJJJ-MM-TT] [VERZEICHNIS]';

async function main(argv: string[]): Promise<number> {
  let strict = false;
  let today: string | undefined;
  const dirs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--strict') strict = true;
    else if (arg === '--today') today = argv[++i];
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (arg.startsWith('-')) {
      process.stderr.write(`Unbekannte Option ${arg}\n${USAGE}\n`);
      return 2;
    } else dirs.push(arg);
  }
  if (dirs.length > 1 || (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const dir = dirs[0] ?? 'kb-content';
  let result;
  try {
    result = await lintKb(dir, today);
  } catch (err) {
    process.stderr.write(`kb:lint: ${(err as Error).message}\n`);
    return 2;
  }
  const shown = relative(process.cwd(), dir) || '';
  const prefix = shown.startsWith('..') || shown === '' ? dir.replace(/^\.\/?$/, '') : shown;
  for (const issue of result.issues) process.stdout.write(`${formatIssue(issue, prefix)}\n`);
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  process.stderr.write(
    `kb:lint: ${plural(result.files, 'Datei', 'Dateien')} geprüft, ${plural(result.articles, 'gültiger Artikel', 'gültige Artikel')}, ` +
      `${plural(result.errors, 'Fehler', 'Fehler')}, ${plural(result.warnings, 'Warnung', 'Warnungen')}\n`,
  );
  return result.errors > 0 || (strict && result.warnings > 0) ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
