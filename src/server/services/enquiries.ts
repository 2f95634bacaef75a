/**
 * What happens when an adviser stores, reads or corrects an enquiry: triage on the
 * original text, only the redacted text stored, auto tags unless the adviser chose
 * them, district by hand before detected, article suggestions, training examples and
 * the audit trail. No Fastify here: the routes call these functions.
 */
import { NotFoundError } from '../../domain/errors.js';
import { isDistrictCode, isTopicId, type TopicId } from '../../domain/ids.js';
import type { Logger } from '../../domain/logger.js';
import type { AuditContext, Enquiry, EnquiryChanges, EnquiryPage, EnquiryQuery, StoredTopic, Store, Suggestion } from '../../store/index.js';
import type { SessionUser } from '../../store/index.js';
import type { ArticleSuggester, EnquiryTriage } from '../seams.js';
import type { CreateEnquiryBody } from '../schemas/enquiry.js';

export const SUGGESTION_LIMIT = 5;

/** `context.ip`: the client address, written to the audit trail with the action. */
export interface EnquiryService {
  record(input: CreateEnquiryBody, actor: SessionUser, context?: AuditContext): Enquiry;
  get(id: number, actor: SessionUser, context?: AuditContext): Enquiry;
  list(query: EnquiryQuery, actor: SessionUser, context?: AuditContext): EnquiryPage;
  correct(id: number, changes: EnquiryChanges, actor: SessionUser, context?: AuditContext): Enquiry;
  /** Deletes an enquiry for good (a data subject's request); audited. */
  remove(id: number, actor: SessionUser, context?: AuditContext): void;
}

export interface EnquiryServiceDeps {
  store: Store;
  triage: EnquiryTriage;
  suggester: ArticleSuggester;
  logger: Logger;
}

export function createEnquiryService({ store, triage, suggester, logger }: EnquiryServiceDeps): EnquiryService {
  function suggest(text: string, district: string | null, topics: TopicId[]): Suggestion[] {
    try {
      return suggester.suggest(text, { district, topics, limit: SUGGESTION_LIMIT }).slice(0, SUGGESTION_LIMIT);
    } catch (error) {
      // A broken search must not stop an adviser from logging a call.
      logger.error({ err: error }, 'article suggestions failed');
      return [];
    }
  }

  function learn(text: string | null, topics: TopicId[]): void {
    if (text === null) return;
    try {
      triage.learn({ text, topics });
    } catch (error) {
      logger.error({ err: error }, 'triage could not learn from a correction');
    }
  }

  return {
    record(input, actor, context) {
      // Triage sees the original text; if it fails there is no redaction, so nothing is stored.
      const result = triage.triage(input.text);
      const topics: StoredTopic[] = input.topics
        ? input.topics.map((id) => ({ id, score: 1, source: 'manual' }))
        : result.topics.filter((t) => isTopicId(t.id)).map((t) => ({ id: t.id, score: t.score, source: 'auto' }));
      const detected = result.district && isDistrictCode(result.district.code) ? result.district.code : null;
      if (result.district && !detected) logger.warn({ code: result.district.code }, 'triage returned an unknown district code');
      // A district given by hand wins; null says "no district" on purpose, so nothing is detected.
      const district =
        input.district === null ? null : input.district ? { code: input.district, source: 'manual' as const } : detected ? { code: detected, source: 'auto' as const } : null;
      const text = result.redactedText;
      const enquiry = store.enquiries.create({
        text,
        redactions: result.placeholders,
        channel: input.channel,
        caller: input.caller ?? null,
        district,
        topics,
        outcome: input.outcome,
        referredTo: input.referredTo ?? null,
        articleUsed: input.articleUsed ?? null,
        callbackDate: input.callbackDate ?? null,
        suggestions: suggest(text, district?.code ?? null, topics.map((t) => t.id)),
        triageVersion: result.modelVersion,
        authorId: actor.id,
        ...(input.topics ? { trainingSource: 'enquiry' } : {}),
      }, context);
      if (input.topics) learn(enquiry.text, input.topics);
      return enquiry;
    },
    get(id, actor, context) {
      const enquiry = store.enquiries.get(id);
      if (!enquiry) throw new NotFoundError('ENQUIRY_NOT_FOUND', `Anfrage ${id} gibt es nicht.`);
      store.audit.record({ userId: actor.id, action: 'enquiry.read', enquiryId: id, detail: null, ip: context?.ip ?? null });
      return enquiry;
    },
    list(query, actor, context) {
      const page = store.enquiries.list(query);
      if (page.items.length > 0) {
        store.audit.record({ userId: actor.id, action: 'enquiry.list', enquiryId: null, detail: { ids: page.items.map((e) => e.id) }, ip: context?.ip ?? null });
      }
      return page;
    },
    correct(id, changes, actor, context) {
      const enquiry = store.enquiries.update(id, changes, actor.id, context);
      if (changes.topics) learn(enquiry.text, changes.topics);
      return enquiry;
    },
    remove(id, actor, context) {
      store.enquiries.delete(id, actor.id, context);
      logger.info({ enquiryId: id, by: actor.id }, 'enquiry deleted');
    },
  };
}
