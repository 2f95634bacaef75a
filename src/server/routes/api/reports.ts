/**
 * `GET /api/reports/enquiries.csv?from&to` (lead): the figures of a period as CSV for
 * spreadsheets — UTF-8 with BOM (so Excel reads the umlauts), `;` as separator, CRLF
 * line ends, German headers, figures only (never enquiry text).
 *
 * One table with a fixed set of columns; the column `Abschnitt` says what a row counts:
 * - `Themennennungen`: topic × district × caller (an enquiry with two topics counts once
 *   for each), so the sums per topic equal the topic series of `/api/trends`;
 * - `Anfragen`: district × caller, each enquiry once, so their sum equals its `total`;
 * - `Weiterverweisungen`: referral targets.
 *
 * Every export is written to the audit log (`report.export`).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../../../store/index.js';
import type { LocalDay } from '../../../trends/index.js';
import { requireRole, signedInUser } from '../../plugins/auth.js';
import { ProblemSchema } from '../../problem.js';
import { checkRange, createTrendsService, DayOrInstant, labelOf, type PeriodFigures, type TrendsService } from './trends.js';

/** The default report period: this calendar year up to today. */
export function defaultReportFrom(to: LocalDay): LocalDay {
  return `${to.slice(0, 4)}-01-01`;
}

/** `from`/`to` of an export or report; defaults: 1 January of `to`'s year, and today. */
export function reportQuerySchema(today: () => LocalDay) {
  return z
    .strictObject({
      from: DayOrInstant.optional().describe('Ab (einschließlich); Standard: 1. Januar dieses Jahres'),
      to: DayOrInstant.optional().describe('Bis (einschließlich); Standard: heute'),
    })
    .transform((q, ctx) => checkRange(q, { to: today, from: defaultReportFrom }, ctx));
}

export const CSV_COLUMNS = ['Abschnitt', 'Von', 'Bis', 'Thema', 'Themen-ID', 'Landkreis', 'Kreisschlüssel', 'Anrufende', 'Weiterverwiesen an', 'Anzahl'] as const;

/**
 * One CSV field: quoted when it holds the separator, a quote or a line break; a leading
 * `=`, `+`, `-`, `@`, tab or CR (free text such as a referral target) is defused with an
 * apostrophe so that spreadsheets do not run it as a formula.
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(fields: readonly (string | number)[]): string {
  return `${fields.map(csvField).join(';')}\r\n`;
}

/** The CSV document (with BOM) for the figures of a period. */
export function enquiriesCsv(figures: PeriodFigures): string {
  const { from, to } = figures;
  const lines = ['\uFEFF', csvLine(CSV_COLUMNS)];
  for (const row of figures.cube) {
    lines.push(
      csvLine(['Themennennungen', from, to, labelOf('topic', row.topic), row.topic, labelOf('district', row.district), row.district, labelOf('caller', row.caller), '', row.count]),
    );
  }
  for (const row of figures.enquiryCube) {
    lines.push(csvLine(['Anfragen', from, to, '', '', labelOf('district', row.district), row.district, labelOf('caller', row.caller), '', row.count]));
  }
  for (const row of figures.referrals) {
    lines.push(csvLine(['Weiterverweisungen', from, to, '', '', '', '', '', row.referredTo, row.count]));
  }
  return lines.join('');
}

export interface ReportRoutesDeps {
  store: Pick<Store, 'rollups' | 'audit'>;
  now?: () => Date;
  trends?: TrendsService;
}

export function reportRoutes(deps: ReportRoutesDeps): FastifyPluginAsync {
  return async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const trends = deps.trends ?? createTrendsService(deps);

    app.get(
      '/api/reports/enquiries.csv',
      {
        onRequest: requireRole('lead'),
        schema: {
          summary: 'Kennzahlen eines Zeitraums als CSV (UTF-8 mit BOM, Semikolon, CRLF)',
          tags: ['Berichte'],
          querystring: reportQuerySchema(trends.today),
          response: { 200: z.string().describe('CSV-Datei'), '4xx': ProblemSchema },
        },
      },
      async (request, reply) => {
        const { from, to } = request.query;
        const csv = enquiriesCsv(trends.period(from, to));
        deps.store.audit.record({ userId: signedInUser(request).id, action: 'report.export', enquiryId: null, detail: { format: 'csv', from, to }, ip: request.ip });
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="lotse-anfragen-${from}-bis-${to}.csv"`)
          .header('cache-control', 'no-store')
          .send(csv);
      },
    );
  };
}
