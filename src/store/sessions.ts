/**
 * Server-side sessions. The cookie carries a random 256-bit token; the database keeps
 * only its SHA-256, so a copy of the database does not let anyone sign in. A session
 * ends after `idleMs` without requests, after `maxAgeMs` in any case, at sign-out, and
 * when its user is deactivated.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../domain/ids.js';
import type { Db } from './database.js';

export interface SessionUser {
  id: number;
  username: string;
  role: Role;
}

export interface ResolvedSession {
  user: SessionUser;
  createdAt: string;
  expiresAt: string;
}

export interface NewSession {
  /** The token for the cookie; shown only here, never stored. */
  token: string;
  expiresAt: string;
}

export interface SessionRepository {
  create(userId: number): NewSession;
  /** The live session of a token (refreshing its idle timer), or null; expired sessions are deleted. */
  resolve(token: string): ResolvedSession | null;
  /** Ends one session; true when it existed. */
  revoke(token: string): boolean;
  /** Ends every session of a user, except the one with `keepToken`. */
  revokeAllOf(userId: number, keepToken?: string): number;
  /** Deletes sessions past their idle or absolute end. */
  purgeExpired(): number;
}

export interface SessionRepositoryOptions {
  now: () => Date;
  /** Idle timeout in ms. */
  idleMs: number;
  /** Absolute session lifetime in ms. */
  maxAgeMs: number;
}

interface SessionRow {
  token_hash: string;
  created_at: string;
  last_seen: string;
  expires_at: string;
  user_id: number;
  username: string;
  role: Role;
  active: number;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function createSessionRepository(db: Db, options: SessionRepositoryOptions): SessionRepository {
  const { now, idleMs, maxAgeMs } = options;
  // `last_seen` is written at most this often, so that reading requests do not all
  // turn into writes; the idle timeout is therefore exact to within this interval.
  const touchEveryMs = Math.min(60_000, Math.floor(idleMs / 10));

  const stmt = {
    insert: db.prepare<[string, number, string, string, string]>(
      'INSERT INTO sessions (token_hash, user_id, created_at, last_seen, expires_at) VALUES (?, ?, ?, ?, ?)',
    ),
    get: db.prepare<[string], SessionRow>(
      `SELECT s.token_hash, s.created_at, s.last_seen, s.expires_at, u.id AS user_id, u.username, u.role, u.active
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
    ),
    touch: db.prepare<[string, string]>('UPDATE sessions SET last_seen = ? WHERE token_hash = ?'),
    delete: db.prepare<[string]>('DELETE FROM sessions WHERE token_hash = ?'),
    deleteOfUser: db.prepare<[number, string]>('DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?'),
    purge: db.prepare<[string, string]>('DELETE FROM sessions WHERE expires_at <= ? OR last_seen <= ?'),
  };

  const purgeExpired = (): number => {
    const at = now().getTime();
    return stmt.purge.run(new Date(at).toISOString(), new Date(at - idleMs).toISOString()).changes;
  };

  return {
    create(userId) {
      purgeExpired();
      const token = randomBytes(32).toString('base64url');
      const at = now();
      const expiresAt = new Date(at.getTime() + maxAgeMs).toISOString();
      stmt.insert.run(hashToken(token), userId, at.toISOString(), at.toISOString(), expiresAt);
      return { token, expiresAt };
    },
    resolve(token) {
      if (!TOKEN_SHAPE.test(token)) return null;
      const hash = hashToken(token);
      const row = stmt.get.get(hash);
      if (!row) return null;
      const at = now().getTime();
      const lastSeen = Date.parse(row.last_seen);
      if (row.active !== 1 || at >= Date.parse(row.expires_at) || at - lastSeen >= idleMs) {
        stmt.delete.run(hash);
        return null;
      }
      if (at - lastSeen >= touchEveryMs) stmt.touch.run(new Date(at).toISOString(), hash);
      return {
        user: { id: row.user_id, username: row.username, role: row.role },
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      };
    },
    revoke(token) {
      return stmt.delete.run(hashToken(token)).changes > 0;
    },
    revokeAllOf(userId, keepToken) {
      return stmt.deleteOfUser.run(userId, keepToken === undefined ? '' : hashToken(keepToken)).changes;
    },
    purgeExpired,
  };
}
