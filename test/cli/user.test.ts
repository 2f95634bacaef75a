import { spawn } from 'node:child_process';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { runUserCli, type CliIo } from '../../src/cli/user.js';
import { silentLogger } from '../../src/domain/logger.js';
import { openStore } from '../../src/store/index.js';
import { FAST_SCRYPT } from '../helpers/app.js';
import { childEnv } from '../helpers/child-env.js';
import { REPO_ROOT } from '../helpers/server-process.js';

function setup(t: Test) {
  const path = join(t.testdir({}), 'lotse.db');
  const open = () => openStore(path, silentLogger, { scrypt: FAST_SCRYPT });
  const run = async (argv: string[], passwords: string[] = [], interactive = false) => {
    const out: string[] = [];
    const err: string[] = [];
    const prompts: string[] = [];
    const io: CliIo = {
      out: (s) => out.push(s),
      err: (s) => err.push(s),
      interactive,
      readPassword: async (prompt) => {
        prompts.push(prompt);
        return passwords.shift() ?? '';
      },
    };
    const code = await runUserCli(argv, io, open);
    return { code, out: out.join(''), err: err.join(''), prompts };
  };
  return { run, open };
}

t.test('add, list, set-role, deactivate, activate, passwd', async (t) => {
  const { run, open } = setup(t);
  const add = await run(['add', 'lea', '--role', 'lead'], ['ein-langes-passwort', 'ein-langes-passwort'], true);
  t.equal(add.code, 0, add.err);
  t.match(add.out, 'Benutzer „lea“ (lead) angelegt');
  t.same(add.prompts, ['Passwort für lea: ', 'Passwort wiederholen: '], 'asked twice on a terminal');

  const list = await run(['list']);
  t.equal(list.code, 0);
  t.match(list.out, /Nr\.\s+Benutzer\s+Rolle\s+Status\s+angelegt\n1\s+lea\s+lead\s+aktiv/);

  t.equal((await run(['set-role', 'lea', 'editor'])).code, 0);
  t.equal((await run(['deactivate', 'LEA'])).code, 0, 'names are case-insensitive');
  let store = open();
  t.match(store.users.findByUsername('lea'), { role: 'editor', active: false });
  store.close();
  t.match((await run(['activate', 'lea'])).out, 'wieder aktiv');

  store = open();
  const lea = store.users.findByUsername('lea');
  const { token } = store.sessions.create(lea?.id ?? 0);
  store.close();
  const pw = await run(['passwd', 'lea'], ['ein-neues-passwort-123']);
  t.equal(pw.code, 0, pw.err);
  t.same(pw.prompts, ['Passwort für lea: '], 'asked once when piped');
  store = open();
  t.ok(await store.users.authenticate('lea', 'ein-neues-passwort-123'));
  t.equal(store.sessions.resolve(token), null, 'sessions ended');
  store.close();
});

t.test('refusals and usage errors', async (t) => {
  const { run } = setup(t);
  t.equal((await run([])).code, 2, 'no command');
  const help = await run(['--help']);
  t.equal(help.code, 0);
  t.match(help.out, 'npm run user -- add NAME --role ROLLE');
  t.match((await run(['add', 'x', '--role', 'chef'])), { code: 2, err: /Unbekannte Rolle „chef“/ });
  t.match((await run(['add', '--role', 'lead'])), { code: 2, err: /braucht einen Benutzernamen/ });
  t.match((await run(['add', 'kurt', '--role', 'lead'], ['kurz'])), { code: 2, err: /mindestens 12 Zeichen/ });
  t.match((await run(['add', 'kurt.meier.1', '--role', 'lead'], ['Kurt.Meier.1'])), { code: 2, err: /nicht der Benutzername/ });
  t.match((await run(['add', 'kurt', '--role', 'lead'], ['ein-langes-passwort', 'ein-anderes-passwort'], true)), { code: 2, err: /stimmen nicht überein/ });
  t.match((await run(['add', 'k u', '--role', 'lead'], ['ein-langes-passwort'])), { code: 1, err: /Benutzername besteht aus/ });
  t.equal((await run(['add', 'kurt', '--role', 'admin'], ['ein-langes-passwort'])).code, 0);
  t.match((await run(['add', 'KURT', '--role', 'lead'], ['ein-langes-passwort'])), { code: 2, err: /gibt es schon/ });
  t.match((await run(['set-role', 'niemand', 'lead'])), { code: 2, err: /gibt es nicht/ });
  t.match((await run(['set-role', 'kurt', 'lead'])), { code: 1, err: /letzte aktive Admin/ });
  t.match((await run(['deactivate', 'kurt'])), { code: 1, err: /letzte aktive Admin/ });
  t.match((await run(['frobnicate', 'kurt'])), { code: 2, err: /Unbekannter Befehl „frobnicate“/ });
  t.match((await run(['list', '--bogus'])), { code: 2, err: /Unknown option/ });
});

t.test('the real command reads the password from piped stdin and the same configuration', async (t) => {
  const dataDir = t.testdir({});
  const child = spawn('npx', ['tsx', 'src/cli/user.ts', 'add', 'paula', '--role', 'adviser'], {
    cwd: REPO_ROOT,
    env: childEnv({ LOTSE_DATA_DIR: dataDir }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stdin.end('ein-langes-passwort\n');
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  t.equal(code, 0);
  t.match(out, 'Benutzer „paula“ (adviser) angelegt');
  const store = openStore(join(dataDir, 'lotse.db'));
  t.ok(await store.users.authenticate('paula', 'ein-langes-passwort'), 'the password arrived intact');
  store.close();

  const bad = spawn('npx', ['tsx', 'src/cli/user.ts', 'list'], { cwd: REPO_ROOT, env: childEnv({ LOTSE_DATA_DIR: dataDir, LOTSE_PORT: 'x' }), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  bad.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  t.equal(await new Promise<number | null>((resolve) => bad.on('close', resolve)), 1, 'a bad setting stops the CLI too');
  t.match(err, /^Ungültige Konfiguration: LOTSE_PORT/);
});

t.test('password reader: hidden typing on a terminal, lines from a pipe', async (t) => {
  const { PassThrough } = await import('node:stream');
  const { terminalPasswordReader } = await import('../../src/cli/user.js');
  const output = new PassThrough();
  let shown = '';
  output.setEncoding('utf8').on('data', (c: string) => (shown += c));

  const tty = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[], setRawMode(this: { rawModes: boolean[] }, on: boolean) { this.rawModes.push(on); return this; } });
  const read = terminalPasswordReader(tty as unknown as NodeJS.ReadStream, output as unknown as NodeJS.WriteStream);
  const first = read('Passwort: ');
  tty.write('geheimx\u007f12');
  tty.write('3\r');
  t.equal(await first, 'geheim123', 'backspace works');
  t.same(tty.rawModes, [true, false], 'raw mode on while typing, off afterwards');
  t.equal(shown, 'Passwort: \n', 'nothing typed is echoed');
  const cancelled = read('Passwort: ');
  tty.write('\u0003');
  await t.rejects(cancelled, /Abgebrochen/);

  const pipe = new PassThrough();
  const readPiped = terminalPasswordReader(pipe as unknown as NodeJS.ReadStream, output as unknown as NodeJS.WriteStream);
  pipe.end('erste-zeile\r\nzweite-zeile\n');
  t.equal(await readPiped('x'), 'erste-zeile');
  t.equal(await readPiped('x'), 'zweite-zeile');
  t.equal(await readPiped('x'), '');
});
