import { resolve } from 'node:path';
import t from 'tap';
import { ConfigError, ENV_SCHEMA, parseConfig } from '../../src/server/config.js';

t.test('defaults', async (t) => {
  t.same(parseConfig({}, '/srv/lotse'), {
    port: 3000,
    host: '127.0.0.1',
    dataDir: '/srv/lotse/data',
    kbDir: '/srv/lotse/kb-content',
    adminPassword: undefined,
    logLevel: 'info',
    sessionIdleMinutes: 480,
    sessionMaxHours: 12,
    cookieSecure: false,
    retentionDays: 365,
    kbGitPull: false,
    trustProxy: false,
    dbSynchronous: 'FULL',
  });
  t.same(parseConfig({ LOTSE_PORT: '', LOTSE_HOST: '' }, '/x').port, 3000, 'empty values count as unset');
  t.equal(parseConfig({}).dataDir, resolve('data'), 'relative to the working directory');
});

t.test('good values', async (t) => {
  const config = parseConfig(
    {
      LOTSE_PORT: '0',
      LOTSE_HOST: '0.0.0.0',
      LOTSE_DATA_DIR: '/var/lib/lotse',
      LOTSE_KB_DIR: 'wissen',
      LOTSE_ADMIN_PASSWORD: 'ein-langes-startpasswort',
      LOTSE_LOG_LEVEL: 'debug',
      LOTSE_SESSION_IDLE_MINUTES: '30',
      LOTSE_SESSION_MAX_HOURS: '8',
      LOTSE_COOKIE_SECURE: 'TRUE',
      LOTSE_RETENTION_DAYS: '730',
      LOTSE_KB_GIT_PULL: '1',
      LOTSE_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
      LOTSE_DB_SYNCHRONOUS: 'normal',
      UNRELATED: 'ignored',
    },
    '/srv',
  );
  t.same(config, {
    port: 0,
    host: '0.0.0.0',
    dataDir: '/var/lib/lotse',
    kbDir: '/srv/wissen',
    adminPassword: 'ein-langes-startpasswort',
    logLevel: 'debug',
    sessionIdleMinutes: 30,
    sessionMaxHours: 8,
    cookieSecure: true,
    retentionDays: 730,
    kbGitPull: true,
    trustProxy: '10.0.0.0/8, 127.0.0.1',
    dbSynchronous: 'NORMAL',
  });
  t.equal(parseConfig({ LOTSE_TRUST_PROXY: 'true' }).trustProxy, true);
  t.equal(parseConfig({ LOTSE_TRUST_PROXY: '2' }).trustProxy, 2);
  t.equal(parseConfig({ LOTSE_TRUST_PROXY: 'no' }).trustProxy, false);
  t.equal(parseConfig({ LOTSE_COOKIE_SECURE: '0' }).cookieSecure, false);
  t.equal(parseConfig({ LOTSE_KB_GIT_PULL: 'false' }).kbGitPull, false);
});

t.test('every variable: a wrong value is one line naming the variable and what is allowed', async (t) => {
  const bad: Record<string, [string, RegExp]> = {
    LOTSE_PORT: ['abc', /ganze Zahl von 0 bis 65535/],
    LOTSE_HOST: ['   ', /Hostname oder IP-Adresse/],
    LOTSE_DATA_DIR: [' ', /ein Verzeichnis/],
    LOTSE_KB_DIR: ['  ', /ein Verzeichnis/],
    LOTSE_ADMIN_PASSWORD: ['kurz', /mindestens 12 Zeichen/],
    LOTSE_LOG_LEVEL: ['laut', /fatal, error, warn, info, debug, trace, silent/],
    LOTSE_SESSION_IDLE_MINUTES: ['0', /ganze Zahl von 1 bis 10080/],
    LOTSE_SESSION_MAX_HOURS: ['1.5', /ganze Zahl von 1 bis 720/],
    LOTSE_COOKIE_SECURE: ['ja', /true oder false/],
    LOTSE_RETENTION_DAYS: ['-3', /ganze Zahl von 1 bis 36500/],
    LOTSE_KB_GIT_PULL: ['2', /0 oder 1/],
    LOTSE_TRUST_PROXY: [' ', /true, false, eine Anzahl Proxy-Hops/],
    LOTSE_DB_SYNCHRONOUS: ['off', /full oder normal/],
  };
  t.same(Object.keys(bad).sort(), Object.keys(ENV_SCHEMA.shape).sort(), 'the table covers every variable');
  for (const [name, [value, allowed]] of Object.entries(bad)) {
    let error: unknown;
    try {
      parseConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    t.ok(error instanceof ConfigError, `${name}: ConfigError`);
    const message = (error as Error).message;
    t.match(message, new RegExp(`^Ungültige Konfiguration: ${name}`), `${name} is named`);
    t.match(message, allowed, `${name}: says what is allowed`);
    t.notMatch(message, /\n/, `${name}: one line`);
  }
  t.notMatch((() => { try { parseConfig({ LOTSE_ADMIN_PASSWORD: 'geheim' }); } catch (e) { return (e as Error).message; } return ''; })(), 'geheim', 'the password is not echoed');
  t.throws(() => parseConfig({ LOTSE_ADMIN_PASSWORD: 'Admin' }), /LOTSE_ADMIN_PASSWORD/);
});

t.test('several wrong values are reported together, still on one line; values with line breaks are quoted', async (t) => {
  t.throws(() => parseConfig({ LOTSE_PORT: 'x\ny', LOTSE_LOG_LEVEL: 'loud' }), {
    message: 'Ungültige Konfiguration: LOTSE_PORT (ist "x\\ny"): erlaubt ist TCP-Port (ganze Zahl von 0 bis 65535); LOTSE_LOG_LEVEL (ist "loud"): erlaubt ist fatal, error, warn, info, debug, trace, silent',
  });
});
