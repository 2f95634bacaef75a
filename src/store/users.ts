/** Users: accounts, roles, credentials. Hashes never leave this module. */
import { ConflictError, InvalidInputError, NotFoundError } from '../domain/errors.js';
import type { Role } from '../domain/ids.js';
import { passwordProblem, USERNAME_PATTERN, USERNAME_RULE } from '../domain/password-policy.js';
import type { Db } from './database.js';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, verifyPassword, type ScryptParams } from './passwords.js';

export interface User {
  id: number;
  username: string;
  role: Role;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
}

export interface UserChanges {
  role?: Role;
  active?: boolean;
  password?: string;
}

interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: Role;
  active: number;
  created_at: string;
  updated_at: string;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface UserRepository {
  count(): number;
  list(): User[];
  get(id: number): User | null;
  findByUsername(username: string): User | null;
  /** Creates a user; `ConflictError` USERNAME_TAKEN when the name (any case) exists. */
  create(input: NewUser): Promise<User>;
  /** Changes role, active flag or password; refuses to leave no active admin. */
  update(id: number, changes: UserChanges): Promise<User>;
  /**
   * Returns the active user with these credentials, or null. Takes about as long for
   * unknown users as for known ones (a dummy hash is checked), so the answer does not
   * reveal whether a user exists.
   */
  authenticate(username: string, password: string): Promise<User | null>;
}

export interface UserRepositoryOptions {
  now: () => Date;
  scrypt?: ScryptParams;
}

function checkUsername(username: string): void {
  if (!USERNAME_PATTERN.test(username)) {
    throw new InvalidInputError('USERNAME_INVALID', USERNAME_RULE, [{ path: 'username', message: USERNAME_RULE }]);
  }
}

function checkPassword(username: string, password: string): void {
  const problem = passwordProblem(username, password);
  if (problem) throw new InvalidInputError('PASSWORD_RULE', problem, [{ path: 'password', message: problem }]);
}

export function createUserRepository(db: Db, options: UserRepositoryOptions): UserRepository {
  const params = options.scrypt ?? DEFAULT_SCRYPT_PARAMS;
  const now = () => options.now().toISOString();
  let dummyHash: Promise<string> | undefined;

  const stmt = {
    count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users'),
    list: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY username COLLATE NOCASE'),
    byId: db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?'),
    byName: db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ? COLLATE NOCASE'),
    insert: db.prepare<[string, string, Role, string, string], UserRow>(
      'INSERT INTO users (username, password_hash, role, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?) RETURNING *',
    ),
    update: db.prepare<{ id: number; role: Role; active: number; hash: string; at: string }>(
      'UPDATE users SET role = @role, active = @active, password_hash = @hash, updated_at = @at WHERE id = @id',
    ),
    otherActiveAdmins: db.prepare<[number], { n: number }>(
      "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND active = 1 AND id <> ?",
    ),
    deleteSessions: db.prepare<[number]>('DELETE FROM sessions WHERE user_id = ?'),
  };

  const applyUpdate = db.transaction((id: number, changes: UserChanges, hash: string | null): UserRow => {
    const row = stmt.byId.get(id);
    if (!row) throw new NotFoundError('USER_NOT_FOUND', 'Benutzer nicht gefunden.');
    const role = changes.role ?? row.role;
    const active = changes.active ?? row.active === 1;
    const losesAdmin = row.role === 'admin' && row.active === 1 && (role !== 'admin' || !active);
    if (losesAdmin && (stmt.otherActiveAdmins.get(row.id)?.n ?? 0) === 0) {
      throw new ConflictError('LAST_ADMIN', 'Der letzte aktive Admin kann weder deaktiviert noch herabgestuft werden.');
    }
    stmt.update.run({ id: row.id, role, active: active ? 1 : 0, hash: hash ?? row.password_hash, at: now() });
    // A deactivated user is signed out everywhere.
    if (!active) stmt.deleteSessions.run(row.id);
    const updated = stmt.byId.get(row.id);
    if (!updated) throw new NotFoundError('USER_NOT_FOUND', 'Benutzer nicht gefunden.');
    return updated;
  });

  return {
    count: () => stmt.count.get()?.n ?? 0,
    list: () => stmt.list.all().map(toUser),
    get(id) {
      const row = stmt.byId.get(id);
      return row ? toUser(row) : null;
    },
    findByUsername(username) {
      const row = stmt.byName.get(username);
      return row ? toUser(row) : null;
    },
    async create(input) {
      checkUsername(input.username);
      checkPassword(input.username, input.password);
      if (stmt.byName.get(input.username)) throw usernameTaken();
      const hash = await hashPassword(input.password, params);
      const at = now();
      try {
        const row = stmt.insert.get(input.username, hash, input.role, at, at);
        if (!row) throw new Error('store/users: insert returned no row');
        return toUser(row);
      } catch (error) {
        // Another request created the same name while we were hashing.
        if (error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE') throw usernameTaken();
        throw error;
      }
    },
    async update(id, changes) {
      const row = stmt.byId.get(id);
      if (!row) throw new NotFoundError('USER_NOT_FOUND', 'Benutzer nicht gefunden.');
      let hash: string | null = null;
      if (changes.password !== undefined) {
        checkPassword(row.username, changes.password);
        hash = await hashPassword(changes.password, params);
      }
      // The transaction re-reads the row: it may have changed while hashing.
      return toUser(applyUpdate(id, changes, hash));
    },
    async authenticate(username, password) {
      const row = stmt.byName.get(username);
      if (!row) {
        dummyHash ??= hashPassword('lotse-dummy-password', params);
        await verifyPassword(password, await dummyHash);
        return null;
      }
      const ok = await verifyPassword(password, row.password_hash);
      return ok && row.active === 1 ? toUser(row) : null;
    },
  };
}

function usernameTaken(): ConflictError {
  const message = 'Diesen Benutzernamen gibt es schon.';
  return new ConflictError('USERNAME_TAKEN', message, [{ path: 'username', message }]);
}
