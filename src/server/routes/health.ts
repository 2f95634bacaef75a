/** GET /healthz: `{status:"ok"}` once the database is migrated and usable; 503 before (and while shutting down). */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../../store/index.js';
import { ProblemSchema, sendProblem } from '../problem.js';

export function healthRoutes(deps: { store: Store }): FastifyPluginAsync {
  return async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/healthz',
      {
        logLevel: 'warn',
        schema: {
          summary: 'Bereitschaft des Servers',
          tags: ['Betrieb'],
          response: { 200: z.object({ status: z.literal('ok') }), 503: ProblemSchema },
        },
      },
      async (_request, reply) => {
        // While shutting down, the app's closing hook answers 503 before this handler runs.
        if (!deps.store.isReady() || !deps.store.ping()) {
          return sendProblem(reply, { status: 503, detail: 'Die Datenbank ist noch nicht bereit.' });
        }
        return { status: 'ok' as const };
      },
    );
  };
}
