/**
 * Knowledge-base API (SPEC §4): search and articles for advisers, status and reload for
 * editors. Thin routes: validate, call the KnowledgeBase, shape the reply.
 *
 *   await app.register(kbRoutes({ kb, requireRole }))
 */
import type { FastifyPluginAsync, onRequestHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../../domain/errors.js';
import { DISTRICT_CODES, TOPIC_IDS, isTopicId, type Role } from '../../../domain/ids.js';
import type { KnowledgeBase } from '../../../kb/index.js';
import type { AuditLog } from '../../../store/index.js';
import { ProblemSchema } from '../../problem.js';

export const MAX_KB_QUERY = 1000;
export const SLUG = /^[a-z0-9-]+$/;

const Topics = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
  .superRefine((ids, ctx) => {
    for (const id of ids) {
      if (!isTopicId(id)) ctx.addIssue({ code: 'custom', message: `Unbekanntes Thema „${id}“. Erlaubt sind: ${TOPIC_IDS.join(', ')}.` });
    }
  });

export const KbSearchQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1, { message: 'Bitte Suchwörter angeben.' })
    .max(MAX_KB_QUERY, { message: `Höchstens ${MAX_KB_QUERY} Zeichen.` })
    .describe('Suchwörter oder eine ganze Notiz'),
  district: z.enum(DISTRICT_CODES).optional().describe('Kreisschlüssel: lokale Artikel dieses Landkreises zuerst, andere Landkreise ausgeblendet'),
  topic: Topics.optional().describe('Themen-IDs (mehrfach oder kommagetrennt): Artikel dieser Themen werden bevorzugt'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

const ArticleParams = z.strictObject({
  slug: z.string().max(200, { message: 'Höchstens 200 Zeichen.' }).regex(SLUG, { message: 'Erwartet ist ein Slug aus a–z, 0–9 und Bindestrichen.' }),
});

const SearchResponse = z
  .object({
    results: z.array(
      z.object({
        slug: z.string(),
        title: z.string(),
        summary: z.string(),
        score: z.number(),
        topics: z.array(z.string()),
        districts: z.array(z.string()),
        snippet: z.string().describe('Textauszug, HTML-maskiert, Treffer in <mark>'),
      }),
    ),
    revision: z.string(),
  })
  .meta({ id: 'KbSearchResult' });

const ArticleResponse = z
  .object({
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    topics: z.array(z.string()),
    districts: z.array(z.string()),
    keywords: z.array(z.string()),
    updated: z.string(),
    reviewBy: z.string().optional(),
    html: z.string().describe('Bereinigtes HTML des Artikels'),
    file: z.string(),
    lastCommit: z.object({ date: z.string(), author: z.string() }).optional(),
  })
  .meta({ id: 'KbArticle' });

const Problem = z.object({ file: z.string(), line: z.number().int().optional(), message: z.string() });

const StatusResponse = z
  .object({
    revision: z.string(),
    articles: z.number().int(),
    errors: z.array(Problem),
    warnings: z.array(Problem),
    stale: z.array(z.object({ slug: z.string(), title: z.string(), reviewBy: z.string() })),
    misses: z.array(z.object({ query: z.string(), count: z.number().int() })),
    loadedAt: z.string(),
  })
  .meta({ id: 'KbStatus' });

const ReloadResponse = z
  .object({
    revision: z.string(),
    articles: z.number().int(),
    errors: z.number().int(),
    added: z.array(z.string()),
    changed: z.array(z.string()),
    removed: z.array(z.string()),
    git: z.object({ ok: z.boolean(), message: z.string() }).optional(),
  })
  .meta({ id: 'KbReload' });

export interface KbRouteOptions {
  kb: Pick<KnowledgeBase, 'search' | 'article' | 'status' | 'reload'>;
  /** The access hook factory of plugins/auth.ts. */
  requireRole: (...roles: [Role, ...Role[]]) => onRequestHookHandler;
  /** The audit trail: a reload by hand is recorded as `kb.reload` (who, when, from where). */
  audit?: Pick<AuditLog, 'record'>;
}

export function kbRoutes({ kb, requireRole, audit }: KbRouteOptions): FastifyPluginAsync {
  return async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const adviser = requireRole('adviser');
    const editor = requireRole('editor');

    app.get(
      '/api/kb/search',
      {
        onRequest: adviser,
        schema: {
          summary: 'Wissensbasis durchsuchen (Suchwörter oder ganze Notiz)',
          tags: ['Wissensbasis'],
          querystring: KbSearchQuery,
          response: { 200: SearchResponse, '4xx': ProblemSchema },
        },
      },
      async (request) => {
        const { q, district, topic, limit } = request.query;
        return kb.search(q, { district: district ?? null, topics: topic ?? [], limit });
      },
    );

    app.get(
      '/api/kb/articles/:slug',
      {
        onRequest: adviser,
        schema: {
          summary: 'Einen Artikel mit bereinigtem HTML abrufen',
          tags: ['Wissensbasis'],
          params: ArticleParams,
          response: { 200: ArticleResponse, '4xx': ProblemSchema },
        },
      },
      async (request) => {
        const article = kb.article(request.params.slug);
        if (!article) throw new NotFoundError('KB_ARTICLE_NOT_FOUND', `Den Artikel „${request.params.slug}“ gibt es nicht.`);
        return article;
      },
    );

    app.get(
      '/api/kb/status',
      {
        onRequest: editor,
        schema: {
          summary: 'Stand der Wissensbasis: Revision, abgelehnte Dateien, überfällige Artikel',
          tags: ['Wissensbasis'],
          response: { 200: StatusResponse, '4xx': ProblemSchema },
        },
      },
      async () => kb.status(),
    );

    app.post(
      '/api/kb/reload',
      {
        onRequest: editor,
        schema: {
          summary: 'Wissensbasis jetzt neu laden (z. B. für einen Git-Webhook)',
          tags: ['Wissensbasis'],
          response: { 200: ReloadResponse, '4xx': ProblemSchema },
        },
      },
      async (request) => {
        const result = await kb.reload();
        request.log.info({ revision: result.revision, errors: result.errors, added: result.added.length, changed: result.changed.length, removed: result.removed.length }, 'kb reloaded');
        audit?.record({
          userId: request.user?.id ?? null,
          action: 'kb.reload',
          enquiryId: null,
          detail: { revision: result.revision, articles: result.articles, errors: result.errors },
          ip: request.ip,
        });
        return result;
      },
    );
  };
}
