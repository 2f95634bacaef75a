import t from 'tap';
import { z } from 'zod';
import { germanErrorMap, toValidationErrors } from '../../src/server/validation.js';

const messages = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value, { error: germanErrorMap });
  return result.success ? [] : toValidationErrors(result.error).map((e) => `${e.instancePath} ${e.message}`);
};

t.test('German messages for the issues users meet', async (t) => {
  t.same(messages(z.object({ a: z.string() }), {}), ['/a Pflichtfeld fehlt.']);
  t.same(messages(z.string(), 5), [' Erwartet ist Text.']);
  t.same(messages(z.number().int(), 1.5), [' Erwartet ist eine ganze Zahl.']);
  t.same(messages(z.boolean(), 'ja'), [' Erwartet ist true oder false.']);
  t.same(messages(z.enum(['a', 'b']), 'c'), [' Erlaubt sind: a, b.']);
  t.same(messages(z.literal('a'), 'c'), [' Erlaubt ist: a.']);
  t.same(messages(z.string().min(1), ''), [' Darf nicht leer sein.']);
  t.same(messages(z.string().min(3), 'ab'), [' Mindestens 3 Zeichen.']);
  t.same(messages(z.string().max(3), 'abcd'), [' Höchstens 3 Zeichen.']);
  t.same(messages(z.array(z.string()).min(1), []), [' Mindestens 1 Eintrag.']);
  t.same(messages(z.array(z.string()).min(2), ['a']), [' Mindestens 2 Einträge.']);
  t.same(messages(z.array(z.string()).max(1), ['a', 'b']), [' Höchstens 1 Eintrag.']);
  t.same(messages(z.number().min(1), 0), [' Mindestens 1.']);
  t.same(messages(z.number().max(1), 2), [' Höchstens 1.']);
  t.same(messages(z.iso.date(), 'x'), [' Erwartet ist ein Datum (JJJJ-MM-TT).']);
  t.same(messages(z.iso.datetime(), 'x'), [' Erwartet ist ein ISO-Zeitstempel (z. B. 2026-11-25T09:30:00Z).']);
  t.same(messages(z.string().regex(/^a$/), 'b'), [' Erwartet ist ein gültiges Format.']);
  t.same(messages(z.email(), 'b'), [' Erwartet ist ein gültiges Format.']);
  t.same(messages(z.number().multipleOf(5), 3).length, 1, 'other codes fall back to zod’s German locale');
  t.match(messages(z.number().multipleOf(5), 3)[0], /Ungültige Zahl|Vielfaches/);
});

t.test('unknown keys become one error each, nested paths are kept', async (t) => {
  t.same(messages(z.strictObject({ a: z.strictObject({ b: z.string() }) }), { a: { b: 1, c: 2 }, d: 3 }), [
    '/a/b Erwartet ist Text.',
    '/a/c Unbekanntes Feld.',
    '/d Unbekanntes Feld.',
  ]);
  t.same(messages(z.object({ a: z.string() }).refine(() => false, { message: 'Ganz falsch.' }), { a: 'x' }), [' Ganz falsch.']);
});
