import t from 'tap';
import {
  addDays,
  bucketStart,
  bucketStarts,
  isLocalDay,
  isoWeekOf,
  localDayOf,
  nextBucketStart,
  startOfLocalDay,
} from '../../src/domain/berlin-time.js';

t.test('local days around the daylight-saving changes', async (t) => {
  // 2026-03-29: clocks go from 02:00 CET to 03:00 CEST.
  t.equal(localDayOf('2026-03-28T22:30:00Z'), '2026-03-28', '23:30 CET on Saturday');
  t.equal(localDayOf('2026-03-28T23:30:00Z'), '2026-03-29', '00:30 CET on the change day');
  t.equal(localDayOf('2026-03-29T21:30:00Z'), '2026-03-29', '23:30 CEST on the change day');
  t.equal(localDayOf('2026-03-29T22:30:00Z'), '2026-03-30', '00:30 CEST on Monday');
  // 2026-10-25: clocks go from 03:00 CEST back to 02:00 CET.
  t.equal(localDayOf('2026-10-24T21:30:00Z'), '2026-10-24', '23:30 CEST on Saturday');
  t.equal(localDayOf('2026-10-24T22:30:00Z'), '2026-10-25', '00:30 CEST on the change day');
  t.equal(localDayOf('2026-10-25T22:30:00Z'), '2026-10-25', '23:30 CET on the change day');
  t.equal(localDayOf('2026-10-25T23:30:00Z'), '2026-10-26', '00:30 CET on Monday');
});

t.test('start of a local day in UTC, 23- and 25-hour days', async (t) => {
  t.equal(new Date(startOfLocalDay('2026-01-15')).toISOString(), '2026-01-14T23:00:00.000Z');
  t.equal(new Date(startOfLocalDay('2026-07-15')).toISOString(), '2026-07-14T22:00:00.000Z');
  const hours = (day: string) => (startOfLocalDay(addDays(day, 1)) - startOfLocalDay(day)) / 3_600_000;
  t.equal(hours('2026-03-29'), 23);
  t.equal(hours('2026-10-25'), 25);
  t.equal(hours('2026-11-25'), 24);
});

t.test('ISO weeks, including the year boundary', async (t) => {
  t.equal(isoWeekOf('2026-11-25'), '2026-W48');
  t.equal(isoWeekOf('2026-01-01'), '2026-W01', 'Thursday 1 Jan 2026 is in week 1');
  t.equal(isoWeekOf('2027-01-01'), '2026-W53', 'Friday 1 Jan 2027 belongs to 2026-W53');
  t.equal(isoWeekOf('2024-12-30'), '2025-W01', 'Monday 30 Dec 2024 belongs to 2025-W01');
  t.equal(bucketStart('2026-03-29', 'week'), '2026-03-23', 'the Sunday of the spring change ends its week');
  t.equal(bucketStart('2026-03-30', 'week'), '2026-03-30');
  t.equal(bucketStart('2026-10-25', 'week'), '2026-10-19');
});

t.test('bucket enumeration', async (t) => {
  t.same(bucketStarts('2026-01-30', '2026-04-02', 'month'), ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01']);
  t.same(bucketStarts('2026-11-25', '2026-12-08', 'week'), ['2026-11-23', '2026-11-30', '2026-12-07']);
  t.equal(bucketStarts('2026-01-01', '2026-12-31', 'day').length, 365);
  t.equal(nextBucketStart('2026-12-01', 'month'), '2027-01-01');
});

t.test('day validation', async (t) => {
  t.ok(isLocalDay('2026-02-28'));
  t.notOk(isLocalDay('2026-02-29'), 'not a leap year');
  t.ok(isLocalDay('2028-02-29'));
  t.notOk(isLocalDay('2026-13-01'));
  t.notOk(isLocalDay('25.11.2026'));
});
