-- 004: weekly roll-ups next to the daily ones, so that a year of weekly series reads
-- about 53 rows per key instead of 365 (trends, issue 5). A week is the ISO week of the
-- local (Europe/Berlin) day, keyed by its Monday: date(day, '-6 days', 'weekday 1') —
-- 'weekday 1' moves forward to the next Monday unless the day is one, so starting six
-- days back lands on the Monday of the day's own week.
--
-- Each weekly table is kept equal to the sum of its daily table by triggers on that
-- daily table: whatever the enquiry triggers of 002 do to a day row (insert it, change
-- its count, delete it) is passed on to its week row by the same statement, hence in the
-- same transaction. The weeks therefore follow the days by construction, whichever write
-- path (create, correction, deletion, retention) changed them, and without calling
-- berlin_day() again. A changed count is passed on as its difference (new − old) by an
-- upsert, which also creates a missing week row. Roll-up rows only ever change their
-- count; a change of key is refused rather than followed. Referrals get no weekly table:
-- no series is read from them.
--
-- The new tables are filled from the daily tables here, in the migration's transaction.

-- rollup_week ---------------------------------------------------------------------------

CREATE TABLE rollup_week (
  week TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (week)
) STRICT, WITHOUT ROWID;
INSERT INTO rollup_week (week, count)
  SELECT date(day, '-6 days', 'weekday 1'), sum(count) FROM rollup_day
  GROUP BY 1 HAVING sum(count) <> 0;
CREATE TRIGGER rollup_week_insert AFTER INSERT ON rollup_day BEGIN
  INSERT INTO rollup_week (week, count)
    VALUES (date(new.day, '-6 days', 'weekday 1'), new.count)
    ON CONFLICT DO UPDATE SET count = count + excluded.count;
END;
CREATE TRIGGER rollup_week_update AFTER UPDATE ON rollup_day BEGIN
  SELECT RAISE(ABORT, 'rollup_day: a row changes its count, never its key')
    WHERE old.day <> new.day;
  INSERT INTO rollup_week (week, count)
    VALUES (date(new.day, '-6 days', 'weekday 1'), new.count - old.count)
    ON CONFLICT DO UPDATE SET count = count + excluded.count;
END;
CREATE TRIGGER rollup_week_delete AFTER DELETE ON rollup_day BEGIN
  UPDATE rollup_week SET count = count - old.count
    WHERE week = date(old.day, '-6 days', 'weekday 1');
END;

-- rollup_week_topic ---------------------------------------------------------------------

CREATE TABLE rollup_week_topic (
  week TEXT NOT NULL, topic TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (week, topic)
) STRICT, WITHOUT ROWID;
INSERT INTO rollup_week_topic (week, topic, count)
  SELECT date(day, '-6 days', 'weekday 1'), topic, sum(count) FROM rollup_day_topic
  GROUP BY 1, 2 HAVING sum(count) <> 0;
CREATE TRIGGER rollup_week_topic_insert AFTER INSERT ON rollup_day_topic BEGIN
  INSERT INTO rollup_week_topic (week, topic, count)
    VALUES (date(new.day, '-6 days', 'weekday 1'), new.topic, new.count)
    ON CONFLICT DO UPDATE SET count = count + excluded.count;
END;
CREATE TRIGGER rollup_week_topic_update AFTER UPDATE ON rollup_day_topic BEGIN
  SELECT RAISE(ABORT, 'rollup_day_topic: a row changes its count, never its key')
    WHERE old.day <> new.day OR old.topic <> new.topic;
  INSERT INTO rollup_week_topic (week, topic, count)
    VALUES (date(new.day, '-6 days', 'weekday 1'), new.topic, new.count - old.count)
    ON CONFLICT DO UPDATE SET count = count + excluded.count;
END;
CREATE TRIGGER rollup_week_topic_delete AFTER DELETE ON rollup_day_topic BEGIN
  UPDATE rollup_week_topic SET count = count - old.count
    WHERE week = date(old.day, '-6 days', 'weekday 1') AND topic = old.topic;
END;

-- rollup_week_district ------------------------------------------------------------------

CREATE TABLE rollup_week_district (
  week TEXT NOT NULL, district TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (week, district)
) STRICT, WITHOUT ROWID;
INSERT INTO rollup_week_district (week, district, count)
  SELECT date(day, '-6 days', 'weekday 1'), district, sum(count) FROM rollup_day_district
  GROUP BY 1, 2 HAVING sum(count) <> 0;
