/**
 * The small logging interface that non-server modules accept. pino's logger fits it,
 * so the server passes `app.log.child({ module: 'store' })`; tests and CLIs pass
 * `silentLogger` or a console-backed one.
 */
export interface LogFn {
  (msg: string): void;
  (obj: object, msg?: string): void;
}

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

const noop: LogFn = () => {};

/** A logger that drops everything. */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };
