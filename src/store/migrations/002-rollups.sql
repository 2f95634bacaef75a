-- 002: roll-up tables for trends and reports, kept equal to a recount of the enquiries
-- by triggers, so every write path (create, correction, retention, deletion) maintains
-- them in its own transaction. Days are local days in Europe/Berlin, computed by the
-- SQL function berlin_day() that the store registers on every connection.
-- Keys that may be absent use '' (no district, no caller) because NULLs never conflict.

CREATE TABLE rollup_day (
  day TEXT NOT NULL PRIMARY KEY, count INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE rollup_day_topic (
  day TEXT NOT NULL, topic TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (day, topic)
) STRICT, WITHOUT ROWID;
CREATE TABLE rollup_day_district (
  day TEXT NOT NULL, district TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (day, district)
) STRICT, WITHOUT ROWID;
CREATE TABLE rollup_day_caller (
  day TEXT NOT NULL, caller TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (day, caller)
) STRICT, WITHOUT ROWID;
CREATE TABLE rollup_day_topic_district (
  day TEXT NOT NULL, topic TEXT NOT NULL, district TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (day, topic, district)
) STRICT, WITHOUT ROWID;
-- Enquiries by district × caller, and topic mentions by topic × district × caller: the
-- filtered series and the CSV export read these.
CREATE TABLE rollup_day_district_caller (
  day TEXT NOT NULL, district TEXT NOT NULL, caller TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (day, district, caller)
) STRICT, WITHOUT ROWID;
CREATE TABLE rollup_day_topic_district_caller (
  day TEXT NOT NULL, topic TEXT NOT NULL, district TEXT NOT NULL, caller TEXT NOT NULL,
  count INTEGER NOT NULL, PRIMARY KEY (day, topic, district, caller)
) STRICT, WITHOUT ROWID;
CREATE TABLE rollup_day_referral (
  day TEXT NOT NULL, referred_to TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (day, referred_to)
) STRICT, WITHOUT ROWID;

-- Enquiry-level counts ------------------------------------------------------------------

CREATE TRIGGER rollup_enquiry_insert AFTER INSERT ON enquiries BEGIN
  INSERT INTO rollup_day (day, count) VALUES (berlin_day(new.created_at), 1)
    ON CONFLICT DO UPDATE SET count = count + 1;
  INSERT INTO rollup_day_district (day, district, count) VALUES (berlin_day(new.created_at), coalesce(new.district_code, ''), 1)
    ON CONFLICT DO UPDATE SET count = count + 1;
  INSERT INTO rollup_day_caller (day, caller, count) VALUES (berlin_day(new.created_at), coalesce(new.caller, ''), 1)
    ON CONFLICT DO UPDATE SET count = count + 1;
  INSERT INTO rollup_day_district_caller (day, district, caller, count)
    VALUES (berlin_day(new.created_at), coalesce(new.district_code, ''), coalesce(new.caller, ''), 1)
    ON CONFLICT DO UPDATE SET count = count + 1;
  INSERT INTO rollup_day_referral (day, referred_to, count)
    SELECT berlin_day(new.created_at), new.referred_to, 1 WHERE coalesce(new.referred_to, '') <> ''
    ON CONFLICT DO UPDATE SET count = count + 1;
END;

-- Topics go first, so that their triggers still see the enquiry's day, district and caller.
CREATE TRIGGER rollup_enquiry_before_delete BEFORE DELETE ON enquiries BEGIN
  DELETE FROM enquiry_topics WHERE enquiry_id = old.id;
END;

CREATE TRIGGER rollup_enquiry_delete AFTER DELETE ON enquiries BEGIN
  UPDATE rollup_day SET count = count - 1 WHERE day = berlin_day(old.created_at);
  UPDATE rollup_day_district SET count = count - 1
    WHERE day = berlin_day(old.created_at) AND district = coalesce(old.district_code, '');
  UPDATE rollup_day_caller SET count = count - 1
    WHERE day = berlin_day(old.created_at) AND caller = coalesce(old.caller, '');
  UPDATE rollup_day_district_caller SET count = count - 1
    WHERE day = berlin_day(old.created_at) AND district = coalesce(old.district_code, '') AND caller = coalesce(old.caller, '');
  UPDATE rollup_day_referral SET count = count - 1
    WHERE day = berlin_day(old.created_at) AND referred_to = old.referred_to;
END;

-- A correction of district, caller or referral moves the enquiry between buckets.
CREATE TRIGGER rollup_enquiry_update AFTER UPDATE OF district_code, caller, referred_to, created_at ON enquiries
WHEN coalesce(old.district_code, '') <> coalesce(new.district_code, '')
  OR coalesce(old.caller, '') <> coalesce(new.caller, '')
  OR coalesce(old.referred_to, '') <> coalesce(new.referred_to, '')
  OR old.created_at <> new.created_at
BEGIN
  UPDATE rollup_day SET count = count - 1 WHERE day = berlin_day(old.created_at);
  INSERT INTO rollup_day (day, count) VALUES (berlin_day(new.created_at), 1)
    ON CONFLICT DO UPDATE SET count = count + 1;
  UPDATE rollup_day_district SET count = count - 1
    WHERE day = berlin_day(old.created_at) AND district = coalesce(old.district_code, '');
  INSERT INTO rollup_day_district (day, district, count) VALUES (berlin_day(new.created_at), coalesce(new.district_code, ''), 1)
    ON CONFLICT DO UPDATE SET count = count + 1;
  UPDATE rollup_day_caller SET count = count - 1
    WHERE day = berlin_day(old.created_at) AND caller = coalesce(old.caller, '');
  INSERT INTO rollup_day_caller (day, caller, count) VALUES (berlin_day(new.created_at), coalesce(new.caller, ''), 1)
    ON CONFLICT DO UPDATE SET count = count + 1;
  UPDATE rollup_day_district_caller SET count = count - 1
    WHERE day = berlin_day(old.created_at) AND district = coalesce(old.district_code, '') AND caller = coalesce(old.caller, '');
  INSERT INTO rollup_day_district_caller (day, district, caller, count)
    VALUES (berlin_day(new.created_at), coalesce(new.district_code, ''), coalesce(new.caller, ''), 1)
    ON CONFLICT DO UPDATE SET count = count + 1;
  UPDATE rollup_day_referral SET count = count - 1
    WHERE day = berlin_day(old.created_at) AND referred_to = old.referred_to;
  INSERT INTO rollup_day_referral (day, referred_to, count)
    SELECT berlin_day(new.created_at), new.referred_to, 1 WHERE coalesce(new.referred_to, '') <> ''
    ON CONFLICT DO UPDATE SET count = count + 1;
  -- The enquiry's topic mentions move with it.
  UPDATE rollup_day_topic_district SET count = count - 1
    WHERE day = berlin_day(old.created_at) AND district = coalesce(old.district_code, '')
      AND topic IN (SELECT topic FROM enquiry_topics WHERE enquiry_id = new.id);
  INSERT INTO rollup_day_topic_district (day, topic, district, count)
    SELECT berlin_day(new.created_at), topic, coalesce(new.district_code, ''), 1 FROM enquiry_topics WHERE enquiry_id = new.id
    ON CONFLICT DO UPDATE SET count = count + 1;
  UPDATE rollup_day_topic_district_caller SET count = count - 1
    WHERE day = berlin_day(old.created_at) AND district = coalesce(old.district_code, '') AND caller = coalesce(old.caller, '')
      AND topic IN (SELECT topic FROM enquiry_topics WHERE enquiry_id = new.id);
  INSERT INTO rollup_day_topic_district_caller (day, topic, district, caller, count)
    SELECT berlin_day(new.created_at), topic, coalesce(new.district_code, ''), coalesce(new.caller, ''), 1
    FROM enquiry_topics WHERE enquiry_id = new.id
    ON CONFLICT DO UPDATE SET count = count + 1;
  UPDATE rollup_day_topic SET count = count - 1
    WHERE day = berlin_day(old.created_at) AND old.created_at <> new.created_at
      AND topic IN (SELECT topic FROM enquiry_topics WHERE enquiry_id = new.id);
  INSERT INTO rollup_day_topic (day, topic, count)
    SELECT berlin_day(new.created_at), topic, 1 FROM enquiry_topics
    WHERE enquiry_id = new.id AND old.created_at <> new.created_at
    ON CONFLICT DO UPDATE SET count = count + 1;
END;

-- Topic mentions -------------------------------------------------------------------------

CREATE TRIGGER rollup_topic_insert AFTER INSERT ON enquiry_topics BEGIN
  INSERT INTO rollup_day_topic (day, topic, count)
    SELECT berlin_day(e.created_at), new.topic, 1 FROM enquiries e WHERE e.id = new.enquiry_id
    ON CONFLICT DO UPDATE SET count = count + 1;
  INSERT INTO rollup_day_topic_district (day, topic, district, count)
    SELECT berlin_day(e.created_at), new.topic, coalesce(e.district_code, ''), 1 FROM enquiries e WHERE e.id = new.enquiry_id
    ON CONFLICT DO UPDATE SET count = count + 1;
  INSERT INTO rollup_day_topic_district_caller (day, topic, district, caller, count)
    SELECT berlin_day(e.created_at), new.topic, coalesce(e.district_code, ''), coalesce(e.caller, ''), 1
    FROM enquiries e WHERE e.id = new.enquiry_id
    ON CONFLICT DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER rollup_topic_delete AFTER DELETE ON enquiry_topics BEGIN
  UPDATE rollup_day_topic SET count = count - 1
    WHERE topic = old.topic AND day = (SELECT berlin_day(created_at) FROM enquiries WHERE id = old.enquiry_id);
  UPDATE rollup_day_topic_district SET count = count - 1
    WHERE (day, topic, district) = (SELECT berlin_day(created_at), old.topic, coalesce(district_code, '') FROM enquiries WHERE id = old.enquiry_id);
  UPDATE rollup_day_topic_district_caller SET count = count - 1
    WHERE (day, topic, district, caller) =
      (SELECT berlin_day(created_at), old.topic, coalesce(district_code, ''), coalesce(caller, '') FROM enquiries WHERE id = old.enquiry_id);
END;

-- A topic row whose id changes in place (the store replaces rows instead, but stay exact).
CREATE TRIGGER rollup_topic_update AFTER UPDATE OF topic, enquiry_id ON enquiry_topics
WHEN old.topic <> new.topic OR old.enquiry_id <> new.enquiry_id BEGIN
  SELECT RAISE(ABORT, 'enquiry_topics rows are replaced, not renamed');
END;

CREATE INDEX rollup_day_topic_district_by_district ON rollup_day_topic_district (district, day);
CREATE INDEX rollup_day_topic_district_caller_by_topic ON rollup_day_topic_district_caller (topic, day);
CREATE INDEX rollup_day_district_caller_by_caller ON rollup_day_district_caller (caller, day);