CREATE TRIGGER rollup_week_district_insert AFTER INSERT ON rollup_day_district BEGIN
  INSERT INTO rollup_week_district (week, district, count)
    VALUES (date(new.day, '-6 days', 'weekday 1'), new.district, new.count)
    ON CONFLICT DO UPDATE SET count = count + excluded.count;
END;
CREATE TRIGGER rollup_week_district_update AFTER UPDATE ON rollup_day_district BEGIN
  SELECT RAISE(ABORT, 'rollup_day_district: a row changes its count, never its key')
    WHERE old.day <> new.day OR old.district <> new.district;
  INSERT INTO rollup_week_district (week, district, count)
    VALUES (date(new.day, '-6 days', 'weekday 1'), new.district, new.count - old.count)
    ON CONFLICT DO UPDATE SET count = count + excluded.count;
END;
CREATE TRIGGER rollup_week_district_delete AFTER DELETE ON rollup_day_district BEGIN
  UPDATE rollup_week_district SET count = count - old.count
    WHERE week = date(old.day, '-6 days', 'weekday 1') AND district = old.district;
END;

-- rollup_week_caller --------------------------------------------------------------------

CREATE TABLE rollup_week_caller (
  week TEXT NOT NULL, caller TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (week, caller)
) STRICT, WITHOUT ROWID;
INSERT INTO rollup_week_caller (week, caller, count)
  SELECT date(day, '-6 days', 'weekday 1'), caller, sum(count) FROM rollup_day_caller
  GROUP BY 1, 2 HAVING sum(count) <> 0;
CREATE TRIGGER rollup_week_caller_insert AFTER INSERT ON rollup_day_caller BEGIN
  INSERT INTO rollup_week_caller (week, caller, count)
    VALUES (date(new.day, '-6 days', 'weekday 1'), new.caller, new.count)
    ON CONFLICT DO UPDATE SET count = count + excluded.count;
END;
CREATE TRIGGER rollup_week_caller_update AFTER UPDATE ON rollup_day_caller BEGIN
  SELECT RAISE(ABORT, 'rollup_day_caller: a row changes its count, never its key')
    WHERE old.day <> new.day OR old.caller <> new.caller;
  INSERT INTO rollup_week_caller (week, caller, count)
    VALUES (date(new.day, '-6 days', 'weekday 1'), new.caller, new.count - old.count)
    ON CONFLICT DO UPDATE SET count = count + excluded.count;
END;
CREATE TRIGGER rollup_week_caller_delete AFTER DELETE ON rollup_day_caller BEGIN
  UPDATE rollup_week_caller SET count = count - old.count
    WHERE week = date(old.day, '-6 days', 'weekday 1') AND caller = old.caller;
END;

-- rollup_week_topic_district ------------------------------------------------------------

CREATE TABLE rollup_week_topic_district (
  week TEXT NOT NULL, topic TEXT NOT NULL, district TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (week, topic, district)
) STRICT, WITHOUT ROWID;
INSERT INTO rollup_week_topic_district (week, topic, district, count)
  SELECT date(day, '-6 days', 'weekday 1'), topic, district, sum(count) FROM rollup_day_topic_district
  GROUP BY 1, 2, 3 HAVING sum(count) <> 0;
CREATE TRIGGER rollup_week_topic_district_insert AFTER INSERT ON rollup_day_topic_district BEGIN
  INSERT INTO rollup_week_topic_district (week, topic, district, count)
    VALUES (date(new.day, '-6 days', 'weekday 1'), new.topic, new.district, new.count)
    ON CONFLICT DO UPDATE SET count = count + excluded.count;
END;
CREATE TRIGGER rollup_week_topic_district_update AFTER UPDATE ON rollup_day_topic_district BEGIN
  SELECT RAISE(ABORT, 'rollup_day_topic_district: a row changes its count, never its key')
    WHERE old.day <> new.day OR old.topic <> new.topic OR old.district <> new.district;
  INSERT INTO rollup_week_topic_district (week, topic, district, count)
    VALUES (date(new.day, '-6 days', 'weekday 1'), new.topic, new.district, new.count - old.count)
    ON CONFLICT DO UPDATE SET count = count + excluded.count;
END;
CREATE TRIGGER rollup_week_topic_district_delete AFTER DELETE ON rollup_day_topic_district BEGIN
  UPDATE rollup_week_topic_district SET count = count - old.count
    WHERE week = date(old.day, '-6 days', 'weekday 1') AND topic = old.topic AND district = old.district;
