/**
 * Enquiries and their topics. Every change goes through ONE function, `write`, which
 * runs in a single transaction: the enquiry row, its topics, a training example when
 * tags were chosen by a person, the audit entry, and every registered
 * {@link EnquiryWriteHook}. Roll-up tables (counts per day × topic/district/caller)
 * hook in there, so they can never drift from the enquiries.
 */
import { NotFoundError } from '../domain/errors.js';
import type { Caller, Channel, DistrictCode, Outcome, TopicId } from '../domain/ids.js';
import type { Logger } from '../domain/logger.js';
import type { AuditLog } from './audit.js';
import type { Db } from './database.js';

export type TagSource = 'auto' | 'manual';

export interface Redaction {
  type: string;
  start: number;
  end: number;
}

export interface Suggestion {
  slug: string;
  title: string;
  score: number;
}

export interface StoredTopic {
  id: TopicId;
  score: number;
  source: TagSource;
}

export interface Enquiry {
  id: number;
  /** The redacted text; null once the retention period has removed it. */
  text: string | null;
  redactions: Redaction[];
  channel: Channel;
  caller: Caller | null;
  district: { code: DistrictCode; source: TagSource } | null;
  /** Best first. */
  topics: StoredTopic[];
  outcome: Outcome;
  referredTo: string | null;
  articleUsed: string | null;
  callbackDate: string | null;
  /** Articles suggested when the enquiry was stored. */
  suggestions: Suggestion[];
  triageVersion: string | null;
  author: { id: number; username: string } | null;
  createdAt: string;
  updatedAt: string;
  textPurgedAt: string | null;
}

export interface NewEnquiry {
  /** Already redacted text. The original never reaches the store. */
  text: string;
  redactions: Redaction[];
  channel: Channel;
  caller: Caller | null;
  district: { code: DistrictCode; source: TagSource } | null;
  topics: StoredTopic[];
  outcome: Outcome;
  referredTo: string | null;
  articleUsed: string | null;
  callbackDate: string | null;
  suggestions: Suggestion[];
  triageVersion: string | null;
  authorId: number | null;
  /** For imports and demo data; default: now. */
  createdAt?: Date;
  /** When set, the topics were chosen by a person and are kept as a training example with this source. */
  trainingSource?: string;
}

export interface EnquiryChanges {
  /** Replaces the topics; they become `manual` and a training example is stored. */
  topics?: TopicId[];
  /** Sets the district by hand (`manual`); null removes it. */
  district?: DistrictCode | null;
  outcome?: Outcome;
  referredTo?: string | null;
  articleUsed?: string | null;
  callbackDate?: string | null;
}

/** Keyset position: the page continues with enquiries older than this one. */
export interface EnquiryPosition {
  createdAt: string;
  id: number;
}

export interface EnquiryQuery {
  /** Inclusive lower bound of `createdAt` (UTC ISO). */
  since?: string;
  /** Exclusive upper bound of `createdAt` (UTC ISO). */
  before?: string;
  topic?: TopicId;
  district?: DistrictCode;
  outcome?: Outcome;
  /** Words to find in the text (prefix match, all words). */
  text?: string;
  after?: EnquiryPosition;
  limit: number;
}

export interface EnquiryPage {
  items: Enquiry[];
  /** Where the next page starts, or null on the last page. */
  next: EnquiryPosition | null;
}

export interface EnquiryChange {
  before: Enquiry | null;
  after: Enquiry;
  /** Set when the enquiry was deleted; `before` and `after` are then both the deleted enquiry. */
  deleted?: true;
}

/** Where a write came from, for the audit trail (the client address). */
export interface AuditContext {
  ip?: string | null;
}

/** Runs inside the write transaction; throwing rolls the whole write back. */
export type EnquiryWriteHook = (change: EnquiryChange) => void;
/** Runs after the write committed (e.g. to notify live dashboards); errors are logged. */
export type EnquiryListener = (change: EnquiryChange) => void;

