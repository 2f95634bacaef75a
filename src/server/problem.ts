/**
 * The one error handler: every error becomes `application/problem+json` (RFC 9457)
 * `{type, title, status, detail, instance}` with `instance` = request id, plus
 * `errors: [{path, message}]` for validation. Domain errors map their `kind` to a
 * status here and nowhere else. 5xx details are logged with the request id and never
 * sent to the client.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { z } from 'zod';
import { isDomainError, type ErrorKind, type FieldError } from '../domain/errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: FieldError[];
  code?: string;
}

/** Shape of every error response, for route schemas and the OpenAPI document. */
export const ProblemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'Fehlerbeschreibung nach RFC 9457' });

/** Where each domain error kind lands. */
export const STATUS_OF_KIND: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};

const TITLES: Record<number, string> = {
  400: 'Ungültige Anfrage',
  401: 'Nicht angemeldet',
  403: 'Keine Berechtigung',
  404: 'Nicht gefunden',
  405: 'Methode nicht erlaubt',
  406: 'Nicht annehmbar',
  409: 'Konflikt',
  413: 'Anfrage zu groß',
  414: 'Adresse zu lang',
  415: 'Nicht unterstütztes Format',
  429: 'Zu viele Anfragen',
  500: 'Interner Fehler',
  503: 'Dienst nicht bereit',
};

const SLUGS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
  500: 'internal-error',
  503: 'not-ready',
};

/** Problem type URIs: stable identifiers, documented in the README. */
export function problemType(slug: string): string {
  return `urn:lotse:problem:${slug}`;
}

export function problemTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Interner Fehler' : 'Ungültige Anfrage');
}

/** Sends a problem response. */
export function sendProblem(reply: FastifyReply, problem: Omit<Problem, 'instance' | 'type' | 'title'> & Partial<Pick<Problem, 'type' | 'title'>>): FastifyReply {
  const body: Problem = {
    type: problem.type ?? problemType(SLUGS[problem.status] ?? 'error'),
    title: problem.title ?? problemTitle(problem.status),
    status: problem.status,
    detail: problem.detail,
    instance: reply.request.id,
    ...(problem.code ? { code: problem.code } : {}),
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

function fieldErrors(validation: readonly FastifySchemaValidationError[], context: string | undefined): FieldError[] {
  const prefix = context ?? 'body';
  return validation.map((v) => {
    const segments = v.instancePath.split('/').filter((s) => s !== '');
    return { path: [prefix, ...segments].join('.'), message: v.message ?? 'Ungültiger Wert.' };
  });
}

const FASTIFY_DETAILS: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'Der Inhalt der Anfrage ist größer als erlaubt (64 KB).',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Dieses Format wird nicht unterstützt; bitte JSON senden (Content-Type: application/json).',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Die Länge des Inhalts passt nicht zur Angabe im Header.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Der Inhalt der Anfrage ist leer, obwohl JSON angekündigt ist.',
  FST_ERR_CTP_INVALID_JSON_BODY: 'Der Inhalt der Anfrage ist kein gültiges JSON.',
};

function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (isDomainError(error)) {
    const status = STATUS_OF_KIND[error.kind];
    return sendProblem(reply, {
      type: problemType(error.code.toLowerCase().replaceAll('_', '-')),
      status,
      detail: error.message,
      code: error.code,
      ...(error.errors.length ? { errors: [...error.errors] } : {}),
    });
  }

  if (Array.isArray(error.validation)) {
    const errors = fieldErrors(error.validation, error.validationContext);
    return sendProblem(reply, {
      type: problemType('validation'),
      status: 400,
      detail: `Die Anfrage enthält ${errors.length === 1 ? 'einen ungültigen Wert' : `${errors.length} ungültige Werte`}.`,
      errors,
    });
  }

  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, { status: 500, detail: `Ein interner Fehler ist aufgetreten. Bitte die Kennung ${request.id} an die Administration melden.` });
  }
  // A malformed JSON body arrives as a SyntaxError with status 400.
  const detail = (error.code && FASTIFY_DETAILS[error.code]) ?? (error instanceof SyntaxError ? FASTIFY_DETAILS.FST_ERR_CTP_INVALID_JSON_BODY : undefined);
  request.log.info({ code: error.code, status }, 'request rejected');
  return sendProblem(reply, { status, detail: detail ?? problemTitle(status) + '.' });
}

/** Installs the error handler and the not-found handler on the root instance. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    return sendProblem(reply, { status: 404, detail: `Die Adresse ${request.method} ${request.url.split('?')[0]} gibt es nicht.` });
  });
}