END;

-- rollup_week_district_caller -----------------------------------------------------------

CREATE TABLE rollup_week_district_caller (
  week TEXT NOT NULL, district TEXT NOT NULL, caller TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (week, district, caller)
) STRICT, WITHOUT ROWID;
INSERT INTO rollup_week_district_caller (week, district, caller, count)
  SELECT date(day, '-6 days', 'weekday 1'), district, caller, sum(count) FROM rollup_day_district_caller
  GROUP BY 1, 2, 3 HAVING sum(count) <> 0;
CREATE TRIGGER rollup_week_district_caller_insert AFTER INSERT ON rollup_day_district_caller BEGIN
  INSERT INTO rollup_week_district_caller (week, district, caller, count)
    VALUES (date(new.day, '-6 days', 'weekday 1'), new.district, new.caller, new.count)
    ON CONFLICT DO UPDATE SET count = count + excluded.count;
END;
CREATE TRIGGER rollup_week_district_caller_update AFTER UPDATE ON rollup_day_district_caller BEGIN
  SELECT RAISE(ABORT, 'rollup_day_district_caller: a row changes its count, never its key')
    WHERE old.day <> new.day OR old.district <> new.district OR old.caller <> new.caller;
  INSERT INTO rollup_week_district_caller (week, district, caller, count)
    VALUES (date(new.day, '-6 days', 'weekday 1'), new.district, new.caller, new.count - old.count)
    ON CONFLICT DO UPDATE SET count = count + excluded.count;
END;
CREATE TRIGGER rollup_week_district_caller_delete AFTER DELETE ON rollup_day_district_caller BEGIN
  UPDATE rollup_week_district_caller SET count = count - old.count
    WHERE week = date(old.day, '-6 days', 'weekday 1') AND district = old.district AND caller = old.caller;
END;

-- rollup_week_topic_district_caller -----------------------------------------------------

CREATE TABLE rollup_week_topic_district_caller (
  week TEXT NOT NULL, topic TEXT NOT NULL, district TEXT NOT NULL, caller TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (week, topic, district, caller)
) STRICT, WITHOUT ROWID;
INSERT INTO rollup_week_topic_district_caller (week, topic, district, caller, count)
  SELECT date(day, '-6 days', 'weekday 1'), topic, district, caller, sum(count) FROM rollup_day_topic_district_caller
  GROUP BY 1, 2, 3, 4 HAVING sum(count) <> 0;
CREATE TRIGGER rollup_week_topic_district_caller_insert AFTER INSERT ON rollup_day_topic_district_caller BEGIN
  INSERT INTO rollup_week_topic_district_caller (week, topic, district, caller, count)
    VALUES (date(new.day, '-6 days', 'weekday 1'), new.topic, new.district, new.caller, new.count)
    ON CONFLICT DO UPDATE SET count = count + excluded.count;
END;
CREATE TRIGGER rollup_week_topic_district_caller_update AFTER UPDATE ON rollup_day_topic_district_caller BEGIN
  SELECT RAISE(ABORT, 'rollup_day_topic_district_caller: a row changes its count, never its key')
    WHERE old.day <> new.day OR old.topic <> new.topic OR old.district <> new.district OR old.caller <> new.caller;
  INSERT INTO rollup_week_topic_district_caller (week, topic, district, caller, count)
    VALUES (date(new.day, '-6 days', 'weekday 1'), new.topic, new.district, new.caller, new.count - old.count)
    ON CONFLICT DO UPDATE SET count = count + excluded.count;
END;
CREATE TRIGGER rollup_week_topic_district_caller_delete AFTER DELETE ON rollup_day_topic_district_caller BEGIN
  UPDATE rollup_week_topic_district_caller SET count = count - old.count
    WHERE week = date(old.day, '-6 days', 'weekday 1') AND topic = old.topic AND district = old.district AND caller = old.caller;
END;

-- The same secondary indexes as the daily tables, for filters on a non-leading column.
CREATE INDEX rollup_week_topic_district_by_district ON rollup_week_topic_district (district, week);
CREATE INDEX rollup_week_topic_district_caller_by_topic ON rollup_week_topic_district_caller (topic, week);
CREATE INDEX rollup_week_district_caller_by_caller ON rollup_week_district_caller (caller, week);
