import t from 'tap';
import { silentLogger } from '../../src/domain/logger.js';
import { databasePath, ensureInitialAdmin, scheduleRetention, storeOptions } from '../../src/server/bootstrap.js';
import { parseConfig } from '../../src/server/config.js';
import type { NewEnquiry } from '../../src/store/index.js';
import { openTestStore } from '../helpers/store.js';

t.test('first start without LOTSE_ADMIN_PASSWORD: admin with a generated password, printed once', async (t) => {
  const { store } = openTestStore(t);
  const printed: string[] = [];
  t.equal(await ensureInitialAdmin(store, { adminPassword: undefined }, (s) => printed.push(s)), 'generated');
  t.equal(printed.length, 1);
  const password = /Passwort \(wird nur dieses eine Mal angezeigt\): (\S+)/.exec(printed[0] ?? '')?.[1] ?? '';
  t.ok(password.length >= 20, 'a strong password');
  t.match(await store.users.authenticate('admin', password), { username: 'admin', role: 'admin' });
  t.equal(await ensureInitialAdmin(store, { adminPassword: undefined }, (s) => printed.push(s)), 'exists');
  t.equal(printed.length, 1, 'not printed again');
});

t.test('first start with LOTSE_ADMIN_PASSWORD: nothing printed', async (t) => {
  const { store } = openTestStore(t);
  const printed: string[] = [];
  t.equal(await ensureInitialAdmin(store, { adminPassword: 'mein-start-passwort' }, (s) => printed.push(s)), 'created');
  t.same(printed, []);
  t.ok(await store.users.authenticate('admin', 'mein-start-passwort'));
});

t.test('store options and database path follow the configuration', async (t) => {
  const config = parseConfig({ LOTSE_SESSION_IDLE_MINUTES: '15', LOTSE_SESSION_MAX_HOURS: '2', LOTSE_DB_SYNCHRONOUS: 'normal', LOTSE_DATA_DIR: '/d' });
  t.same(storeOptions(config), { synchronous: 'NORMAL', sessionIdleMs: 900_000, sessionMaxAgeMs: 7_200_000 });
  t.equal(databasePath(config), '/d/lotse.db');
});

t.test('retention deletes old free text at start and on its interval', async (t) => {
  const { store, clock } = openTestStore(t);
  const base: Omit<NewEnquiry, 'text'> = { redactions: [], channel: 'telefon', caller: null, district: null, topics: [], outcome: 'offen', referredTo: null, articleUsed: null, callbackDate: null, suggestions: [], triageVersion: null, authorId: null };
  store.enquiries.create({ ...base, text: 'alt', createdAt: new Date('2025-11-01T00:00:00Z') });
  store.enquiries.create({ ...base, text: 'neu' });
  const logged: unknown[] = [];
  const logger = { ...silentLogger, info: (o: unknown) => void logged.push(o) };
  const stop = scheduleRetention(store, { retentionDays: 365 }, logger, { now: clock.now, intervalMs: 5 });
  t.equal(store.enquiries.get(1)?.text, null, 'purged at start');
  t.equal(store.enquiries.get(2)?.text, 'neu');
  await new Promise((r) => setImmediate(r)); // the run is async (batches); it logs when done
  t.match(logged, [{ purged: 1 }]);
  clock.advance(366 * 86_400_000);
  await new Promise((r) => setTimeout(r, 30));
  t.equal(store.enquiries.get(2)?.text, null, 'purged by the timer');
  stop();
  store.close();
  const errors: unknown[] = [];
  scheduleRetention(store, { retentionDays: 1 }, { ...silentLogger, error: (o: unknown) => void errors.push(o) }, { now: clock.now })();
  await new Promise((r) => setImmediate(r));
  t.equal(errors.length, 1, 'a failing run is logged, not thrown');
});
