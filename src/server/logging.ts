/**
 * The pino logger of the server. Requests are logged with method, path (without the
 * query string, which may hold search words from enquiries), status and timing —
 * never bodies, never enquiry text. Credentials in headers are redacted in case a
 * module logs headers. Pretty output only when stdout is a terminal.
 */
import { pino, type DestinationStream, type Logger as PinoLogger, type LoggerOptions } from 'pino';
import type { Config } from './config.js';

interface RequestLike {
  id?: string;
  method?: string;
  url?: string;
  ip?: string;
}

interface ReplyLike {
  statusCode?: number;
}

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'res.headers["set-cookie"]',
  'headers["set-cookie"]',
  'password',
  '*.password',
  'body',
  'req.body',
];

export function loggerOptions(config: Pick<Config, 'logLevel'>, options: { pretty?: boolean } = {}): LoggerOptions {
  return {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[entfernt]' },
    serializers: {
      req: (req: RequestLike) => ({ method: req.method, path: req.url?.split('?')[0], remoteAddress: req.ip }),
      res: (reply: ReplyLike) => ({ statusCode: reply.statusCode }),
      err: pino.stdSerializers.err,
    },
    ...(options.pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
  };
}

/** Creates the process logger; `destination` lets tests capture the output. */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): PinoLogger {
  if (destination) return pino(loggerOptions(config), destination);
  return pino(loggerOptions(config, { pretty: process.stdout.isTTY === true }));
}
