/**
 * Sign-in state and access rules.
 *
 * Route plugins protect a route with an `onRequest` hook (it runs before the body is
 * parsed and validated, so an anonymous caller learns nothing about the schema):
 *
 *   app.get('/api/kb/status', { onRequest: requireRole('editor') }, handler)
 *   const user = signedInUser(request)   // typed, never null after requireRole
 *
 * `requireRole(...roles)` lets in users with one of the roles and every admin;
 * `requireSignedIn()` lets in any signed-in user. Default deny: a route under `/api/`
 * or `/ws/` that declares neither gets `requireSignedIn()` added automatically, unless
 * its `config` says `{ public: true }` (only `POST /api/session` does).
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { ForbiddenError, UnauthorizedError } from '../../domain/errors.js';
import { roleGrants, type Role } from '../../domain/ids.js';
import type { SessionUser, Store } from '../../store/index.js';
import type { Config } from '../config.js';

export const SESSION_COOKIE = 'lotse_session';

export type AuthUser = SessionUser;

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user; set by the access hooks (null on public routes). */
    user: AuthUser | null;
  }
  interface FastifyContextConfig {
    /** Marks a route under /api/ as reachable without signing in. */
    public?: boolean;
  }
}

const ACCESS = Symbol('lotse.access');

/** An onRequest hook that enforces an access rule; `roles` empty = any signed-in user. */
export type AccessHook = ((request: FastifyRequest, reply: FastifyReply) => Promise<void>) & { readonly [ACCESS]: readonly Role[] };

/** The access rule of one route, as recorded when it was registered. */
export interface AccessRule {
  method: string;
  url: string;
  /** `public`, `signed-in` (any role) or the roles allowed (admin is always allowed too). */
  access: 'public' | 'signed-in' | readonly Role[];
}

function accessHook(roles: readonly Role[]): AccessHook {
  const hook = async function (request: FastifyRequest): Promise<void> {
    const user = request.user;
    if (!user) {
      throw new UnauthorizedError('NOT_SIGNED_IN', 'Bitte zuerst anmelden. Die Sitzung fehlt oder ist abgelaufen.');
    }
    if (roles.length > 0 && !roles.some((role) => roleGrants(user.role, role))) {
      throw new ForbiddenError('ROLE_REQUIRED', `Dafür ist die Rolle ${roles.join(' oder ')} nötig.`);
    }
  };
  return Object.assign(hook, { [ACCESS]: roles }) as AccessHook;
}

/** Lets in signed-in users with one of `roles` (and admins). */
export function requireRole(...roles: [Role, ...Role[]]): AccessHook {
  return accessHook(roles);
}

/** Lets in every signed-in user. */
export function requireSignedIn(): AccessHook {
  return accessHook([]);
}

/** The signed-in user of a request that passed an access hook. */
export function signedInUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw new UnauthorizedError('NOT_SIGNED_IN', 'Bitte zuerst anmelden.');
  return request.user;
}

/** The raw session token of the request's cookie, if any. */
export function sessionToken(request: FastifyRequest): string | null {
  const value = request.cookies[SESSION_COOKIE];
  return typeof value === 'string' && value !== '' ? value : null;
}

function hooksOf(value: RouteOptions['onRequest']): unknown[] {
  if (!value) return [];
  return Array.isArray(value) ? value : [value];
}

function isAccessHook(value: unknown): value is AccessHook {
  return typeof value === 'function' && ACCESS in value;
}

export interface AuthOptions {
  store: Store;
  config: Pick<Config, 'cookieSecure'>;
}

/** Cookie options of the session cookie. */
export function sessionCookieOptions(config: Pick<Config, 'cookieSecure'>) {
  return { httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/' } as const;
}

/**
 * Installs cookie parsing, the `request.user` slot and the default-deny rule on the
 * root instance (call before any route is registered). Returns the live list of
 * access rules, filled as routes are registered.
 */
export async function registerAuth(app: FastifyInstance, options: AuthOptions): Promise<AccessRule[]> {
  await app.register(cookie);
  app.decorateRequest('user', null);
  // Every request with a session cookie is resolved here (one primary-key lookup), so
  // access hooks, handlers and pages all see the same `request.user`.
  app.addHook('onRequest', async (request) => {
    const token = sessionToken(request);
    if (token) request.user = options.store.sessions.resolve(token)?.user ?? null;
  });

  const rules: AccessRule[] = [];
  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).map(String);
    const guarded = url.startsWith('/api/') || url === '/api' || url.startsWith('/ws/');
    const declared = [...hooksOf(route.onRequest), ...hooksOf(route.preValidation as RouteOptions['onRequest']), ...hooksOf(route.preHandler as RouteOptions['onRequest'])].find(isAccessHook);
    let access: AccessRule['access'];
    if (route.config?.public === true) {
      access = 'public';
    } else if (declared) {
      access = declared[ACCESS].length ? declared[ACCESS] : 'signed-in';
    } else if (guarded) {
      route.onRequest = [requireSignedIn(), ...(hooksOf(route.onRequest) as NonNullable<RouteOptions['onRequest']>[])] as RouteOptions['onRequest'];
      access = 'signed-in';
    } else {
      access = 'public';
    }
    for (const method of methods) rules.push({ method, url, access });
  });
  return rules;
}
