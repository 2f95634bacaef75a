import fc from 'fast-check';
import t from 'tap';
import { localDayOf } from '../../src/domain/berlin-time.js';
import { berlinDay } from '../../src/store/database.js';

t.test('berlin_day: the per-hour cache agrees with the exact conversion', async (t) => {
  fc.assert(
    fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (date) => {
      const iso = date.toISOString();
      return berlinDay(iso) === localDayOf(iso) && berlinDay(iso) === localDayOf(iso);
    }),
    { numRuns: 2000 },
  );
  // Around both changes of 2026 and the day boundaries.
  for (const iso of ['2026-03-28T22:59:59.999Z', '2026-03-28T23:00:00.000Z', '2026-03-29T21:59:59.999Z', '2026-03-29T22:00:00.000Z', '2026-10-24T21:59:59.999Z', '2026-10-24T22:00:00.000Z', '2026-10-25T22:59:59.999Z', '2026-10-25T23:00:00.000Z']) {
    t.equal(berlinDay(iso), localDayOf(iso), iso);
  }
  t.equal(berlinDay('2026-11-25T10:00:00+01:00'), '2026-11-25', 'other forms are converted exactly');
});
