/**
 * Request validation with zod, German messages and one entry per offending field.
 * Replaces the type provider's `validatorCompiler` (its serializer and JSON-schema
 * transform are still used): the issues become Fastify validation errors whose
 * `instancePath` points at the field, and `problem.ts` turns them into
 * `errors: [{path: "body.text", message}]`.
 */
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { z } from 'zod';

type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

const TYPE_NAMES: Record<string, string> = {
  string: 'Text',
  number: 'eine Zahl',
  int: 'eine ganze Zahl',
  boolean: 'true oder false',
  array: 'eine Liste',
  object: 'ein Objekt',
  date: 'ein Datum',
};

const FORMAT_NAMES: Record<string, string> = {
  date: 'ein Datum (JJJJ-MM-TT)',
  datetime: 'ein ISO-Zeitstempel (z. B. 2026-11-25T09:30:00Z)',
  regex: 'ein gültiges Format',
};

const german = z.locales.de().localeError;

/** Short, readable German messages for the issues users meet; zod's German locale for the rest. */
export const germanErrorMap: z.core.$ZodErrorMap = (issue: RawIssue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Pflichtfeld fehlt.';
      return `Erwartet ist ${TYPE_NAMES[issue.expected] ?? issue.expected}.`;
    case 'invalid_value':
      return `Erlaubt ${issue.values.length === 1 ? 'ist' : 'sind'}: ${issue.values.map(String).join(', ')}.`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? 'Darf nicht leer sein.' : `Mindestens ${min} Zeichen.`;
      if (issue.origin === 'array') return `Mindestens ${min} ${min === 1 ? 'Eintrag' : 'Einträge'}.`;
      return `Mindestens ${min}.`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `Höchstens ${max} Zeichen.`;
      if (issue.origin === 'array') return `Höchstens ${max} ${max === 1 ? 'Eintrag' : 'Einträge'}.`;
      return `Höchstens ${max}.`;
    }
    case 'invalid_format':
      return `Erwartet ist ${FORMAT_NAMES[issue.format] ?? 'ein gültiges Format'}.`;
    default:
      return german(issue);
  }
};

/** Turns zod issues into Fastify validation errors, one per field (unknown keys each get one). */
export function toValidationErrors(error: z.core.$ZodError): FastifySchemaValidationError[] {
  const out: FastifySchemaValidationError[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ keyword: issue.code, instancePath: `/${[...base, key].join('/')}`, schemaPath: '#', params: {}, message: 'Unbekanntes Feld.' });
      }
      continue;
    }
    out.push({ keyword: issue.code, instancePath: base.length ? `/${base.join('/')}` : '', schemaPath: '#', params: {}, message: issue.message });
  }
  return out;
}

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { error: germanErrorMap });
    if (result.success) return { value: result.data };
    return { error: toValidationErrors(result.error) as unknown as Error };
  };
