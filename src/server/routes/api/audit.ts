/**
 * The audit trail for admins (SPEC §6):
 *
 *   GET /api/audit?from&to&action&user&cursor&limit   {items, nextCursor}, newest first
 *   GET /api/audit.csv?from&to&action&user            the same as CSV (UTF-8 with BOM, `;`)
 *
 * Entries hold who, what, when and from where — never enquiry text. An export of the
 * trail is itself recorded (`audit.export`).
 */
import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addDays, isLocalDay, startOfLocalDay } from '../../../domain/berlin-time.js';
import { AUDIT_ACTIONS, type AuditEntry, type Store } from '../../../store/index.js';
import { requireRole, signedInUser } from '../../plugins/auth.js';
import { ProblemSchema } from '../../problem.js';
import { IsoDate, Timestamp } from '../../schemas/common.js';

const DayOrInstant = z.union([IsoDate, z.iso.datetime({ offset: true })], {
  error: 'Erwartet ist ein Datum (JJJJ-MM-TT) oder ein ISO-Zeitstempel.',
});

const AuditFilter = {
  from: DayOrInstant.optional().describe('Ab (einschließlich): Datum (Tag in Europe/Berlin) oder Zeitstempel'),
  to: DayOrInstant.optional().describe('Bis (einschließlich): Datum (Tag in Europe/Berlin) oder Zeitstempel'),
  action: z.enum(AUDIT_ACTIONS).optional().describe('Nur diese Aktion'),
  user: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, { message: 'Erwartet ist eine Benutzernummer.' })
    .transform(Number)
    .optional()
    .describe('Nur Einträge dieses Benutzers (Nummer)'),
};

interface Bounds {
  since: string | undefined;
  before: string | undefined;
}

/** `from`/`to` as store bounds: `to` is inclusive (its whole day, or the instant itself). */
function bounds(from: string | undefined, to: string | undefined): Bounds {
  const since = from === undefined ? undefined : isLocalDay(from) ? new Date(startOfLocalDay(from)).toISOString() : new Date(from).toISOString();
  const before =
    to === undefined ? undefined : isLocalDay(to) ? new Date(startOfLocalDay(addDays(to, 1))).toISOString() : new Date(Date.parse(to) + 1).toISOString();
  return { since, before };
}

function checkOrder(b: Bounds, ctx: z.RefinementCtx): void {
  if (b.since !== undefined && b.before !== undefined && b.since >= b.before) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: '„to“ liegt vor „from“.' });
  }
}

export const AuditListQuery = z
  .strictObject({
    ...AuditFilter,
    cursor: z.string().regex(/^[1-9]\d{0,15}$/, { message: 'Ungültiger Cursor.' }).optional().describe('nextCursor der vorigen Seite'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .transform((q, ctx) => {
    const b = bounds(q.from, q.to);
    checkOrder(b, ctx);
    return { ...b, action: q.action, userId: q.user, beforeId: q.cursor === undefined ? undefined : Number(q.cursor), limit: q.limit };
  });

export const AuditExportQuery = z.strictObject(AuditFilter).transform((q, ctx) => {
  const b = bounds(q.from, q.to);
  checkOrder(b, ctx);
  return { ...b, action: q.action, userId: q.user, from: q.from ?? null, to: q.to ?? null };
});

const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: Timestamp,
    user: z.object({ id: z.number().int(), username: z.string().nullable() }).nullable().describe('Wer (null: das System, z. B. der Löschlauf)'),
    action: z.enum(AUDIT_ACTIONS),
    enquiryId: z.number().int().nullable(),
    ip: z.string().nullable().describe('Von wo (Adresse des Clients)'),
    detail: z.record(z.string(), z.unknown()).nullable().describe('Nummern, Feldnamen, Zeiträume – nie Text einer Anfrage'),
  })
  .meta({ id: 'AuditEntry' });

const AuditPageSchema = z.object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() });

