/**
 * `GET /ws/trends` (SPEC §4): the live dashboard's WebSocket, for leads and admins.
 *
 * The upgrade request runs through Fastify's normal hooks before any upgrade happens,
 * so the access rule answers an anonymous caller with 401 and an adviser with 403
 * (problem+json over HTTP; the browser's WebSocket sees a failed handshake). A request
 * whose `Origin` names another host than the one it was sent to is refused with 403:
 * that stops other sites from opening the socket with the lead's cookie. A request
 * without `Origin` cannot come from a browser page and is let through, as in the CSRF
 * check for the JSON API.
 *
 * The plugin registers @fastify/websocket (unless the app did already) and is not
 * encapsulated, so `app.injectWS` and `app.websocketServer` exist on the app. The hub
 * starts when the app is ready and closes every socket in `preClose`.
 */
import websocket from '@fastify/websocket';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ForbiddenError } from '../../../domain/errors.js';
import type { Logger } from '../../../domain/logger.js';
import type { EnquiryChange, Store } from '../../../store/index.js';
import { localDayOf } from '../../../trends/index.js';
import { requireRole } from '../../plugins/auth.js';
import { LiveHub, type LiveChange, type LiveHubOptions, type LiveSocket } from '../../plugins/live-hub.js';
import { originMatches } from '../../plugins/origin-check.js';
import { createTrendsService, type TodayFigures, type TrendsService, type TrendSummary } from '../api/trends.js';

/** What snapshots and updates carry besides type, seq and at. */
export interface LiveFigures {
  today: TodayFigures;
  summary: TrendSummary;
}

/** Incoming messages are not used; anything bigger than this closes the socket. */
const MAX_CLIENT_PAYLOAD = 1024;

/** The tags of a committed change, as the live messages show them. */
export function liveChangeOf(change: EnquiryChange): LiveChange {
  const e = change.after;
  return {
    kind: change.before ? 'update' : 'create',
    day: localDayOf(e.createdAt),
    topics: e.topics.map((t) => t.id),
    district: e.district?.code ?? null,
    caller: e.caller,
  };
}

/** A hub that computes today's figures and the 7-day summary and listens to the store. */
export function createLiveHub(deps: {
  store: Pick<Store, 'rollups' | 'enquiries'>;
  trends?: TrendsService;
  now?: () => Date;
  logger: Logger;
  options?: LiveHubOptions;
}): LiveHub<LiveFigures> {
  const trends = deps.trends ?? createTrendsService(deps);
  return new LiveHub<LiveFigures>({
    compute: () => ({ today: trends.todayFigures(), summary: trends.summary('7d') }),
    subscribe: (listener) => deps.store.enquiries.onCommitted((change) => listener(liveChangeOf(change))),
    logger: deps.logger,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.options ? { options: deps.options } : {}),
  });
}

async function sameOrigin(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (!originMatches(request)) {
    throw new ForbiddenError('ORIGIN_MISMATCH', 'Verbindungen von einer fremden Herkunft (Origin) sind nicht erlaubt.');
  }
}

export interface LiveRoutesDeps {
  store: Pick<Store, 'rollups' | 'enquiries'>;
  now?: () => Date;
  trends?: TrendsService;
  /** Tick, heartbeat and back-pressure settings of the hub. */
  options?: LiveHubOptions;
  /** Receives the hub once created (for a benchmark or a status page). */
  onHub?: (hub: LiveHub<LiveFigures>) => void;
}

export function liveRoutes(deps: LiveRoutesDeps): FastifyPluginAsync {
  const plugin: FastifyPluginAsync = async (instance) => {
    const hub = createLiveHub({ ...deps, logger: instance.log.child({ module: 'live' }) });
    deps.onHub?.(hub);
    instance.addHook('onReady', async () => hub.start());
    if (instance.hasDecorator('websocketServer')) {
      instance.addHook('preClose', async () => hub.stop());
    } else {
      await instance.register(websocket, {
        options: { maxPayload: MAX_CLIENT_PAYLOAD },
        // Replaces the plugin's default (close every socket without a code): the hub says
        // "going away" (1001), so dashboards reconnect, and terminates who does not answer.
        preClose: async () => {
          await hub.stop();
          await new Promise<void>((resolve) => instance.websocketServer.close(() => resolve()));
        },
      });
    }

    const app = instance.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/ws/trends',
      {
        websocket: true,
        onRequest: [requireRole('lead'), sameOrigin],
        schema: { hide: true },
      },
      (socket) => hub.add(socket as unknown as LiveSocket),
    );
  };
  // Not encapsulated (like fastify-plugin): the WebSocket support and its injectWS belong to the app.
  Object.assign(plugin, { [Symbol.for('skip-override')]: true });
  return plugin;
}
