/**
 * Signing in and out with plain HTML forms (they work without JavaScript):
 *
 *   GET  /          → the home page of the signed-in user's role, or the sign-in page
 *   GET  /anmelden  → the sign-in form (`?next=/local/path` to return there afterwards)
 *   POST /anmelden  → signs in through POST /api/session itself (same throttle, same
 *                     session cookie), then redirects (303) to `next` or the role's home
 *   POST /abmelden  → ends the session through DELETE /api/session itself (same audit
 *                     entry, same cookie clearing) and shows the form
 *
 * CSRF: both POSTs are state-changing requests, so the app-wide origin check
 * (plugins/origin-check.ts) refuses them when the browser names another origin; the
 * session cookie is SameSite=Lax, so a cross-site form never carries it either.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../../domain/ids.js';
import type { Store } from '../../../store/index.js';
import type { Config } from '../../config.js';
import { SESSION_COOKIE, sessionCookieOptions, sessionToken } from '../../plugins/auth.js';
import { homePageOf, layoutData } from '../../plugins/pages.js';

export interface SigninPageDeps {
  store: Pick<Store, 'sessions'>;
  config: Pick<Config, 'cookieSecure'>;
}

const FORM_LIMIT = 4096;

/**
 * Headers of every workspace page: never cached (they show personal work), and
 * `Referrer-Policy: same-origin` instead of helmet's `no-referrer`. With `no-referrer`
 * Chromium sends `Origin: null` with a form POST, which the origin check (rightly)
 * refuses, so the sign-in and sign-out forms would fail; `same-origin` still sends no
 * referrer to other hosts.
 */
export function pageHeaders(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'same-origin');
}

/**
 * A local path to return to after signing in, or null. Only same-origin paths: no
 * scheme, no host, no `//` or `/\` (protocol-relative), no control characters, not the
 * sign-in/out pages themselves and not the JSON API.
 */
export function safeNext(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1000) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, 'http://lotse.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://lotse.invalid') return null;
  if (url.pathname === '/anmelden' || url.pathname === '/abmelden' || url.pathname.startsWith('/api/') || url.pathname === '/api') return null;
  return url.pathname + url.search + url.hash;
}

interface SigninForm {
  username?: string;
  password?: string;
  next?: string;
}

function formOf(body: unknown): SigninForm {
  if (!body || typeof body !== 'object') return {};
  const b = body as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const form: SigninForm = {};
  const username = text(b.username);
  const password = text(b.password);
  const next = text(b.next);
  if (username !== undefined) form.username = username;
  if (password !== undefined) form.password = password;
  if (next !== undefined) form.next = next;
  return form;
}

export function signinPages({ store, config }: SigninPageDeps): FastifyPluginAsync {
  return async (app) => {
    // HTML forms post application/x-www-form-urlencoded; only the routes of this plugin accept it.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    function renderForm(request: FastifyRequest, reply: FastifyReply, data: { next: string | null; username?: string; error?: string }) {
      return pageHeaders(reply).view('signin', {
        ...layoutData(request, '/anmelden'),
        title: 'Anmelden',
        next: data.next,
        username: data.username ?? '',
        error: data.error ?? null,
      });
    }

    app.get('/', { schema: { hide: true } }, async (request, reply) => {
      const user = request.user;
      return reply.redirect(user ? homePageOf(user.role) : '/anmelden', 303);
    });

    app.get<{ Querystring: { next?: string } }>('/anmelden', { schema: { hide: true } }, async (request, reply) => {
      const next = safeNext(request.query.next);
      const user = request.user;
      if (user) return reply.redirect(next ?? homePageOf(user.role), 303);
      return renderForm(request, reply, { next });
    });

    app.post('/anmelden', { schema: { hide: true } }, async (request, reply) => {
      const form = formOf(request.body);
      const next = safeNext(form.next);
      const username = (form.username ?? '').trim();
      const password = form.password ?? '';
      if (username === '' || password === '') {
        reply.code(400);
        return renderForm(request, reply, { next, username, error: 'Bitte Benutzername und Passwort eingeben.' });
      }
      // The same route as the JSON API answers, so throttling, sessions and the cookie
      // are exactly those of POST /api/session. The client's address goes along, so the
      // throttle counts per client as it does for the API.
      const cookie = request.headers.cookie;
      const answer = await app.inject({
        method: 'POST',
        url: '/api/session',
        remoteAddress: request.ip,
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        payload: JSON.stringify({ username, password }),
      });
      if (answer.statusCode === 200) {
        const setCookie = answer.headers['set-cookie'];
        if (setCookie) reply.header('set-cookie', setCookie);
        const { user } = JSON.parse(answer.body) as { user: { role: Role } };
        return pageHeaders(reply).redirect(next ?? homePageOf(user.role), 303);
      }
      let error = 'Die Anmeldung ist gerade nicht möglich. Bitte später erneut versuchen.';
      if (answer.statusCode === 401) error = 'Benutzername oder Passwort ist falsch.';
      else if (answer.statusCode === 400) error = 'Bitte Benutzername und Passwort prüfen.';
      else if (answer.statusCode === 429) {
        const retry = answer.headers['retry-after'];
        if (retry !== undefined) reply.header('retry-after', String(retry));
        error = (JSON.parse(answer.body) as { detail?: string }).detail ?? 'Zu viele fehlgeschlagene Anmeldungen. Bitte später erneut versuchen.';
      }
      reply.code(answer.statusCode >= 500 ? 503 : answer.statusCode);
      return renderForm(request, reply, { next, username, error });
    });

    app.post('/abmelden', { schema: { hide: true } }, async (request, reply) => {
      const cookie = request.headers.cookie;
      if (request.user && cookie) {
        const answer = await app.inject({ method: 'DELETE', url: '/api/session', remoteAddress: request.ip, headers: { cookie } });
        const setCookie = answer.headers['set-cookie'];
        if (answer.statusCode === 204 && setCookie) reply.header('set-cookie', setCookie);
      }
      // Ended or not (expired, already signed out): the browser forgets the cookie.
      if (!reply.hasHeader('set-cookie') && sessionToken(request)) {
        const token = sessionToken(request);
        if (token) store.sessions.revoke(token);
        reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(config));
      }
      return pageHeaders(reply).redirect('/anmelden', 303);
    });
  };
}
