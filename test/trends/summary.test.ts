import t from 'tap';
import { addDays } from '../../src/domain/berlin-time.js';
import { planWindows, summarise } from '../../src/trends/summary.js';

t.test('window plan: current week and eight trailing weeks, no gaps or overlaps', async (t) => {
  const plan = planWindows('2026-11-25', 7);
  t.same(plan.current, { from: '2026-11-19', to: '2026-11-25' });
  t.equal(plan.trailing.length, 8);
  t.same(plan.trailing[7], { from: '2026-11-12', to: '2026-11-18' }, 'the previous window');
  t.equal(plan.earliest, '2026-09-24');
  for (let i = 1; i < plan.trailing.length; i++) {
    t.equal(addDays(plan.trailing[i - 1]!.to, 1), plan.trailing[i]!.from);
  }
});

t.test('summary finds the spiking topic and leaves the steady one alone', async (t) => {
  const plan = planWindows('2026-11-25', 7);
  const steady = new Map<string, number>();
  const spiking = new Map<string, number>();
  for (let d = 0; d < 63; d++) {
    const day = addDays(plan.earliest, d);
    steady.set(day, 3);
    spiking.set(day, d % 3 === 0 ? 1 : 0);
  }
  for (let d = 0; d < 7; d++) spiking.set(addDays(plan.current.from, d), 4);
  const items = summarise(
    new Map([
      ['sprache', steady],
      ['aufenthalt', spiking],
    ]),
    plan,
    ['aufenthalt', 'sprache', 'ehrenamt'],
  );
  t.same(
    items.map((i) => [i.key, i.count, i.previous, i.spike]),
    [
      ['aufenthalt', 28, 2, true],
      ['sprache', 21, 21, false],
      ['ehrenamt', 0, 0, false],
    ],
  );
  t.equal(items[1]!.change, 0);
  t.equal(items[2]!.change, null, 'no previous count, no change figure');
});