function present(e: Required<AuditEntry>): z.infer<typeof AuditEntrySchema> {
  return {
    id: e.id,
    at: e.at,
    user: e.userId === null ? null : { id: e.userId, username: e.username },
    action: e.action,
    enquiryId: e.enquiryId,
    ip: e.ip,
    detail: e.detail,
  };
}

const BERLIN = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/**
 * One CSV field: quoted when needed, and defused against formula injection (a cell
 * that starts with = + - @ or a control character gets a leading apostrophe), since
 * `detail` may hold a user name someone typed into the sign-in form.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const AUDIT_CSV_HEADER = ['Nr.', 'Zeit (UTC)', 'Zeit (Berlin)', 'Benutzer-Nr.', 'Benutzer', 'Aktion', 'Anfrage', 'Adresse', 'Details'];

export function auditCsvLine(e: Required<AuditEntry>): string {
  return [
    e.id,
    e.at,
    BERLIN.format(new Date(e.at)),
    e.userId,
    e.username,
    e.action,
    e.enquiryId,
    e.ip,
    e.detail === null ? null : JSON.stringify(e.detail),
  ]
    .map(csvField)
    .join(';');
}

export function auditRoutes({ store }: { store: Pick<Store, 'audit'> }): FastifyPluginAsync {
  return async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const adminOnly = requireRole('admin');
    const tags = ['Protokoll'];

    app.get(
      '/api/audit',
      {
        onRequest: adminOnly,
        schema: {
          summary: 'Protokoll: wer hat wann von wo was getan (neueste zuerst)',
          tags,
          querystring: AuditListQuery,
          response: { 200: AuditPageSchema, '4xx': ProblemSchema },
        },
      },
      async (request) => {
        const q = request.query;
        const page = store.audit.query({
          limit: q.limit,
          ...(q.since !== undefined ? { since: q.since } : {}),
          ...(q.before !== undefined ? { before: q.before } : {}),
          ...(q.action !== undefined ? { action: q.action } : {}),
          ...(q.userId !== undefined ? { userId: q.userId } : {}),
          ...(q.beforeId !== undefined ? { beforeId: q.beforeId } : {}),
        });
        return { items: page.items.map(present), nextCursor: page.next === null ? null : String(page.next) };
      },
    );

    app.get(
      '/api/audit.csv',
      {
        onRequest: adminOnly,
        schema: {
          summary: 'Protokoll als CSV (UTF-8 mit BOM, Semikolon), älteste zuerst',
          tags,
          querystring: AuditExportQuery,
          response: { 200: z.string().describe('CSV-Datei'), '4xx': ProblemSchema },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const filter = {
          ...(q.since !== undefined ? { since: q.since } : {}),
          ...(q.before !== undefined ? { before: q.before } : {}),
          ...(q.action !== undefined ? { action: q.action } : {}),
          ...(q.userId !== undefined ? { userId: q.userId } : {}),
        };
        // Recorded first, so the export shows up in itself: the trail is complete.
        store.audit.record({
          userId: signedInUser(request).id,
          action: 'audit.export',
          enquiryId: null,
          detail: { format: 'csv', from: q.from, to: q.to, ...(q.action ? { action: q.action } : {}), ...(q.userId ? { user: q.userId } : {}) },
          ip: request.ip,
        });
        function* lines() {
          yield `\uFEFF${AUDIT_CSV_HEADER.join(';')}\r\n`;
          for (const entry of store.audit.each(filter)) yield `${auditCsvLine(entry)}\r\n`;
        }
        const name = `lotse-protokoll${q.from ? `-ab-${q.from.slice(0, 10)}` : ''}${q.to ? `-bis-${q.to.slice(0, 10)}` : ''}.csv`;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('cache-control', 'no-store')
          // Streamed line by line (a long trail never sits in memory as one string);
          // Fastify sends streams as they are, the string schema is for the API docs.
          .send(Readable.from(lines()) as unknown as string);
      },
    );
  };
}