export interface TrainingExample {
  id: number;
  text: string;
  topics: TopicId[];
  source: string;
  enquiryId: number | null;
  createdAt: string;
}

export interface EnquiryRepository {
  create(input: NewEnquiry, context?: AuditContext): Enquiry;
  update(id: number, changes: EnquiryChanges, actorId: number | null, context?: AuditContext): Enquiry;
  /**
   * Deletes an enquiry for good (a data subject's request): its topics, its training
   * examples and its full-text entry go with it, the roll-ups follow by trigger, and the
   * deletion is audited. `NotFoundError` when there is no such enquiry.
   */
  delete(id: number, actorId: number | null, context?: AuditContext): Enquiry;
  /** Null when there is no such enquiry. */
  get(id: number): Enquiry | null;
  list(query: EnquiryQuery): EnquiryPage;
  count(): number;
  /** Subscribes to committed changes; returns the unsubscribe function. */
  onCommitted(listener: EnquiryListener): () => void;
  /** Training examples, oldest first. */
  trainingExamples(): TrainingExample[];
  /** Removes the free text (text, redactions) of enquiries created before `cutoff`; tags, referral and figures stay. */
  purgeTextBefore(cutoff: Date): number;
  /**
   * One small step of the retention run: removes the free text of at most `limit`
   * enquiries created before `cutoff`, and at most `limit` training examples, in one
   * short transaction. The caller repeats (yielding in between) until both are below `limit`.
   */
  purgeTextBatch(cutoff: Date, limit: number): { enquiries: number; examples: number };
}

export interface EnquiryRepositoryOptions {
  now: () => Date;
  logger: Logger;
  audit: AuditLog;
  /** Called inside every write transaction, in order. */
  hooks?: readonly EnquiryWriteHook[];
}

interface EnquiryRow {
  id: number;
  text: string | null;
  redactions: string;
  channel: Channel;
  caller: Caller | null;
  district_code: DistrictCode | null;
  district_source: TagSource | null;
  outcome: Outcome;
  referred_to: string | null;
  article_used: string | null;
  callback_date: string | null;
  suggestions: string;
  triage_version: string | null;
  author_id: number | null;
  author_username: string | null;
  created_at: string;
  updated_at: string;
  text_purged_at: string | null;
}

interface TopicRow {
  enquiry_id: number;
  topic: TopicId;
  score: number;
  source: TagSource;
}

type WriteOp =
  | { kind: 'create'; input: NewEnquiry; ip: string | null }
  | { kind: 'update'; id: number; changes: EnquiryChanges; actorId: number | null; ip: string | null };

const SELECT_ENQUIRY = `SELECT e.*, u.username AS author_username
  FROM enquiries e LEFT JOIN users u ON u.id = e.author_id`;

/** Turns free words into a safe FTS5 query: every word quoted, prefix match, all required. */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return words
    .slice(0, 12)
    .map((w) => `"${w}"*`)
    .join(' ');
}

