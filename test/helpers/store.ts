/** A store on a throwaway database with a {@link TestClock}; closed at teardown. */
import { join } from 'node:path';
import type { Test } from 'tap';
import { silentLogger } from '../../src/domain/logger.js';
import { openStore, type Store, type StoreOptions } from '../../src/store/index.js';
import { FAST_SCRYPT, TestClock } from './app.js';

export function openTestStore(t: Test, options: StoreOptions = {}): { store: Store; clock: TestClock; path: string } {
  const clock = new TestClock();
  const path = join(t.testdir({}), 'lotse.db');
  const store = openStore(path, silentLogger, { now: clock.now, scrypt: FAST_SCRYPT, ...options });
  t.teardown(() => store.close());
  return { store, clock, path };
}
