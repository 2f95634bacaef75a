/**
 * User administration from the shell, working on the store directly (the server may
 * run or not; SQLite's WAL and busy timeout let both write):
 *
 *   npm run user -- add NAME --role lead     password from a hidden prompt, or stdin when piped
 *   npm run user -- list
 *   npm run user -- set-role NAME ROLE
 *   npm run user -- deactivate NAME          (ends the user's sessions)
 *   npm run user -- activate NAME
 *   npm run user -- passwd NAME              (ends the user's sessions)
 *
 * Reads the same configuration as the server (LOTSE_DATA_DIR etc.).
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { isDomainError } from '../domain/errors.js';
import { ROLES, type Role } from '../domain/ids.js';
import type { Logger } from '../domain/logger.js';
import { passwordProblem } from '../domain/password-policy.js';
import { openStore, type Store } from '../store/index.js';
import { databasePath, storeOptions } from '../server/bootstrap.js';
import { loadConfig } from '../server/config.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Reads a password without echo (or a line from piped stdin). */
  readPassword(prompt: string): Promise<string>;
  /** True when the password can be typed interactively (then it is asked twice). */
  interactive: boolean;
}

export const USAGE = `Benutzerverwaltung von Lotse

  npm run user -- add NAME --role ROLLE     Benutzer anlegen (Passwort wird abgefragt oder von stdin gelesen)
  npm run user -- list                      Benutzer auflisten
  npm run user -- set-role NAME ROLLE       Rolle ändern
  npm run user -- deactivate NAME           Benutzer sperren (beendet seine Sitzungen)
  npm run user -- activate NAME             Benutzer entsperren
  npm run user -- passwd NAME               Passwort setzen (beendet seine Sitzungen)

Rollen: ${ROLES.join(', ')}
`;

class UsageError extends Error {}

function isRole(value: string | undefined): value is Role {
  return value !== undefined && (ROLES as readonly string[]).includes(value);
}

function roleOf(value: string | undefined): Role {
  if (!isRole(value)) throw new UsageError(`Unbekannte Rolle „${value ?? ''}“. Erlaubt: ${ROLES.join(', ')}.`);
  return value;
}

async function askPassword(io: CliIo, username: string): Promise<string> {
  const password = await io.readPassword(`Passwort für ${username}: `);
  const problem = passwordProblem(username, password);
  if (problem) throw new UsageError(problem);
  if (io.interactive && (await io.readPassword('Passwort wiederholen: ')) !== password) {
    throw new UsageError('Die beiden Eingaben stimmen nicht überein.');
  }
  return password;
}

function userNamed(store: Store, username: string) {
  const user = store.users.findByUsername(username);
  if (!user) throw new UsageError(`Den Benutzer „${username}“ gibt es nicht.`);
  return user;
}

/** Runs one command; returns the exit code (0 ok, 1 refused, 2 wrong usage). */
export async function runUserCli(argv: readonly string[], io: CliIo, open: () => Store): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { role: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, name, extra] = parsed.positionals;
  if (parsed.values.help || command === undefined || command === 'help') {
    io.out(USAGE);
    return command === undefined && !parsed.values.help ? 2 : 0;
  }

  let store: Store | undefined;
  try {
    const needsName = command !== 'list';
    if (needsName && !name) throw new UsageError(`„${command}“ braucht einen Benutzernamen.`);
    const username = name ?? '';
    switch (command) {
      case 'add': {
        const role = roleOf(parsed.values.role);
        store = open();
        if (store.users.findByUsername(username)) throw new UsageError(`Den Benutzer „${username}“ gibt es schon.`);
        const password = await askPassword(io, username);
        const user = await store.users.create({ username, password, role });
        io.out(`Benutzer „${user.username}“ (${user.role}) angelegt, Nr. ${user.id}.\n`);
        return 0;
      }
      case 'list': {
        store = open();
        const users = store.users.list();
        const rows = [['Nr.', 'Benutzer', 'Rolle', 'Status', 'angelegt'], ...users.map((u) => [String(u.id), u.username, u.role, u.active ? 'aktiv' : 'gesperrt', u.createdAt.slice(0, 10)])];
        const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
        io.out(rows.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n') + '\n');
        return 0;
      }
      case 'set-role': {
        const role = roleOf(extra ?? parsed.values.role);
        store = open();
        const user = await store.users.update(userNamed(store, username).id, { role });
        io.out(`„${user.username}“ hat jetzt die Rolle ${user.role}.\n`);
        return 0;
      }
      case 'deactivate':
      case 'activate': {
        store = open();
        const user = await store.users.update(userNamed(store, username).id, { active: command === 'activate' });
        io.out(`„${user.username}“ ist ${user.active ? 'wieder aktiv' : 'gesperrt; seine Sitzungen sind beendet'}.\n`);
        return 0;
      }
      case 'passwd': {
        store = open();
        const user = userNamed(store, username);
        const password = await askPassword(io, user.username);
        await store.users.update(user.id, { password });
        store.sessions.revokeAllOf(user.id);
        io.out(`Passwort von „${user.username}“ geändert; seine Sitzungen sind beendet.\n`);
        return 0;
      }
      default:
        throw new UsageError(`Unbekannter Befehl „${command}“.\n\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n`);
      return 2;
    }
    if (isDomainError(error)) {
      io.err(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    store?.close();
  }
}

/** Reads a password: hidden typing on a terminal, otherwise the first line of stdin. */
export function terminalPasswordReader(input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): CliIo['readPassword'] {
  if (!input.isTTY) {
    let lines: Promise<string[]> | undefined;
    let next = 0;
    return async () => {
      lines ??= (async () => {
        let data = '';
        input.setEncoding('utf8');
        for await (const chunk of input) data += chunk as string;
        return data.split(/\r?\n/);
      })();
      return (await lines)[next++] ?? '';
    };
  }
  return (prompt) =>
    new Promise((resolve, reject) => {
      output.write(prompt);
      input.setRawMode(true);
      input.setEncoding('utf8');
      input.resume();
      let value = '';
      const onData = (chunk: string) => {
        for (const char of chunk) {
          if (char === '\r' || char === '\n') {
            done();
            output.write('\n');
            resolve(value);
            return;
          }
          if (char === '\u0003') {
            done();
            output.write('\n');
            reject(new UsageError('Abgebrochen.'));
            return;
          }
          if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
          else value += char;
        }
      };
      const done = () => {
        input.off('data', onData);
        input.setRawMode(false);
        input.pause();
      };
      input.on('data', onData);
    });
}

const stderrLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (a: object | string, b?: string) => process.stderr.write(`${typeof a === 'string' ? a : (b ?? '')}\n`),
  error: (a: object | string, b?: string) => process.stderr.write(`${typeof a === 'string' ? a : (b ?? '')}\n`),
};

async function main(): Promise<void> {
  const config = loadConfig();
  const io: CliIo = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readPassword: terminalPasswordReader(),
    interactive: process.stdin.isTTY === true,
  };
  process.exitCode = await runUserCli(process.argv.slice(2), io, () => openStore(databasePath(config), stderrLogger, storeOptions(config)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