export function createEnquiryRepository(db: Db, options: EnquiryRepositoryOptions): EnquiryRepository {
  const { now, logger, audit } = options;
  const hooks = options.hooks ?? [];
  const listeners = new Set<EnquiryListener>();

  const stmt = {
    byId: db.prepare<[number], EnquiryRow>(`${SELECT_ENQUIRY} WHERE e.id = ?`),
    topicsOf: db.prepare<[number], TopicRow>('SELECT enquiry_id, topic, score, source FROM enquiry_topics WHERE enquiry_id = ? ORDER BY rank'),
    topicsOfMany: db.prepare<[string], TopicRow>(
      'SELECT enquiry_id, topic, score, source FROM enquiry_topics WHERE enquiry_id IN (SELECT value FROM json_each(?)) ORDER BY enquiry_id, rank',
    ),
    insert: db.prepare(
      `INSERT INTO enquiries (text, redactions, channel, caller, district_code, district_source, outcome, referred_to,
         article_used, callback_date, suggestions, triage_version, author_id, created_at, updated_at)
       VALUES (@text, @redactions, @channel, @caller, @districtCode, @districtSource, @outcome, @referredTo,
         @articleUsed, @callbackDate, @suggestions, @triageVersion, @authorId, @createdAt, @createdAt)`,
    ),
    update: db.prepare(
      `UPDATE enquiries SET district_code = @districtCode, district_source = @districtSource, outcome = @outcome,
         referred_to = @referredTo, article_used = @articleUsed, callback_date = @callbackDate, updated_at = @updatedAt
       WHERE id = @id`,
    ),
    deleteTopics: db.prepare<[number]>('DELETE FROM enquiry_topics WHERE enquiry_id = ?'),
    insertTopic: db.prepare<[number, string, number, string, number]>(
      'INSERT INTO enquiry_topics (enquiry_id, topic, score, source, rank) VALUES (?, ?, ?, ?, ?)',
    ),
    insertExample: db.prepare<[string, string, string, number | null, string]>(
      'INSERT INTO training_examples (text, topics, source, enquiry_id, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    examples: db.prepare<[], { id: number; text: string; topics: string; source: string; enquiry_id: number | null; created_at: string }>(
      'SELECT * FROM training_examples ORDER BY id',
    ),
    count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM enquiries'),
    purgeText: db.prepare<[string, string]>(
      // The referral target names an office, not a person, and feeds the yearly figures.
      `UPDATE enquiries SET text = NULL, redactions = '[]', text_purged_at = ?
       WHERE created_at < ? AND text IS NOT NULL`,
    ),
    purgeExamples: db.prepare<[string]>('DELETE FROM training_examples WHERE created_at < ?'),
    purgeTextBatch: db.prepare<[string, string, number]>(
      `UPDATE enquiries SET text = NULL, redactions = '[]', text_purged_at = ?
       WHERE id IN (SELECT id FROM enquiries WHERE created_at < ? AND text IS NOT NULL ORDER BY created_at, id LIMIT ?)`,
    ),
    // Examples made before the cutoff, and those made later from an enquiry older than it (a correction).
    purgeExamplesBatch: db.prepare<{ cutoff: string; limit: number }>(
      `DELETE FROM training_examples WHERE id IN (
         SELECT t.id FROM training_examples t LEFT JOIN enquiries e ON e.id = t.enquiry_id
         WHERE t.created_at < @cutoff OR e.created_at < @cutoff ORDER BY t.id LIMIT @limit)`,
    ),
    deleteExamplesOf: db.prepare<[number]>('DELETE FROM training_examples WHERE enquiry_id = ?'),
    deleteEnquiry: db.prepare<[number]>('DELETE FROM enquiries WHERE id = ?'),
  };

  function toEnquiry(row: EnquiryRow, topics: readonly TopicRow[]): Enquiry {
    return {
      id: row.id,
      text: row.text,
      redactions: JSON.parse(row.redactions) as Redaction[],
      channel: row.channel,
      caller: row.caller,
      district: row.district_code && row.district_source ? { code: row.district_code, source: row.district_source } : null,
      topics: topics.map((t) => ({ id: t.topic, score: t.score, source: t.source })),
      outcome: row.outcome,
      referredTo: row.referred_to,
      articleUsed: row.article_used,
      callbackDate: row.callback_date,
      suggestions: JSON.parse(row.suggestions) as Suggestion[],
      triageVersion: row.triage_version,
      author: row.author_id !== null && row.author_username !== null ? { id: row.author_id, username: row.author_username } : null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      textPurgedAt: row.text_purged_at,
    };
  }

  function load(id: number): Enquiry | null {
    const row = stmt.byId.get(id);
    return row ? toEnquiry(row, stmt.topicsOf.all(id)) : null;
  }

  function replaceTopics(id: number, topics: readonly StoredTopic[]): void {
    stmt.deleteTopics.run(id);
    topics.forEach((t, rank) => stmt.insertTopic.run(id, t.id, t.score, t.source, rank));
  }

  function storeExample(text: string | null, topics: readonly TopicId[], source: string, enquiryId: number, at: string): void {
    if (text === null || topics.length === 0) return;
    stmt.insertExample.run(text, JSON.stringify(topics), source, enquiryId, at);
  }

  /** The single write path. */
  const write = db.transaction((op: WriteOp): EnquiryChange => {
    const at = now().toISOString();
    let before: Enquiry | null = null;
    let id: number;
    let actorId: number | null;
    let changed: string[];

    if (op.kind === 'create') {
      const input = op.input;
      const createdAt = input.createdAt?.toISOString() ?? at;
      const result = stmt.insert.run({
        text: input.text,
        redactions: JSON.stringify(input.redactions),
        channel: input.channel,
        caller: input.caller,
        districtCode: input.district?.code ?? null,
        districtSource: input.district?.source ?? null,
        outcome: input.outcome,
        referredTo: input.referredTo,
        articleUsed: input.articleUsed,
        callbackDate: input.callbackDate,
        suggestions: JSON.stringify(input.suggestions),
        triageVersion: input.triageVersion,
        authorId: input.authorId,
        createdAt,
      });
      id = Number(result.lastInsertRowid);
      replaceTopics(id, input.topics);
      if (input.trainingSource !== undefined) {
        storeExample(input.text, input.topics.map((t) => t.id), input.trainingSource, id, at);
      }
      actorId = input.authorId;
      changed = [];
    } else {
      before = load(op.id);
      if (!before) throw new NotFoundError('ENQUIRY_NOT_FOUND', `Anfrage ${op.id} gibt es nicht.`);
      id = op.id;
      actorId = op.actorId;
      const c = op.changes;
      const district = c.district === undefined ? before.district : c.district === null ? null : { code: c.district, source: 'manual' as const };
      stmt.update.run({
        id,
        districtCode: district?.code ?? null,
        districtSource: district?.source ?? null,
        outcome: c.outcome ?? before.outcome,
        referredTo: c.referredTo === undefined ? before.referredTo : c.referredTo,
        articleUsed: c.articleUsed === undefined ? before.articleUsed : c.articleUsed,
        callbackDate: c.callbackDate === undefined ? before.callbackDate : c.callbackDate,
        updatedAt: at,
      });
      if (c.topics !== undefined) {
        replaceTopics(id, c.topics.map((topic) => ({ id: topic, score: 1, source: 'manual' as const })));
        storeExample(before.text, c.topics, 'correction', id, at);
      }
      changed = Object.keys(c).filter((k) => c[k as keyof EnquiryChanges] !== undefined);
    }

    const after = load(id);
    if (!after) throw new Error('store/enquiries: enquiry vanished inside its own transaction');
    audit.record({
      userId: actorId,
      action: op.kind === 'create' ? 'enquiry.create' : 'enquiry.update',
      enquiryId: id,
      detail: op.kind === 'create' ? null : { fields: changed },
      ip: op.ip,
    });
    const change = { before, after };
    for (const hook of hooks) hook(change);
    return change;
  });

  /** Deletion: topics go first (trigger), then the row; FTS and roll-ups follow by trigger. */
  const remove = db.transaction((id: number, actorId: number | null, ip: string | null): EnquiryChange => {
    const before = load(id);
    if (!before) throw new NotFoundError('ENQUIRY_NOT_FOUND', `Anfrage ${id} gibt es nicht.`);
    stmt.deleteExamplesOf.run(id);
    stmt.deleteEnquiry.run(id);
    audit.record({ userId: actorId, action: 'enquiry.delete', enquiryId: id, detail: null, ip });
    const change: EnquiryChange = { before, after: before, deleted: true };
    for (const hook of hooks) hook(change);
    return change;
  });

  function notify(change: EnquiryChange): void {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (error) {
        logger.error({ err: error }, 'enquiry listener failed');
      }
    }
  }

  const listStatements = new Map<string, ReturnType<typeof db.prepare<Record<string, unknown>, EnquiryRow>>>();
  function listStatement(query: EnquiryQuery) {
    const conditions: string[] = [];
    if (query.since !== undefined) conditions.push('e.created_at >= @since');
    if (query.before !== undefined) conditions.push('e.created_at < @before');
    if (query.topic !== undefined) conditions.push('EXISTS (SELECT 1 FROM enquiry_topics t WHERE t.enquiry_id = e.id AND t.topic = @topic)');
    if (query.district !== undefined) conditions.push('e.district_code = @district');
    if (query.outcome !== undefined) conditions.push('e.outcome = @outcome');
    if (query.text !== undefined) conditions.push('e.id IN (SELECT rowid FROM enquiry_fts WHERE enquiry_fts MATCH @text)');
    if (query.after !== undefined) conditions.push('(e.created_at < @afterAt OR (e.created_at = @afterAt AND e.id < @afterId))');
    const key = conditions.join(' AND ');
    let statement = listStatements.get(key);
    if (!statement) {
      statement = db.prepare<Record<string, unknown>, EnquiryRow>(
        `${SELECT_ENQUIRY} ${conditions.length ? `WHERE ${key}` : ''} ORDER BY e.created_at DESC, e.id DESC LIMIT @limit`,
      );
      listStatements.set(key, statement);
    }
    return statement;
  }

  return {
    create(input, context) {
      const change = write({ kind: 'create', input, ip: context?.ip ?? null });
      notify(change);
      return change.after;
    },
    update(id, changes, actorId, context) {
      const change = write({ kind: 'update', id, changes, actorId, ip: context?.ip ?? null });
      notify(change);
      return change.after;
    },
    delete(id, actorId, context) {
      const change = remove(id, actorId, context?.ip ?? null);
      notify(change);
      return change.before ?? change.after;
    },
    get: load,
    list(query) {
      const text = query.text === undefined ? undefined : ftsQuery(query.text) ?? undefined;
      const effective: EnquiryQuery = { ...query, text };
      if (text === undefined) delete effective.text;
      const rows = listStatement(effective).all({
        since: effective.since,
        before: effective.before,
        topic: effective.topic,
        district: effective.district,
        outcome: effective.outcome,
        text,
        afterAt: effective.after?.createdAt,
        afterId: effective.after?.id,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const topics = new Map<number, TopicRow[]>();
      if (page.length > 0) {
        for (const t of stmt.topicsOfMany.all(JSON.stringify(page.map((r) => r.id)))) {
          const list = topics.get(t.enquiry_id) ?? [];
          list.push(t);
          topics.set(t.enquiry_id, list);
        }
      }
      const last = page.at(-1);
      return {
        items: page.map((row) => toEnquiry(row, topics.get(row.id) ?? [])),
        next: rows.length > query.limit && last ? { createdAt: last.created_at, id: last.id } : null,
      };
    },
    count: () => stmt.count.get()?.n ?? 0,
    onCommitted(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    trainingExamples: () =>
      stmt.examples.all().map((r) => ({
        id: r.id,
        text: r.text,
        topics: JSON.parse(r.topics) as TopicId[],
        source: r.source,
        enquiryId: r.enquiry_id,
        createdAt: r.created_at,
      })),
    purgeTextBefore(cutoff) {
      const purge = db.transaction(() => {
        const iso = cutoff.toISOString();
        stmt.purgeExamples.run(iso);
        return stmt.purgeText.run(now().toISOString(), iso).changes;
      });
      return purge();
    },
    purgeTextBatch: db.transaction((cutoff: Date, limit: number) => {
      const iso = cutoff.toISOString();
      const examples = stmt.purgeExamplesBatch.run({ cutoff: iso, limit }).changes;
      const enquiries = stmt.purgeTextBatch.run(now().toISOString(), iso, limit).changes;
      return { enquiries, examples };
    }),
  };
}
