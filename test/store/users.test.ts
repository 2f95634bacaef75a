import Database from 'better-sqlite3';
import t from 'tap';
import { ConflictError, InvalidInputError, NotFoundError } from '../../src/domain/errors.js';
import { hashPassword, verifyPassword, DEFAULT_SCRYPT_PARAMS } from '../../src/store/index.js';
import type { Test } from 'tap';
import { FAST_SCRYPT } from '../helpers/app.js';
import { openTestStore } from '../helpers/store.js';

const setup = (t: Test) => openTestStore(t);

t.test('create, read and list users; hashes never leave the store', async (t) => {
  const { store, path } = setup(t);
  const anna = await store.users.create({ username: 'Anna.Schmidt', password: 'ein-langes-passwort', role: 'adviser' });
  t.match(anna, { id: 1, username: 'Anna.Schmidt', role: 'adviser', active: true, createdAt: '2026-11-25T09:00:00.000Z' });
  t.notOk('password_hash' in anna || 'passwordHash' in anna, 'no hash in the user object');
  t.same(store.users.findByUsername('anna.schmidt')?.id, 1, 'names compare case-insensitively');
  t.same(store.users.get(1)?.username, 'Anna.Schmidt');
  t.equal(store.users.get(99), null);
  t.equal(store.users.findByUsername('nobody'), null);
  await store.users.create({ username: 'bernd', password: 'noch-ein-langes-passwort', role: 'lead' });
  t.same(store.users.list().map((u) => u.username), ['Anna.Schmidt', 'bernd']);
  t.equal(store.users.count(), 2);

  const db = new Database(path, { readonly: true });
  const hash = db.prepare<[], { password_hash: string }>('SELECT password_hash FROM users WHERE id = 1').get()?.password_hash ?? '';
  db.close();
  t.match(hash, /^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'scrypt with its parameters and salt');
  t.notMatch(hash, /ein-langes-passwort/);
});

t.test('user names are unique regardless of case', async (t) => {
  const { store } = setup(t);
  await store.users.create({ username: 'anna', password: 'ein-langes-passwort', role: 'adviser' });
  await t.rejects(store.users.create({ username: 'ANNA', password: 'ein-langes-passwort', role: 'lead' }), ConflictError);
  await t.rejects(store.users.create({ username: 'ANNA', password: 'ein-langes-passwort', role: 'lead' }), { code: 'USERNAME_TAKEN' });
});

t.test('the password rule and the name rule hold in the store too', async (t) => {
  const { store } = setup(t);
  await t.rejects(store.users.create({ username: 'anna', password: 'kurz', role: 'adviser' }), { code: 'PASSWORD_RULE', errors: [{ path: 'password' }] });
  await t.rejects(store.users.create({ username: 'annaschmidt12', password: 'AnnaSchmidt12', role: 'adviser' }), InvalidInputError);
  await t.rejects(store.users.create({ username: 'a b', password: 'ein-langes-passwort', role: 'adviser' }), { code: 'USERNAME_INVALID' });
  const anna = await store.users.create({ username: 'anna', password: 'ein-langes-passwort', role: 'adviser' });
  await t.rejects(store.users.update(anna.id, { password: 'zu-kurz' }), { code: 'PASSWORD_RULE' });
});

t.test('authenticate: right password, wrong password, unknown user, inactive user', async (t) => {
  const { store } = setup(t);
  const anna = await store.users.create({ username: 'anna', password: 'ein-langes-passwort', role: 'adviser' });
  t.same((await store.users.authenticate('ANNA', 'ein-langes-passwort'))?.id, anna.id);
  t.equal(await store.users.authenticate('anna', 'ein-falsches-passwort'), null);
  t.equal(await store.users.authenticate('niemand', 'ein-langes-passwort'), null);
  t.equal(await store.users.authenticate('niemand', 'ein-langes-passwort'), null, 'dummy hash is reused');
  await store.users.update(anna.id, { active: false });
  t.equal(await store.users.authenticate('anna', 'ein-langes-passwort'), null, 'deactivated users cannot sign in');
  await store.users.update(anna.id, { active: true, password: 'ein-neues-langes-passwort' });
  t.equal(await store.users.authenticate('anna', 'ein-langes-passwort'), null, 'old password no longer works');
  t.ok(await store.users.authenticate('anna', 'ein-neues-langes-passwort'));
});

t.test('update: role, active flag, last admin protection, unknown id', async (t) => {
  const { store, clock } = setup(t);
  const admin = await store.users.create({ username: 'admin', password: 'ein-langes-passwort', role: 'admin' });
  clock.advance(1000);
  const lead = await store.users.update((await store.users.create({ username: 'lea', password: 'ein-langes-passwort', role: 'adviser' })).id, { role: 'lead' });
  t.equal(lead.role, 'lead');
  t.equal(lead.updatedAt, '2026-11-25T09:00:01.000Z');
  await t.rejects(store.users.update(admin.id, { role: 'lead' }), { code: 'LAST_ADMIN' });
  await t.rejects(store.users.update(admin.id, { active: false }), { code: 'LAST_ADMIN' });
  await store.users.update(lead.id, { role: 'admin' });
  t.equal((await store.users.update(admin.id, { active: false })).active, false, 'allowed once another admin exists');
  await t.rejects(store.users.update(999, { role: 'lead' }), NotFoundError);
});

t.test('deactivating a user ends their sessions', async (t) => {
  const { store } = setup(t);
  const anna = await store.users.create({ username: 'anna', password: 'ein-langes-passwort', role: 'adviser' });
  const { token } = store.sessions.create(anna.id);
  t.ok(store.sessions.resolve(token));
  await store.users.update(anna.id, { active: false });
  t.equal(store.sessions.resolve(token), null);
});

t.test('password hashes: salted, parameters stored, malformed hashes rejected', async (t) => {
  const a = await hashPassword('gleiches-passwort', FAST_SCRYPT);
  const b = await hashPassword('gleiches-passwort', FAST_SCRYPT);
  t.not(a, b, 'a fresh salt per hash');
  t.ok(await verifyPassword('gleiches-passwort', a));
  t.notOk(await verifyPassword('anderes-passwort', a));
  t.notOk(await verifyPassword('x', 'bcrypt$abc'), 'other schemes');
  t.notOk(await verifyPassword('x', 'scrypt$abc$8$1$c2FsdA==$aGFzaA=='), 'bad cost');
  t.notOk(await verifyPassword('x', 'scrypt$1024$8$1$c2FsdA==$'), 'empty hash');
  t.equal(DEFAULT_SCRYPT_PARAMS.N, 32768, 'production cost');
  const real = await hashPassword('produktions-passwort');
  t.match(real, /^scrypt\$32768\$8\$1\$/);
  t.ok(await verifyPassword('produktions-passwort', real));
});
