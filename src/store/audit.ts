/**
 * Audit trail (SPEC §6): who did what, when and from where — sign-ins, user changes,
 * reads and changes of enquiries, exports, KB reloads, retention runs. Append-only:
 * migration 003 makes SQLite refuse UPDATE and DELETE on the table. Never holds enquiry
 * text: `detail` carries ids, field names, counts and periods only.
 */
import type { Db } from './database.js';

/**
 * Every action the trail knows:
 * - `session.signin` / `session.signin_failed` / `session.signout`: `detail.username`
 *   on failures (the name typed, cut to 100 characters); `userId` when the name exists.
 * - `user.create` / `user.update`: `detail` `{userId, role?, fields?}` of the changed user.
 * - `enquiry.create|read|update|list|delete`: `enquiryId` (list: `detail.ids`).
 * - `report.export`: figures of a period left the system (CSV export or printable report);
 *   `enquiryId` is null and `detail` holds `{format, from, to}`.
 * - `audit.export`: the audit trail itself was exported (`{format, from, to, action}`).
 * - `kb.reload`: the knowledge base was reloaded by hand (`{revision, errors}`).
 * - `retention.run`: free text deleted after the retention period (`{cutoff, enquiries, examples, trigger}`).
 */
export const AUDIT_ACTIONS = [
  'session.signin',
  'session.signin_failed',
  'session.signout',
  'user.create',
  'user.update',
  'enquiry.create',
  'enquiry.read',
  'enquiry.update',
  'enquiry.list',
  'enquiry.delete',
  'report.export',
  'audit.export',
  'kb.reload',
  'retention.run',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  at: string;
  userId: number | null;
  action: AuditAction;
  enquiryId: number | null;
  detail: Record<string, unknown> | null;
  /** Sequence number (ascending in time). */
  id?: number;
  /** The user's name at the time of reading (null for system actions and unknown names). */
  username?: string | null;
  /** The client address the request came from (null for the scheduler and the CLIs). */
  ip?: string | null;
}

/** An entry to record; `ip` is the client address when the action came over HTTP. */
export interface NewAuditEntry {
  userId: number | null;
  action: AuditAction;
  enquiryId: number | null;
  detail: Record<string, unknown> | null;
  ip?: string | null;
}

export interface AuditQuery {
  /** Inclusive lower bound of `at` (UTC ISO). */
  since?: string;
  /** Exclusive upper bound of `at` (UTC ISO). */
  before?: string;
  action?: AuditAction;
  userId?: number;
  /** Keyset: continue with entries older than this id. */
  beforeId?: number;
  limit: number;
}

export interface AuditPage {
  /** Newest first. */
  items: Required<AuditEntry>[];
  /** The id to continue below, or null on the last page. */
  next: number | null;
}

export interface AuditLog {
  record(entry: NewAuditEntry): void;
  /** Entries for one enquiry, oldest first. */
  forEnquiry(enquiryId: number): AuditEntry[];
  /** The most recent entries, newest first. */
  recent(limit: number): AuditEntry[];
  /** Filtered entries, newest first, a page at a time. */
  query(query: AuditQuery): AuditPage;
  /** Every matching entry, oldest first, read lazily (for the CSV export). */
  each(query: Omit<AuditQuery, 'limit' | 'beforeId'>): IterableIterator<Required<AuditEntry>>;
}

interface AuditRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  action: AuditAction;
  enquiry_id: number | null;
  detail: string | null;
  ip: string | null;
}

function toEntry(row: AuditRow): Required<AuditEntry> {
  return {
    id: row.id,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    action: row.action,
    enquiryId: row.enquiry_id,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
    ip: row.ip,
  };
}

const SELECT = 'SELECT a.*, u.username FROM audit_log a LEFT JOIN users u ON u.id = a.user_id';

function where(query: Omit<AuditQuery, 'limit'>): string {
  const conditions: string[] = [];
  if (query.since !== undefined) conditions.push('a.at >= @since');
  if (query.before !== undefined) conditions.push('a.at < @before');
  if (query.action !== undefined) conditions.push('a.action = @action');
  if (query.userId !== undefined) conditions.push('a.user_id = @userId');
  if (query.beforeId !== undefined) conditions.push('a.id < @beforeId');
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

function params(query: Omit<AuditQuery, 'limit'>): Record<string, unknown> {
  return { since: query.since, before: query.before, action: query.action, userId: query.userId, beforeId: query.beforeId };
}

export function createAuditLog(db: Db, now: () => Date): AuditLog {
  const insert = db.prepare<[string, number | null, string, number | null, string | null, string | null]>(
    'INSERT INTO audit_log (at, user_id, action, enquiry_id, detail, ip) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byEnquiry = db.prepare<[number], AuditRow>(`${SELECT} WHERE a.enquiry_id = ? ORDER BY a.id`);
  const recent = db.prepare<[number], AuditRow>(`${SELECT} ORDER BY a.id DESC LIMIT ?`);
  const statements = new Map<string, ReturnType<typeof db.prepare<Record<string, unknown>, AuditRow>>>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare<Record<string, unknown>, AuditRow>(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    record(entry) {
      insert.run(
        now().toISOString(),
        entry.userId,
        entry.action,
        entry.enquiryId,
        entry.detail === null ? null : JSON.stringify(entry.detail),
        entry.ip ?? null,
      );
    },
    forEnquiry: (enquiryId) => byEnquiry.all(enquiryId).map(toEntry),
    recent: (limit) => recent.all(limit).map(toEntry),
    query(query) {
      const rows = prepared(`${SELECT} ${where(query)} ORDER BY a.id DESC LIMIT @limit`).all({ ...params(query), limit: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      return { items: page.map(toEntry), next: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
    },
    *each(query) {
      // Pages read completely with .all(): no statement stays open between two yields,
      // so writes on the same connection can go on while a long export streams.
      const sql = `${SELECT} ${where(query) || 'WHERE 1'} AND a.id > @afterId ORDER BY a.id LIMIT 1000`;
      for (let afterId = 0; ; ) {
        const rows = prepared(sql).all({ ...params(query), afterId });
        for (const row of rows) yield toEntry(row);
        const last = rows.at(-1);
        if (!last || rows.length < 1000) return;
        afterId = last.id;
      }
    },
  };
}
