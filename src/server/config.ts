/**
 * Configuration: every setting is an environment variable, parsed once here with zod.
 * Nothing else in Lotse reads `process.env`. A wrong value stops the start with one
 * line that names the variable and what is allowed.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../domain/password-policy.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function flag(allowed: string) {
  return z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ['true', 'false', '1', '0', 'yes', 'no'].includes(v), { message: allowed })
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
}

function integer(min: number, max: number, what: string) {
  const message = `${what} (ganze Zahl von ${min} bis ${max})`;
  return z
    .string()
    .trim()
    .regex(/^\d+$/, { message })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message });
}

/** `true`/`false`, a number of proxy hops, or a comma-separated list of addresses/CIDRs. */
const trustProxy = z
  .string()
  .trim()
  .refine((v) => v !== '', { message: 'true, false, eine Anzahl Proxy-Hops oder eine Liste von Adressen' })
  .transform((v): boolean | number | string => {
    const lower = v.toLowerCase();
    if (['true', '1', 'yes'].includes(lower)) return true;
    if (['false', '0', 'no'].includes(lower)) return false;
    if (/^\d+$/.test(v)) return Number(v);
    return v;
  });

/** Every variable with its default; README's table mirrors this list. */
export const ENV_SCHEMA = z.object({
  LOTSE_PORT: integer(0, 65535, 'TCP-Port').default(3000),
  LOTSE_HOST: z.string().trim().min(1, { message: 'Hostname oder IP-Adresse' }).default('127.0.0.1'),
  LOTSE_DATA_DIR: z.string().trim().min(1, { message: 'ein Verzeichnis' }).default('./data'),
  LOTSE_KB_DIR: z.string().trim().min(1, { message: 'ein Verzeichnis' }).default('./kb-content'),
  LOTSE_ADMIN_PASSWORD: z
    .string()
    .refine((v) => [...v].length >= MIN_PASSWORD_LENGTH, { message: `mindestens ${MIN_PASSWORD_LENGTH} Zeichen` })
    .refine((v) => v.trim().toLowerCase() !== 'admin', { message: 'nicht der Benutzername' })
    .optional(),
  LOTSE_LOG_LEVEL: z.enum(LOG_LEVELS, { message: LOG_LEVELS.join(', ') }).default('info'),
  LOTSE_SESSION_IDLE_MINUTES: integer(1, 7 * 24 * 60, 'Minuten').default(480),
  LOTSE_SESSION_MAX_HOURS: integer(1, 30 * 24, 'Stunden').default(12),
  LOTSE_COOKIE_SECURE: flag('true oder false').default(false),
  LOTSE_RETENTION_DAYS: integer(1, 36500, 'Tage').default(365),
  LOTSE_KB_GIT_PULL: flag('0 oder 1').default(false),
  LOTSE_TRUST_PROXY: trustProxy.default(false),
  LOTSE_DB_SYNCHRONOUS: z
    .string()
    .trim()
    .toUpperCase()
    .pipe(z.enum(['FULL', 'NORMAL'], { message: 'full oder normal' }))
    .default('FULL'),
});

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the data folder (database, backups). */
  dataDir: string;
  /** Absolute path of the knowledge-base folder. */
  kbDir: string;
  /** Password for the first `admin`; when absent one is generated and printed once. */
  adminPassword: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Send the session cookie only over HTTPS (set behind TLS). */
  cookieSecure: boolean;
  /** Days after which enquiry free text is deleted (figures stay). */
  retentionDays: number;
  /** Run `git pull` in the KB folder before reloading it. */
  kbGitPull: boolean;
  /** Fastify's `trustProxy`: false, true, hop count, or address list. */
  trustProxy: boolean | number | string;
  /** SQLite `synchronous`: FULL (survives power loss) or NORMAL (survives process crashes). */
  dbSynchronous: 'FULL' | 'NORMAL';
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment (`process.env` in production, a plain object in tests).
 * Empty values count as unset. Relative paths are resolved against `cwd`.
 * Throws {@link ConfigError} with a one-line German message naming every bad variable.
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>, cwd: string = process.cwd()): Config {
  const relevant: Record<string, string> = {};
  for (const key of Object.keys(ENV_SCHEMA.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') relevant[key] = value;
  }
  const result = ENV_SCHEMA.safeParse(relevant);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '?');
      // JSON quoting keeps the message on one line whatever the value holds; secrets are not echoed.
      const value = (relevant[name] ?? '').slice(0, 60);
      const shown = name === 'LOTSE_ADMIN_PASSWORD' ? '' : ` (ist ${JSON.stringify(value)})`;
      return `${name}${shown}: erlaubt ist ${issue.message}`;
    });
    throw new ConfigError(`Ungültige Konfiguration: ${[...new Set(problems)].join('; ')}`);
  }
  const e = result.data;
  return {
    port: e.LOTSE_PORT,
    host: e.LOTSE_HOST,
    dataDir: resolve(cwd, e.LOTSE_DATA_DIR),
    kbDir: resolve(cwd, e.LOTSE_KB_DIR),
    adminPassword: e.LOTSE_ADMIN_PASSWORD,
    logLevel: e.LOTSE_LOG_LEVEL,
    sessionIdleMinutes: e.LOTSE_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.LOTSE_SESSION_MAX_HOURS,
    cookieSecure: e.LOTSE_COOKIE_SECURE,
    retentionDays: e.LOTSE_RETENTION_DAYS,
    kbGitPull: e.LOTSE_KB_GIT_PULL,
    trustProxy: e.LOTSE_TRUST_PROXY,
    dbSynchronous: e.LOTSE_DB_SYNCHRONOUS,
  };
}

/**
 * Reads `process.env` once. On a bad value prints the one-line message to stderr and
 * exits with code 1: no stack trace, because the fix is in the environment, not the code.
 */
export function loadConfig(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
