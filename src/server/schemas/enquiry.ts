/** Request and response schemas of /api/enquiries (SPEC §4). */
import { z } from 'zod';
import { CALLERS, CHANNELS, DISTRICT_CODES, OUTCOMES, TOPIC_IDS } from '../../domain/ids.js';
import { addDays, isLocalDay, startOfLocalDay } from '../../domain/berlin-time.js';
import { IsoDate, Timestamp } from './common.js';

export const MAX_TEXT_LENGTH = 5000;

const Text = z
  .string()
  .trim()
  .min(1, { message: 'Der Text der Anfrage darf nicht leer sein.' })
  .max(MAX_TEXT_LENGTH, { message: `Der Text darf höchstens ${MAX_TEXT_LENGTH} Zeichen lang sein.` });

const Topics = z
  .array(z.enum(TOPIC_IDS))
  .min(1, { message: 'Mindestens ein Thema angeben.' })
  .max(TOPIC_IDS.length)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'Jedes Thema darf nur einmal vorkommen.' });

const District = z.enum(DISTRICT_CODES);
const ReferredTo = z.string().trim().min(1).max(300);
const ArticleSlug = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/, { message: 'Erwartet ist der Kurzname (Slug) eines Artikels.' });

export const CreateEnquiryBody = z.strictObject({
  text: Text,
  channel: z.enum(CHANNELS).default('telefon'),
  caller: z.enum(CALLERS).optional(),
  district: District.nullable().optional().describe('Landkreis von Hand; null = ausdrücklich kein Landkreis; fehlt das Feld, wird er aus dem Text erkannt'),
  topics: Topics.optional().describe('Themen von Hand; sonst werden sie automatisch vergeben'),
  outcome: z.enum(OUTCOMES).default('offen'),
  referredTo: ReferredTo.optional(),
  articleUsed: ArticleSlug.optional(),
  callbackDate: IsoDate.optional(),
});
export type CreateEnquiryBody = z.infer<typeof CreateEnquiryBody>;

export const PatchEnquiryBody = z
  .strictObject({
    topics: Topics.optional(),
    district: District.nullable().optional(),
    outcome: z.enum(OUTCOMES).optional(),
    referredTo: ReferredTo.nullable().optional(),
    articleUsed: ArticleSlug.nullable().optional(),
    callbackDate: IsoDate.nullable().optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), {
    message: 'Mindestens ein Feld zum Ändern angeben.',
    // Only when the fields themselves are fine: an unknown field is reported on its own.
    when: (payload) => payload.issues.length === 0,
  });
export type PatchEnquiryBody = z.infer<typeof PatchEnquiryBody>;

/** `from`/`to`: an ISO date (a whole day in Europe/Berlin, inclusive) or an ISO timestamp. */
const DayOrInstant = z.union([IsoDate, z.iso.datetime({ offset: true })], {
  error: 'Erwartet ist ein Datum (JJJJ-MM-TT) oder ein ISO-Zeitstempel.',
});

/** The opaque page cursor: base64url of `[createdAt, id]`. */
export function encodeCursor(position: { createdAt: string; id: number }): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: string; id: number } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [createdAt, id] = value as unknown[];
    if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt)) || !Number.isSafeInteger(id) || (id as number) < 1) return null;
    return { createdAt, id: id as number };
  } catch {
    return null;
  }
}

export const ListEnquiriesQuery = z
  .strictObject({
    from: DayOrInstant.optional().describe('Ab (einschließlich): Datum (Tag in Europe/Berlin) oder Zeitstempel'),
    to: DayOrInstant.optional().describe('Bis (einschließlich): Datum (Tag in Europe/Berlin) oder Zeitstempel'),
    topic: z.enum(TOPIC_IDS).optional(),
    district: District.optional(),
    outcome: z.enum(OUTCOMES).optional(),
    q: z.string().trim().min(1).max(200).optional().describe('Suchwörter im Text (alle müssen vorkommen, Wortanfang genügt)'),
    cursor: z.string().max(200).optional().describe('nextCursor der vorigen Seite'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .transform((query, ctx) => {
    const since = query.from === undefined ? undefined : isLocalDay(query.from) ? new Date(startOfLocalDay(query.from)).toISOString() : new Date(query.from).toISOString();
    // `to` is inclusive: the end of its day, or the instant itself (+1 ms, as the store's bound is exclusive).
    const before =
      query.to === undefined
        ? undefined
        : isLocalDay(query.to)
          ? new Date(startOfLocalDay(addDays(query.to, 1))).toISOString()
          : new Date(Date.parse(query.to) + 1).toISOString();
    if (since !== undefined && before !== undefined && since >= before) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '„to“ liegt vor „from“.' });
    }
    let after: { createdAt: string; id: number } | undefined;
    if (query.cursor !== undefined) {
      const decoded = decodeCursor(query.cursor);
      if (!decoded) ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'Ungültiger Cursor.' });
      else after = decoded;
    }
    return { since, before, topic: query.topic, district: query.district, outcome: query.outcome, text: query.q, after, limit: query.limit };
  });
export type ListEnquiriesQuery = z.output<typeof ListEnquiriesQuery>;

const TagSource = z.enum(['auto', 'manual']);

export const EnquirySchema = z
  .object({
    id: z.number().int(),
    text: z.string().nullable().describe('Geschwärzter Text; null, wenn er nach Ablauf der Aufbewahrungsfrist gelöscht wurde'),
    redactions: z.array(z.object({ type: z.string(), start: z.number().int(), end: z.number().int() })),
    channel: z.enum(CHANNELS),
    caller: z.enum(CALLERS).nullable(),
    topics: z.array(z.object({ id: z.enum(TOPIC_IDS), label: z.string(), score: z.number(), source: TagSource })),
    district: z.object({ code: District, name: z.string(), source: TagSource }).nullable(),
    outcome: z.enum(OUTCOMES),
    referredTo: z.string().nullable(),
    articleUsed: z.string().nullable(),
    callbackDate: z.string().nullable(),
    suggestions: z.array(z.object({ slug: z.string(), title: z.string(), score: z.number() })),
    triageVersion: z.string().nullable(),
    author: z.object({ id: z.number().int(), username: z.string() }).nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    textPurgedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Enquiry' });
export type EnquiryResponse = z.infer<typeof EnquirySchema>;

export const EnquiryPageSchema = z.object({
  items: z.array(EnquirySchema),
  nextCursor: z.string().nullable(),
});
