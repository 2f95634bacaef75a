/** Sign-in and sign-out: POST/GET/DELETE /api/session. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UnauthorizedError } from '../../../domain/errors.js';
import type { Store } from '../../../store/index.js';
import type { Config } from '../../config.js';
import type { SignInThrottle } from '../../login-throttle.js';
import { SESSION_COOKIE, sessionCookieOptions, sessionToken, signedInUser, requireSignedIn } from '../../plugins/auth.js';
import { ProblemSchema, sendProblem } from '../../problem.js';
import { SessionSchema, SignInBody } from '../../schemas/user.js';

export interface SessionRouteDeps {
  store: Store;
  config: Pick<Config, 'cookieSecure'>;
  throttle: SignInThrottle;
}

export function sessionRoutes({ store, config, throttle }: SessionRouteDeps): FastifyPluginAsync {
  return async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const cookieOptions = sessionCookieOptions(config);

    app.post(
      '/api/session',
      {
        config: { public: true },
        schema: {
          summary: 'Anmelden',
          tags: ['Sitzung'],
          body: SignInBody,
          response: { 200: SessionSchema, '4xx': ProblemSchema },
        },
      },
      async (request, reply) => {
        const { username, password } = request.body;
        const wait = throttle.retryAfterSeconds(request.ip, username);
        if (wait > 0) {
          reply.header('retry-after', String(wait));
          const when = wait < 90 ? `${wait} Sekunden` : `${Math.ceil(wait / 60)} Minuten`;
          return sendProblem(reply, { status: 429, detail: `Zu viele fehlgeschlagene Anmeldungen. Bitte in ${when} erneut versuchen.` });
        }
        const user = await store.users.authenticate(username, password);
        if (!user) {
          throttle.fail(request.ip, username);
          request.log.info('sign-in failed');
          // The name typed (cut short) and the account it names, if any; never the password.
          store.audit.record({
            userId: store.users.findByUsername(username)?.id ?? null,
            action: 'session.signin_failed',
            enquiryId: null,
            detail: { username: username.slice(0, 100) },
            ip: request.ip,
          });
          throw new UnauthorizedError('BAD_CREDENTIALS', 'Benutzername oder Passwort ist falsch.');
        }
        throttle.succeed(request.ip, username);
        // A new token at every sign-in; a token the browser still had is ended.
        const previous = sessionToken(request);
        if (previous) store.sessions.revoke(previous);
        const session = store.sessions.create(user.id);
        reply.setCookie(SESSION_COOKIE, session.token, cookieOptions);
        request.log.info({ userId: user.id }, 'signed in');
        store.audit.record({ userId: user.id, action: 'session.signin', enquiryId: null, detail: null, ip: request.ip });
        return { user: { id: user.id, username: user.username, role: user.role }, expiresAt: session.expiresAt };
      },
    );

    app.get(
      '/api/session',
      {
        onRequest: requireSignedIn(),
        schema: { summary: 'Angemeldeter Benutzer', tags: ['Sitzung'], response: { 200: SessionSchema, '4xx': ProblemSchema } },
      },
      async (request) => {
        const token = sessionToken(request) ?? '';
        const session = store.sessions.resolve(token);
        if (!session) throw new UnauthorizedError('NOT_SIGNED_IN', 'Bitte zuerst anmelden.');
        return { user: signedInUser(request), expiresAt: session.expiresAt };
      },
    );

    app.delete(
      '/api/session',
      {
        onRequest: requireSignedIn(),
        schema: { summary: 'Abmelden', tags: ['Sitzung'], response: { 204: z.null().describe('Abgemeldet'), '4xx': ProblemSchema } },
      },
      async (request, reply) => {
        const token = sessionToken(request);
        if (token) store.sessions.revoke(token);
        store.audit.record({ userId: signedInUser(request).id, action: 'session.signout', enquiryId: null, detail: null, ip: request.ip });
        reply.clearCookie(SESSION_COOKIE, cookieOptions);
        return reply.code(204).send(null);
      },
    );
  };
}
