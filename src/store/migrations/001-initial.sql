-- 001: users, sessions, enquiries with their topics, training examples, audit trail
-- and the full-text index over enquiry text. Times are UTC ISO-8601 strings with
-- milliseconds ("2026-11-25T09:30:00.000Z"), which sort correctly as text.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT    NOT NULL,            -- scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>
  role          TEXT    NOT NULL CHECK (role IN ('adviser', 'lead', 'editor', 'admin')),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL
) STRICT;

CREATE TABLE sessions (
  token_hash TEXT    PRIMARY KEY,            -- hex SHA-256 of the random cookie token
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT    NOT NULL,
  last_seen  TEXT    NOT NULL,
  expires_at TEXT    NOT NULL                -- absolute end (created_at + max age)
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE enquiries (
  id              INTEGER PRIMARY KEY,
  text            TEXT,                      -- redacted text; NULL once retention purged it
  redactions      TEXT    NOT NULL DEFAULT '[]',   -- JSON [{type,start,end}] into text
  channel         TEXT    NOT NULL CHECK (channel IN ('telefon', 'email', 'vor-ort', 'sonstige')),
  caller          TEXT    CHECK (caller IN ('ehrenamt', 'beratung', 'behoerde', 'kommune', 'unternehmen', 'migrant', 'migrantenorganisation', 'sonstige')),
  district_code   TEXT,
  district_source TEXT    CHECK (district_source IN ('auto', 'manual')),
  outcome         TEXT    NOT NULL CHECK (outcome IN ('beantwortet', 'weiterverwiesen', 'rueckruf', 'offen')),
  referred_to     TEXT,
  article_used    TEXT,
  callback_date   TEXT,                      -- YYYY-MM-DD
  suggestions     TEXT    NOT NULL DEFAULT '[]',   -- JSON [{slug,title,score}] shown when stored
  triage_version  TEXT,
  author_id       INTEGER REFERENCES users (id),
  created_at      TEXT    NOT NULL,
  updated_at      TEXT    NOT NULL,
  text_purged_at  TEXT,
  CHECK ((district_code IS NULL) = (district_source IS NULL))
) STRICT;
CREATE INDEX enquiries_created ON enquiries (created_at DESC, id DESC);
CREATE INDEX enquiries_district ON enquiries (district_code, created_at);

CREATE TABLE enquiry_topics (
  enquiry_id INTEGER NOT NULL REFERENCES enquiries (id) ON DELETE CASCADE,
  topic      TEXT    NOT NULL,
  score      REAL    NOT NULL,
  source     TEXT    NOT NULL CHECK (source IN ('auto', 'manual')),
  rank       INTEGER NOT NULL,
  PRIMARY KEY (enquiry_id, topic)
) STRICT, WITHOUT ROWID;
CREATE INDEX enquiry_topics_topic ON enquiry_topics (topic, enquiry_id);

CREATE TABLE training_examples (
  id         INTEGER PRIMARY KEY,
  text       TEXT    NOT NULL,               -- redacted text
  topics     TEXT    NOT NULL,               -- JSON array of topic ids
  source     TEXT    NOT NULL,               -- 'enquiry' (tags chosen when saving) or 'correction' (PATCH)
  enquiry_id INTEGER REFERENCES enquiries (id) ON DELETE SET NULL,
  created_at TEXT    NOT NULL
) STRICT;

-- Who read or changed which enquiry (SPEC §6).
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT    NOT NULL,
  user_id    INTEGER REFERENCES users (id),
  action     TEXT    NOT NULL,               -- enquiry.create | enquiry.read | enquiry.update | enquiry.list
  enquiry_id INTEGER,
  detail     TEXT                            -- JSON, never enquiry text
) STRICT;
CREATE INDEX audit_log_enquiry ON audit_log (enquiry_id);

-- Full-text index over the stored (redacted) text, kept in step by triggers.
CREATE VIRTUAL TABLE enquiry_fts USING fts5 (
  text,
  content = 'enquiries',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER enquiries_fts_insert AFTER INSERT ON enquiries WHEN new.text IS NOT NULL BEGIN
  INSERT INTO enquiry_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER enquiries_fts_delete AFTER DELETE ON enquiries WHEN old.text IS NOT NULL BEGIN
  INSERT INTO enquiry_fts (enquiry_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
-- One trigger for updates so that the old entry is always removed before the new one
-- is added (SQLite does not promise an order between separate triggers).
CREATE TRIGGER enquiries_fts_update AFTER UPDATE OF text ON enquiries BEGIN
  INSERT INTO enquiry_fts (enquiry_fts, rowid, text) SELECT 'delete', old.id, old.text WHERE old.text IS NOT NULL;
  INSERT INTO enquiry_fts (rowid, text) SELECT new.id, new.text WHERE new.text IS NOT NULL;
END;
