/**
 * `/anfragen` (adviser): stored enquiries with filters and paging, the call-backs due
 * today on top; `/anfragen/:id`: one enquiry, where tags, outcome, referral, call-back
 * and the article that helped can be corrected. The server renders the frame and the
 * filter form (its values from the query string); public/js/enquiries.js and
 * public/js/enquiries-detail.js read through the API, so every read is in the audit log.
 */
import type { FastifyPluginAsync } from 'fastify';
import { isDistrictCode, isTopicId, OUTCOMES, type Outcome } from '../../../domain/ids.js';
import { isLocalDay } from '../../../domain/berlin-time.js';
import { layoutData, pageAccess } from '../../plugins/pages.js';
import { pageHeaders } from './signin.js';
import { LABELS, OPTIONS, type Option } from './enquiry.js';

interface ListQuery {
  from?: string;
  to?: string;
  topic?: string;
  district?: string;
  outcome?: string;
  q?: string;
}

/** The filter values that are valid; anything else is dropped (the form shows "alle"). */
export function listFilters(query: ListQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (query.from && isLocalDay(query.from)) out.from = query.from;
  if (query.to && isLocalDay(query.to)) out.to = query.to;
  if (query.topic && isTopicId(query.topic)) out.topic = query.topic;
  if (query.district && isDistrictCode(query.district)) out.district = query.district;
  if (query.outcome && (OUTCOMES as readonly string[]).includes(query.outcome as Outcome)) out.outcome = query.outcome;
  const q = typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '';
  if (q) out.q = q;
  return out;
}

function selected(options: Option[], value: string | undefined) {
  return options.map((o) => ({ ...o, selected: o.value === value }));
}

export function enquiriesPages(): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: ListQuery }>('/anfragen', { onRequest: pageAccess('adviser'), schema: { hide: true } }, async (request, reply) => {
      const filters = listFilters(request.query ?? {});
      return pageHeaders(reply).view('enquiries', {
        ...layoutData(request, '/anfragen'),
        title: 'Anfragen',
        scripts: ['/static/js/enquiries.js'],
        labels: LABELS,
        filters,
        filtered: Object.keys(filters).length > 0,
        topics: selected(OPTIONS.topics, filters.topic),
        districts: selected(OPTIONS.districts, filters.district),
        outcomes: selected(OPTIONS.outcomes, filters.outcome),
      });
    });

    app.get<{ Params: { id: string } }>('/anfragen/:id', { onRequest: pageAccess('adviser'), schema: { hide: true } }, async (request, reply) => {
      const { id } = request.params;
      if (!/^[1-9]\d{0,14}$/.test(id)) {
        return pageHeaders(reply.code(404)).view('enquiry-detail', { ...layoutData(request, '/anfragen'), title: 'Anfrage nicht gefunden', missing: true });
      }
      return pageHeaders(reply).view('enquiry-detail', {
        ...layoutData(request, '/anfragen'),
        title: `Anfrage Nr. ${id}`,
        scripts: ['/static/js/enquiries-detail.js'],
        id,
        labels: LABELS,
        topics: OPTIONS.topics,
        districts: OPTIONS.districts,
        outcomes: OPTIONS.outcomes,
        callers: OPTIONS.callers,
      });
    });
  };
}
