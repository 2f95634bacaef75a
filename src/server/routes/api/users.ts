/** User administration (admin): GET/POST /api/users, PATCH /api/users/:id. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { InvalidInputError, NotFoundError } from '../../../domain/errors.js';
import { passwordProblem } from '../../../domain/password-policy.js';
import type { Store } from '../../../store/index.js';
import { requireRole, sessionToken, signedInUser } from '../../plugins/auth.js';
import { ProblemSchema } from '../../problem.js';
import { IdParams } from '../../schemas/common.js';
import { CreateUserBody, PatchUserBody, UserListSchema, UserSchema } from '../../schemas/user.js';

export function userRoutes({ store }: { store: Store }): FastifyPluginAsync {
  return async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const adminOnly = requireRole('admin');

    app.get(
      '/api/users',
      { onRequest: adminOnly, schema: { summary: 'Benutzer auflisten', tags: ['Benutzer'], response: { 200: UserListSchema, '4xx': ProblemSchema } } },
      async () => ({ items: store.users.list() }),
    );

    app.post(
      '/api/users',
      {
        onRequest: adminOnly,
        schema: { summary: 'Benutzer anlegen', tags: ['Benutzer'], body: CreateUserBody, response: { 201: UserSchema, '4xx': ProblemSchema } },
      },
      async (request, reply) => {
        const user = await store.users.create(request.body);
        request.log.info({ userId: user.id, role: user.role, by: signedInUser(request).id }, 'user created');
        store.audit.record({
          userId: signedInUser(request).id,
          action: 'user.create',
          enquiryId: null,
          detail: { userId: user.id, username: user.username, role: user.role },
          ip: request.ip,
        });
        return reply.code(201).send(user);
      },
    );

    app.patch(
      '/api/users/:id',
      {
        onRequest: adminOnly,
        schema: {
          summary: 'Rolle, Status oder Passwort ändern',
          tags: ['Benutzer'],
          params: IdParams,
          body: PatchUserBody,
          response: { 200: UserSchema, '4xx': ProblemSchema },
        },
      },
      async (request) => {
        const { id } = request.params;
        const target = store.users.get(id);
        if (!target) throw new NotFoundError('USER_NOT_FOUND', `Benutzer ${id} gibt es nicht.`);
        if (request.body.password !== undefined) {
          const problem = passwordProblem(target.username, request.body.password);
          if (problem) throw new InvalidInputError('PASSWORD_RULE', problem, [{ path: 'body.password', message: problem }]);
        }
        const user = await store.users.update(id, request.body);
        if (request.body.password !== undefined) {
          // A new password ends the user's other sessions (the admin's own current one stays).
          store.sessions.revokeAllOf(id, sessionToken(request) ?? undefined);
        }
        request.log.info({ userId: id, fields: Object.keys(request.body), by: signedInUser(request).id }, 'user changed');
        // Which fields changed and the new role/status; never the password.
        store.audit.record({
          userId: signedInUser(request).id,
          action: 'user.update',
          enquiryId: null,
          detail: {
            userId: id,
            username: user.username,
            fields: Object.keys(request.body).filter((k) => request.body[k as keyof typeof request.body] !== undefined),
            ...(request.body.role !== undefined ? { role: request.body.role } : {}),
            ...(request.body.active !== undefined ? { active: request.body.active } : {}),
          },
          ip: request.ip,
        });
        return user;
      },
    );
  };
}
