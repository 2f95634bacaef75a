import t from 'tap';
import { poissonUpperTail, relativeChange, testSpike } from '../../src/trends/spikes.js';

t.test('Poisson upper tail matches known values', async (t) => {
  t.equal(poissonUpperTail(0, 3), 1);
  // P(X >= 1 | λ=2) = 1 − e^−2
  t.ok(Math.abs(poissonUpperTail(1, 2) - (1 - Math.exp(-2))) < 1e-12);
  // P(X >= 10 | λ=3) ≈ 0.0011025
  t.ok(Math.abs(poissonUpperTail(10, 3) - 0.0011025) < 1e-6);
  t.ok(poissonUpperTail(400, 100) < 1e-12, 'far tail is tiny, not negative');
  t.ok(poissonUpperTail(400, 100) >= 0);
});

t.test('an injected spike is flagged', async (t) => {
  const weekly = [12, 9, 14, 11, 10, 13, 12, 11];
  const verdict = testSpike(31, weekly);
  t.ok(verdict.spike, `31 calls after ~11.5 a week is a spike (p=${verdict.pValue})`);
  t.ok(testSpike(8, [0, 1, 0, 0, 2, 0, 1, 0]).spike, 'eight calls where there were almost none');
});

t.test('a flat series is not flagged', async (t) => {
  const flat = [20, 22, 19, 21, 20, 18, 23, 20];
  for (const current of [18, 20, 23, 26]) t.notOk(testSpike(current, flat).spike, `flat → ${current}`);
});

t.test('a slow trend is not flagged', async (t) => {
  // +6 % per week over two months: rising, but no spike.
  const series = Array.from({ length: 9 }, (_, i) => Math.round(100 * 1.06 ** i));
  const current = series.pop() as number;
  t.notOk(testSpike(current, series).spike, `trend ${series.join(',')} → ${current}`);
});

t.test('a naturally noisy series widens the test', async (t) => {
  const noisy = [5, 30, 8, 26, 4, 33, 7, 29];
  t.notOk(testSpike(34, noisy).spike);
});

t.test('small counts are never spikes', async (t) => {
  t.notOk(testSpike(4, [0, 0, 0, 0, 0, 0, 0, 0]).spike, 'below the minimum count');
  t.notOk(testSpike(3, []).spike);
});

t.test('relative change', async (t) => {
  t.equal(relativeChange(15, 10), 0.5);
  t.equal(relativeChange(5, 10), -0.5);
  t.equal(relativeChange(3, 0), null);
});
