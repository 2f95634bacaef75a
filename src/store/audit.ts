/** Audit trail: who read or changed which enquiry (SPEC §6). Never holds enquiry text. */
import type { Db } from './database.js';

/**
 * `report.export`: figures of a period left the system (CSV export or printable report);
 * `enquiryId` is null and `detail` holds `{format, from, to}`.
 */
export type AuditAction = 'enquiry.create' | 'enquiry.read' | 'enquiry.update' | 'enquiry.list' | 'report.export';

export interface AuditEntry {
  at: string;
  userId: number | null;
  action: AuditAction;
  enquiryId: number | null;
  detail: Record<string, unknown> | null;
}

export interface AuditLog {
  record(entry: Omit<AuditEntry, 'at'>): void;
  /** Entries for one enquiry, oldest first. */
  forEnquiry(enquiryId: number): AuditEntry[];
  /** The most recent entries, newest first. */
  recent(limit: number): AuditEntry[];
}

interface AuditRow {
  at: string;
  user_id: number | null;
  action: AuditAction;
  enquiry_id: number | null;
  detail: string | null;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    at: row.at,
    userId: row.user_id,
    action: row.action,
    enquiryId: row.enquiry_id,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
  };
}

export function createAuditLog(db: Db, now: () => Date): AuditLog {
  const insert = db.prepare<[string, number | null, string, number | null, string | null]>(
    'INSERT INTO audit_log (at, user_id, action, enquiry_id, detail) VALUES (?, ?, ?, ?, ?)',
  );
  const byEnquiry = db.prepare<[number], AuditRow>('SELECT * FROM audit_log WHERE enquiry_id = ? ORDER BY id');
  const recent = db.prepare<[number], AuditRow>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?');
  return {
    record(entry) {
      insert.run(now().toISOString(), entry.userId, entry.action, entry.enquiryId, entry.detail === null ? null : JSON.stringify(entry.detail));
    },
    forEnquiry: (enquiryId) => byEnquiry.all(enquiryId).map(toEntry),
    recent: (limit) => recent.all(limit).map(toEntry),
  };
}
