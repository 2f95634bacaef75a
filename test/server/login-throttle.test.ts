import t from 'tap';
import { LoginThrottle } from '../../src/server/login-throttle.js';
import { TestClock } from '../helpers/app.js';

t.test('counts failures per key within the window', async (t) => {
  const clock = new TestClock();
  const throttle = new LoginThrottle({ maxFailures: 2, windowMs: 60_000, now: clock.now });
  t.equal(throttle.retryAfterSeconds('a'), 0);
  throttle.fail('a');
  t.equal(throttle.retryAfterSeconds('a'), 0);
  throttle.fail('a');
  t.equal(throttle.retryAfterSeconds('a'), 60);
  clock.advance(59_500);
  t.equal(throttle.retryAfterSeconds('a'), 1);
  clock.advance(500);
  t.equal(throttle.retryAfterSeconds('a'), 0, 'window over');
  throttle.fail('b');
  throttle.succeed('b');
  throttle.fail('b');
  t.equal(throttle.retryAfterSeconds('b'), 0, 'success resets');
});

t.test('memory stays bounded under a flood of names', async (t) => {
  const clock = new TestClock();
  const throttle = new LoginThrottle({ maxFailures: 1, now: clock.now });
  for (let i = 0; i < 10_000; i++) throttle.fail(`key-${i}`);
  t.equal(throttle.retryAfterSeconds('key-9999'), 900);
  throttle.fail('one-more');
  t.equal(throttle.retryAfterSeconds('key-0'), 0, 'oldest entries dropped');
  t.equal(throttle.retryAfterSeconds('one-more'), 900, 'the new one kept');
  t.equal(throttle.retryAfterSeconds('key-9999'), 900, 'recent ones kept');
});
