/**
 * GET /api/kb/usage (editor): how the knowledge base served the hotline in a period —
 * articles suggested vs. marked as helpful, and content gaps per topic (enquiries for
 * which no article helped and the best suggestion scored low), with a few redacted
 * example notes so that editors see what is missing.
 *
 *   await app.register(kbUsageRoutes({ store, kb }))
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addDays, isLocalDay, startOfLocalDay } from '../../../domain/berlin-time.js';
import { isTopicId, TOPIC_LABELS } from '../../../domain/ids.js';
import type { Store } from '../../../store/index.js';
import { requireRole, signedInUser } from '../../plugins/auth.js';
import { ProblemSchema } from '../../problem.js';
import { IsoDate } from '../../schemas/common.js';
import type { ArticleTitles } from './similar.js';

export interface KbUsageRouteOptions {
  store: Store;
  /** To tell whether an article is still served and to name it; optional. */
  kb?: ArticleTitles;
}

export const KbUsageQuery = z
  .strictObject({
    from: IsoDate.optional().describe('Ab (einschließlich), Tag in Europe/Berlin'),
    to: IsoDate.optional().describe('Bis (einschließlich), Tag in Europe/Berlin'),
    lowScore: z.coerce.number().min(0).optional().describe('Bester Vorschlag unter diesem Score = kein guter Artikel; ohne Angabe die Hälfte des mittleren besten Scores im Zeitraum'),
    examples: z.coerce.number().int().min(0).max(10).default(3).describe('Beispiel-Notizen je Thema'),
  })
  .superRefine((q, ctx) => {
    if (q.from !== undefined && q.to !== undefined && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '„to“ liegt vor „from“.' });
  });

const KbUsageResponse = z
  .object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    enquiries: z.number().int(),
    withHelp: z.number().int(),
    lowScoreThreshold: z.number().nullable(),
    articles: z.array(
      z.object({
        slug: z.string(),
        title: z.string(),
        inKb: z.boolean().nullable().describe('Wird der Artikel noch ausgeliefert? null, wenn unbekannt'),
        shown: z.number().int(),
        shownFirst: z.number().int(),
        used: z.number().int(),
        usedWhenShown: z.number().int(),
        helpfulRate: z.number().nullable().describe('usedWhenShown / shown: Anteil der Vorschläge, die geholfen haben; null, wenn nie vorgeschlagen'),
      }),
    ),
    topics: z.array(
      z.object({
        topic: z.string(),
        label: z.string(),
        enquiries: z.number().int(),
        withoutHelp: z.number().int(),
        lowScore: z.number().int(),
        gaps: z.number().int(),
        examples: z.array(z.object({ id: z.number().int(), createdAt: z.string(), excerpt: z.string(), bestScore: z.number().nullable() })),
      }),
    ),
  })
  .meta({ id: 'KbUsage' });

export function kbUsageRoutes({ store, kb }: KbUsageRouteOptions): FastifyPluginAsync {
  return async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/kb/usage',
      {
        onRequest: requireRole('editor'),
        schema: {
          summary: 'Nutzung der Wissensbasis: vorgeschlagene und hilfreiche Artikel, Lücken je Thema',
          tags: ['Wissensbasis'],
          querystring: KbUsageQuery,
          response: { 200: KbUsageResponse, '4xx': ProblemSchema },
        },
      },
      async (request) => {
        const { from, to, lowScore, examples } = request.query;
        const usage = store.kbUsage.usage({
          ...(from !== undefined && isLocalDay(from) ? { since: new Date(startOfLocalDay(from)).toISOString() } : {}),
          ...(to !== undefined && isLocalDay(to) ? { before: new Date(startOfLocalDay(addDays(to, 1))).toISOString() } : {}),
          ...(lowScore !== undefined ? { lowScore } : {}),
          examples,
        });
        const shownIds = usage.topics.flatMap((t) => t.examples.map((e) => e.id));
        if (shownIds.length > 0) {
          store.audit.record({ userId: signedInUser(request).id, action: 'enquiry.list', enquiryId: null, detail: { ids: shownIds, via: 'kb-usage' }, ip: request.ip });
        }
        return {
          from: from ?? null,
          to: to ?? null,
          enquiries: usage.enquiries,
          withHelp: usage.withHelp,
          lowScoreThreshold: usage.lowScoreThreshold,
          articles: usage.articles.map((a) => {
            const current = kb?.article(a.slug);
            return {
              slug: a.slug,
              title: current?.title ?? a.title ?? a.slug,
              inKb: kb ? current !== undefined : null,
              shown: a.shown,
              shownFirst: a.shownFirst,
              used: a.used,
              usedWhenShown: a.usedWhenShown,
              helpfulRate: a.shown > 0 ? Math.round((a.usedWhenShown / a.shown) * 1000) / 1000 : null,
            };
          }),
          topics: usage.topics.map((t) => ({ ...t, label: isTopicId(t.topic) ? TOPIC_LABELS[t.topic] : t.topic })),
        };
      },
    );
  };
}
