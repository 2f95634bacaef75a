/**
 * `/benutzer` (admin): the users with their roles; add a user, change a role,
 * deactivate or reactivate, set a new password. public/js/users.js talks to
 * /api/users; the API enforces the password rule and ends the sessions of a user whose
 * password was reset.
 */
import type { FastifyPluginAsync } from 'fastify';
import { MIN_PASSWORD_LENGTH, USERNAME_RULE } from '../../../domain/password-policy.js';
import { layoutData, pageAccess } from '../../plugins/pages.js';
import { pageHeaders } from './signin.js';
import { LABELS, OPTIONS } from './enquiry.js';

export function usersPage(): FastifyPluginAsync {
  return async (app) => {
    app.get('/benutzer', { onRequest: pageAccess('admin'), schema: { hide: true } }, async (request, reply) => {
      return pageHeaders(reply).view('users', {
        ...layoutData(request, '/benutzer'),
        title: 'Benutzer',
        scripts: ['/static/js/users.js'],
        labels: LABELS,
        roles: OPTIONS.roles,
        minPassword: MIN_PASSWORD_LENGTH,
        usernameRule: USERNAME_RULE,
        me: request.user?.id ?? null,
      });
    });
  };
}
