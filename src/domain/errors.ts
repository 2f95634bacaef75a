/**
 * Domain errors: every error a module raises on purpose carries a stable `code`
 * (e.g. `ENQUIRY_NOT_FOUND`), a `kind` that the HTTP layer maps to a status in one
 * place (server/problem.ts), a German `message` fit for the user, and optional
 * field-level `errors`.
 */

export type ErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unauthorized';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `body.password`. */
  path: string;
  /** German message for the user. */
  message: string;
}

export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly errors: readonly FieldError[];
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    kind: ErrorKind,
    code: string,
    message: string,
    options: { errors?: readonly FieldError[]; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.kind = kind;
    this.code = code;
    this.errors = options.errors ?? [];
    this.details = options.details ?? {};
  }
}

/** Input that breaks a rule (400); `errors` names each offending field. */
export class InvalidInputError extends DomainError {
  constructor(code: string, message: string, errors: readonly FieldError[] = []) {
    super('invalid', code, message, { errors });
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, message: string) {
    super('not_found', code, message);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, errors: readonly FieldError[] = []) {
    super('conflict', code, message, { errors });
  }
}

export class ForbiddenError extends DomainError {
  constructor(code: string, message: string) {
    super('forbidden', code, message);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(code: string, message: string) {
    super('unauthorized', code, message);
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
