import Database from 'better-sqlite3';
import t, { type Test } from 'tap';
import { hashToken } from '../../src/store/sessions.js';
import { openTestStore } from '../helpers/store.js';

const MINUTE = 60_000;

async function setup(t: Test) {
  const { store, clock, path } = openTestStore(t, { sessionIdleMs: 30 * MINUTE, sessionMaxAgeMs: 120 * MINUTE });
  const user = await store.users.create({ username: 'anna', password: 'ein-langes-passwort', role: 'adviser' });
  return { store, clock, path, user };
}

t.test('only the SHA-256 of the token is stored', async (t) => {
  const { store, path, user } = await setup(t);
  const { token, expiresAt } = store.sessions.create(user.id);
  t.match(token, /^[A-Za-z0-9_-]{43}$/, '256 random bits, base64url');
  t.equal(expiresAt, '2026-11-25T11:00:00.000Z', 'max age from creation');
  const db = new Database(path, { readonly: true });
  const rows = db.prepare<[], { token_hash: string }>('SELECT token_hash FROM sessions').all();
  db.close();
  t.same(rows, [{ token_hash: hashToken(token) }]);
  t.notMatch(JSON.stringify(rows), token);
  t.match(store.sessions.resolve(token), { user: { id: user.id, username: 'anna', role: 'adviser' } });
  t.equal(store.sessions.resolve('x'.repeat(43)), null, 'unknown token');
  t.equal(store.sessions.resolve('kurz'), null, 'malformed token');
});

t.test('idle expiry: activity keeps a session alive, silence ends it', async (t) => {
  const { store, clock, user } = await setup(t);
  const { token } = store.sessions.create(user.id);
  clock.advance(29 * MINUTE);
  t.ok(store.sessions.resolve(token), 'used after 29 minutes');
  clock.advance(29 * MINUTE);
  t.ok(store.sessions.resolve(token), 'the last use restarted the idle timer');
  clock.advance(30 * MINUTE);
  t.equal(store.sessions.resolve(token), null, '30 idle minutes end it');
  clock.advance(-30 * MINUTE);
  t.equal(store.sessions.resolve(token), null, 'and it is gone for good');
});

t.test('last_seen is written at most once a minute', async (t) => {
  const { store, clock, user, path } = await setup(t);
  const { token } = store.sessions.create(user.id);
  const lastSeen = () => {
    const db = new Database(path, { readonly: true });
    const v = db.prepare<[], { last_seen: string }>('SELECT last_seen FROM sessions').get()?.last_seen;
    db.close();
    return v;
  };
  clock.advance(10_000);
  store.sessions.resolve(token);
  t.equal(lastSeen(), '2026-11-25T09:00:00.000Z', 'not touched after 10 s');
  clock.advance(60_000);
  store.sessions.resolve(token);
  t.equal(lastSeen(), '2026-11-25T09:01:10.000Z', 'touched after a minute');
});

t.test('max age ends even an active session', async (t) => {
  const { store, clock, user } = await setup(t);
  const { token } = store.sessions.create(user.id);
  for (let i = 0; i < 7; i++) {
    clock.advance(17 * MINUTE);
    t.ok(store.sessions.resolve(token), `active at ${(i + 1) * 17} min`);
  }
  clock.advance(2 * MINUTE);
  t.equal(store.sessions.resolve(token), null, 'over at 121 min');
});

t.test('revoke, revokeAllOf and purgeExpired', async (t) => {
  const { store, clock, user } = await setup(t);
  const a = store.sessions.create(user.id);
  const b = store.sessions.create(user.id);
  const c = store.sessions.create(user.id);
  t.equal(store.sessions.revoke(a.token), true);
  t.equal(store.sessions.revoke(a.token), false, 'already gone');
  t.equal(store.sessions.revokeAllOf(user.id, b.token), 1, 'c ended, b kept');
  t.ok(store.sessions.resolve(b.token));
  t.equal(store.sessions.resolve(c.token), null);
  t.equal(store.sessions.revokeAllOf(user.id), 1, 'without an exception every session ends');
  store.sessions.create(user.id);
  clock.advance(31 * MINUTE);
  t.equal(store.sessions.purgeExpired(), 1);
  t.equal(store.sessions.purgeExpired(), 0);
});
