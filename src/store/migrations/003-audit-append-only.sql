-- 003: the audit trail records where a request came from and is append-only; a partial
-- index lets the retention run find the enquiries that still hold text without
-- scanning those it already emptied.

ALTER TABLE audit_log ADD COLUMN ip TEXT;   -- client address (NULL for the scheduler and the CLIs)
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_action ON audit_log (action, at);

-- Entries are never changed or removed by Lotse. (Whoever can write the database file
-- can drop these triggers; they guard against mistakes in the code, not against root.)
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE INDEX enquiries_text_kept ON enquiries (created_at, id) WHERE text IS NOT NULL;
