/**
 * Enquiries (adviser): POST/GET /api/enquiries, GET/PATCH /api/enquiries/:id (SPEC §4);
 * DELETE /api/enquiries/:id (admin) on a data subject's request.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DISTRICTS, TOPIC_LABELS } from '../../../domain/ids.js';
import type { Enquiry } from '../../../store/index.js';
import { requireRole, signedInUser } from '../../plugins/auth.js';
import { ProblemSchema } from '../../problem.js';
import { IdParams } from '../../schemas/common.js';
import {
  CreateEnquiryBody,
  encodeCursor,
  EnquiryPageSchema,
  EnquirySchema,
  ListEnquiriesQuery,
  PatchEnquiryBody,
  type EnquiryResponse,
} from '../../schemas/enquiry.js';
import type { EnquiryService } from '../../services/enquiries.js';

/** The API form of a stored enquiry: topic labels and the district name added. */
export function presentEnquiry(e: Enquiry): EnquiryResponse {
  return {
    id: e.id,
    text: e.text,
    redactions: e.redactions,
    channel: e.channel,
    caller: e.caller,
    topics: e.topics.map((t) => ({ id: t.id, label: TOPIC_LABELS[t.id], score: t.score, source: t.source })),
    district: e.district ? { code: e.district.code, name: DISTRICTS[e.district.code], source: e.district.source } : null,
    outcome: e.outcome,
    referredTo: e.referredTo,
    articleUsed: e.articleUsed,
    callbackDate: e.callbackDate,
    suggestions: e.suggestions,
    triageVersion: e.triageVersion,
    author: e.author,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    textPurgedAt: e.textPurgedAt,
  };
}

export function enquiryRoutes({ enquiries }: { enquiries: EnquiryService }): FastifyPluginAsync {
  return async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const adviser = requireRole('adviser');
    const tags = ['Anfragen'];

    app.post(
      '/api/enquiries',
      {
        onRequest: adviser,
        schema: {
          summary: 'Anfrage speichern (Text wird geschwärzt, Themen und Landkreis automatisch, wenn nicht angegeben)',
          tags,
          body: CreateEnquiryBody,
          response: { 201: EnquirySchema, '4xx': ProblemSchema },
        },
      },
      async (request, reply) => {
        const enquiry = enquiries.record(request.body, signedInUser(request), { ip: request.ip });
        return reply.code(201).send(presentEnquiry(enquiry));
      },
    );

    app.get(
      '/api/enquiries',
      {
        onRequest: adviser,
        schema: {
          summary: 'Anfragen suchen, neueste zuerst',
          tags,
          querystring: ListEnquiriesQuery,
          response: { 200: EnquiryPageSchema, '4xx': ProblemSchema },
        },
      },
      async (request) => {
        const page = enquiries.list(request.query, signedInUser(request), { ip: request.ip });
        return { items: page.items.map(presentEnquiry), nextCursor: page.next ? encodeCursor(page.next) : null };
      },
    );

    app.get(
      '/api/enquiries/:id',
      {
        onRequest: adviser,
        schema: { summary: 'Eine Anfrage', tags, params: IdParams, response: { 200: EnquirySchema, '4xx': ProblemSchema } },
      },
      async (request) => presentEnquiry(enquiries.get(request.params.id, signedInUser(request), { ip: request.ip })),
    );

    app.patch(
      '/api/enquiries/:id',
      {
        onRequest: adviser,
        schema: {
          summary: 'Themen, Landkreis, Ergebnis oder verwendeten Artikel korrigieren',
          tags,
          params: IdParams,
          body: PatchEnquiryBody,
          response: { 200: EnquirySchema, '4xx': ProblemSchema },
        },
      },
      async (request) => presentEnquiry(enquiries.correct(request.params.id, request.body, signedInUser(request), { ip: request.ip })),
    );

    app.delete(
      '/api/enquiries/:id',
      {
        onRequest: requireRole('admin'),
        schema: {
          summary: 'Anfrage endgültig löschen (Auskunfts- oder Löschersuchen); die Zahlen folgen, die Löschung wird protokolliert',
          tags,
          params: IdParams,
          response: { 204: z.null().describe('Gelöscht'), '4xx': ProblemSchema },
        },
      },
      async (request, reply) => {
        enquiries.remove(request.params.id, signedInUser(request), { ip: request.ip });
        return reply.code(204).send(null);
      },
    );
  };
}
