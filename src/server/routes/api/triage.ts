/**
 * POST /api/triage (adviser, SPEC §4): tags a note while the adviser types — topics with
 * score and evidence, the district, the redacted text and what was redacted. Nothing is
 * stored.
 */
import type { FastifyPluginAsync, onRequestHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DISTRICT_CODES, TOPIC_IDS, type Role } from '../../../domain/ids.js';
import type { TriageResult } from '../../../triage/index.js';
import { ProblemSchema } from '../../problem.js';

export const MAX_TRIAGE_TEXT = 5000;

export const TriageBody = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1, { message: 'Der Text der Notiz darf nicht leer sein.' })
    .max(MAX_TRIAGE_TEXT, { message: `Der Text darf höchstens ${MAX_TRIAGE_TEXT} Zeichen lang sein.` }),
  district: z
    .enum(DISTRICT_CODES)
    .nullable()
    .optional()
    .describe('Landkreis von Hand (Kreisschlüssel); geht dem erkannten vor'),
});
export type TriageBody = z.infer<typeof TriageBody>;

export const TriageResponse = z
  .object({
    topics: z.array(
      z.object({
        id: z.enum(TOPIC_IDS),
        label: z.string(),
        score: z.number().min(0).max(1),
        evidence: z.array(z.string()).describe('Wörter der Notiz, die am meisten für das Thema sprachen'),
      }),
    ),
    district: z.object({ code: z.string(), name: z.string(), evidence: z.string() }).nullable(),
    redactedText: z.string(),
    redactions: z
      .array(z.object({ type: z.string(), start: z.number().int(), end: z.number().int() }))
      .describe('Geschwärzte Stellen als Positionen im Originaltext'),
    placeholders: z
      .array(z.object({ type: z.string(), start: z.number().int(), end: z.number().int() }))
      .describe('Dieselben Stellen als Positionen der Platzhalter in redactedText'),
    modelVersion: z.string(),
  })
  .meta({ id: 'TriageResult' });

/** What the route needs from the triage service (src/triage `createTriage`). */
export interface NoteTriage {
  triage(text: string, options?: { district?: string | null }): TriageResult;
}

export interface TriageRouteOptions {
  triage: NoteTriage;
  /** The access hook factory of plugins/auth.ts. */
  requireRole: (...roles: [Role, ...Role[]]) => onRequestHookHandler;
}

export function triageRoutes({ triage, requireRole }: TriageRouteOptions): FastifyPluginAsync {
  return async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    app.post(
      '/api/triage',
      {
        onRequest: requireRole('adviser'),
        schema: {
          summary: 'Notiz verschlagworten: Themen, Landkreis und Schwärzung (nichts wird gespeichert)',
          tags: ['Triage'],
          body: TriageBody,
          response: { 200: TriageResponse, '4xx': ProblemSchema },
        },
      },
      async (request) => {
        const { text, district } = request.body;
        return triage.triage(text, { district: district ?? null });
      },
    );
  };
}
