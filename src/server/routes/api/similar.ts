/**
 * Helpers of the enquiry form and the enquiry list (adviser):
 *
 *   POST /api/enquiries/similar   {text, limit?, excludeId?} → stored enquiries like the note
 *   GET  /api/enquiries/referrals ?limit                     → the most used referral targets
 *   GET  /api/enquiries/callbacks ?limit                     → call-backs due today or earlier
 *
 *   await app.register(similarRoutes({ store, kb }))
 *
 * Only redacted text ever leaves: the store holds nothing else. Reading enquiries is
 * recorded in the audit trail like GET /api/enquiries.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localDayOf } from '../../../domain/berlin-time.js';
import { DISTRICTS, OUTCOMES, TOPIC_IDS, TOPIC_LABELS } from '../../../domain/ids.js';
import type { Enquiry, Store } from '../../../store/index.js';
import { requireRole, signedInUser } from '../../plugins/auth.js';
import { ProblemSchema } from '../../problem.js';
import { EnquirySchema, MAX_TEXT_LENGTH } from '../../schemas/enquiry.js';
import { presentEnquiry } from './enquiries.js';

/** Looks up the current title of an article (the KnowledgeBase fits). */
export interface ArticleTitles {
  article(slug: string): { title: string } | undefined;
}

export interface SimilarRouteOptions {
  store: Store;
  /** For the titles of articles that helped; without it the title stored with the suggestions is used. */
  kb?: ArticleTitles;
  /** Clock for "due today" (tests). */
  now?: () => Date;
}

export const SimilarBody = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1, { message: 'Der Text der Notiz darf nicht leer sein.' })
    .max(MAX_TEXT_LENGTH, { message: `Der Text darf höchstens ${MAX_TEXT_LENGTH} Zeichen lang sein.` }),
  limit: z.number().int().min(1).max(20).default(5),
  excludeId: z.number().int().min(1).optional().describe('Diese Anfrage auslassen (z. B. die gerade angezeigte)'),
});

const SimilarItem = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  text: z.string().describe('Geschwärzter Text'),
  topics: z.array(z.object({ id: z.enum(TOPIC_IDS), label: z.string() })),
  district: z.object({ code: z.string(), name: z.string() }).nullable(),
  outcome: z.enum(OUTCOMES),
  referredTo: z.string().nullable(),
  articleUsed: z.object({ slug: z.string(), title: z.string() }).nullable(),
  score: z.number(),
});

export const SimilarResponse = z.object({ items: z.array(SimilarItem) }).meta({ id: 'SimilarEnquiries' });

const LimitQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export const ReferralResponse = z
  .object({ items: z.array(z.object({ referredTo: z.string(), count: z.number().int() })) })
  .meta({ id: 'ReferralTargets' });

export const CallbackResponse = z.object({ day: z.string(), items: z.array(EnquirySchema) }).meta({ id: 'DueCallbacks' });

/** The referral targets are counted over the whole history the roll-ups hold. */
const ALL_DAYS = ['0000-01-01', '9999-12-31'] as const;

export function similarRoutes({ store, kb, now = () => new Date() }: SimilarRouteOptions): FastifyPluginAsync {
  function titleOf(enquiry: Enquiry, slug: string): string {
    return kb?.article(slug)?.title ?? enquiry.suggestions.find((s) => s.slug === slug)?.title ?? slug;
  }

  return async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const adviser = requireRole('adviser');
    const tags = ['Anfragen'];

    app.post(
      '/api/enquiries/similar',
      {
        onRequest: adviser,
        schema: {
          summary: 'Ähnliche gespeicherte Anfragen zu einer Notiz (geschwärzt, mit Ergebnis und hilfreichem Artikel)',
          tags,
          body: SimilarBody,
          response: { 200: SimilarResponse, '4xx': ProblemSchema },
        },
      },
      async (request) => {
        const { text, limit, excludeId } = request.body;
        const items: z.infer<typeof SimilarItem>[] = [];
        for (const match of store.similar.similar(text, { limit, ...(excludeId ? { excludeId } : {}) })) {
          const e = store.enquiries.get(match.id);
          if (!e || e.text === null) continue;
          items.push({
            id: e.id,
            createdAt: e.createdAt,
            text: e.text,
            topics: e.topics.map((t) => ({ id: t.id, label: TOPIC_LABELS[t.id] })),
            district: e.district ? { code: e.district.code, name: DISTRICTS[e.district.code] } : null,
            outcome: e.outcome,
            referredTo: e.referredTo,
            articleUsed: e.articleUsed ? { slug: e.articleUsed, title: titleOf(e, e.articleUsed) } : null,
            score: match.score,
          });
        }
        if (items.length > 0) {
          store.audit.record({ userId: signedInUser(request).id, action: 'enquiry.list', enquiryId: null, detail: { ids: items.map((i) => i.id), via: 'similar' }, ip: request.ip });
        }
        return { items };
      },
    );

    app.get(
      '/api/enquiries/referrals',
      {
        onRequest: adviser,
        schema: {
          summary: 'Die häufigsten Stellen, an die weiterverwiesen wurde',
          tags,
          querystring: LimitQuery,
          response: { 200: ReferralResponse, '4xx': ProblemSchema },
        },
      },
      async (request) => ({ items: store.rollups.referrals(ALL_DAYS[0], ALL_DAYS[1], request.query.limit) }),
    );

    app.get(
      '/api/enquiries/callbacks',
      {
        onRequest: adviser,
        schema: {
          summary: 'Fällige Rückrufe (heute oder früher, Ergebnis noch „Rückruf“), älteste zuerst',
          tags,
          querystring: LimitQuery,
          response: { 200: CallbackResponse, '4xx': ProblemSchema },
        },
      },
      async (request) => {
        const day = localDayOf(now());
        const items = store.callbacks
          .due(day, request.query.limit)
          .map((c) => store.enquiries.get(c.id))
          .filter((e): e is Enquiry => e !== null);
        if (items.length > 0) {
          store.audit.record({ userId: signedInUser(request).id, action: 'enquiry.list', enquiryId: null, detail: { ids: items.map((e) => e.id), via: 'callbacks' }, ip: request.ip });
        }
        return { day, items: items.map(presentEnquiry) };
      },
    );
  };
}
