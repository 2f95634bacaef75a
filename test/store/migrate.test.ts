import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { silentLogger } from '../../src/domain/logger.js';
import { openDatabase } from '../../src/store/database.js';
import { loadMigrations, MigrationError, openStore } from '../../src/store/index.js';

const tableNames = (path: string): string[] => {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").all();
  db.close();
  return rows.map((r) => r.name);
};

t.test('an empty database gets every migration, recorded once', async (t) => {
  const path = join(t.testdir({}), 'lotse.db');
  const store = openStore(path, silentLogger, { migrate: false });
  t.equal(store.isReady(), false, 'not ready before migrating');
  t.throws(() => store.users.count(), /migrations have not run/);
  const bundled = loadMigrations();
  t.same(store.migrate(), bundled.map((m) => m.version), 'applies every bundled migration');
  t.same(bundled.slice(0, 2).map((m) => m.name), ['initial', 'rollups']);
  t.equal(store.isReady(), true);
  store.close();
  t.equal(store.isReady(), false, 'not ready after close');
  t.equal(store.ping(), false);

  const tables = tableNames(path);
  for (const name of ['users', 'sessions', 'enquiries', 'enquiry_topics', 'training_examples', 'audit_log', 'enquiry_fts', 'schema_migrations', 'rollup_day', 'rollup_day_topic_district_caller']) {
    t.ok(tables.includes(name), `table ${name}`);
  }
  const db = new Database(path, { readonly: true });
  const applied = db.prepare('SELECT version, name FROM schema_migrations').all();
  t.same(applied, bundled.map((m) => ({ version: m.version, name: m.name })));
  t.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  db.close();
});

t.test('an already migrated database is left as it is', async (t) => {
  const path = join(t.testdir({}), 'lotse.db');
  const first = openStore(path);
  await first.users.create({ username: 'anna', password: 'ein-langes-passwort', role: 'adviser' });
  first.close();
  const second = openStore(path, silentLogger, { migrate: false });
  t.same(second.migrate(), [], 'nothing pending');
  t.equal(second.users.count(), 1, 'data kept');
  t.equal(second.ping(), true);
  second.close();
});

t.test('pragmas: WAL, foreign keys, busy timeout, synchronous as chosen', async (t) => {
  const dir = t.testdir({});
  const normal = openDatabase(join(dir, 'normal.db'), { synchronous: 'NORMAL' });
  t.equal(normal.pragma('journal_mode', { simple: true }), 'wal');
  t.equal(normal.pragma('foreign_keys', { simple: true }), 1);
  t.equal(normal.pragma('busy_timeout', { simple: true }), 5000);
  t.equal(normal.pragma('synchronous', { simple: true }), 1, 'NORMAL = 1');
  normal.close();
  const full = openDatabase(join(dir, 'full.db'));
  t.equal(full.pragma('synchronous', { simple: true }), 2, 'FULL (2) by default');
  full.close();
});

t.test('a failing migration is rolled back and not recorded', async (t) => {
  const dir = t.testdir({
    migrations: {
      '001-one.sql': 'CREATE TABLE one (id INTEGER PRIMARY KEY);',
      '002-broken.sql': 'CREATE TABLE two (id INTEGER PRIMARY KEY);\nINSERT INTO nowhere VALUES (1);',
    },
  });
  const path = join(dir, 'x.db');
  t.throws(() => openStore(path, silentLogger, { migrationsDir: join(dir, 'migrations') }), /no such table: nowhere/);
  const tables = tableNames(path);
  t.ok(tables.includes('one'), '001 stayed applied');
  t.notOk(tables.includes('two'), '002 left no table behind');
  const db = new Database(path, { readonly: true });
  t.same(db.prepare('SELECT version FROM schema_migrations').all(), [{ version: 1 }]);
  db.close();
});

t.test('a migration changed after it ran stops the start', async (t) => {
  const dir = t.testdir({ migrations: { '001-one.sql': 'CREATE TABLE one (id INTEGER PRIMARY KEY);' } });
  const path = join(dir, 'x.db');
  openStore(path, silentLogger, { migrationsDir: join(dir, 'migrations') }).close();
  writeFileSync(join(dir, 'migrations', '001-one.sql'), 'CREATE TABLE one (id INTEGER PRIMARY KEY, x TEXT);');
  t.throws(() => openStore(path, silentLogger, { migrationsDir: join(dir, 'migrations') }), MigrationError);
  t.throws(() => openStore(path, silentLogger, { migrationsDir: join(dir, 'migrations') }), /was changed after it was applied/);
});

t.test('a database newer than the code stops the start', async (t) => {
  const dir = t.testdir({
    two: { '001-one.sql': 'CREATE TABLE one (id INTEGER);', '002-two.sql': 'CREATE TABLE two (id INTEGER);' },
    one: { '001-one.sql': 'CREATE TABLE one (id INTEGER);' },
  });
  const path = join(dir, 'x.db');
  openStore(path, silentLogger, { migrationsDir: join(dir, 'two') }).close();
  t.throws(() => openStore(path, silentLogger, { migrationsDir: join(dir, 'one') }), /migration 2, which this version of Lotse does not know/);
});

t.test('migration files must be numbered without gaps', async (t) => {
  const dir = t.testdir({
    gap: { '001-a.sql': 'SELECT 1;', '003-c.sql': 'SELECT 1;' },
    badName: { '1-a.sql': 'SELECT 1;' },
    other: { '001-a.sql': 'SELECT 1;', 'README.md': 'ignored' },
  });
  t.throws(() => loadMigrations(join(dir, 'gap')), /migration 002 is missing/);
  t.throws(() => loadMigrations(join(dir, 'badName')), /unexpected file name 1-a.sql/);
  t.equal(loadMigrations(join(dir, 'other')).length, 1, 'non-SQL files are ignored');
  t.ok(loadMigrations().length >= 1, 'bundled migrations load');
});
