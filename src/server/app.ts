/**
 * buildApp(deps): the whole HTTP application as one Fastify instance that tests build
 * too. Plugins are registered in a fixed order: external plugins and cross-cutting
 * hooks, then Lotse's own (auth, origin check, OpenAPI), then routes — core routes
 * first, then the extra route plugins passed in `deps.routes`.
 */
import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { pino } from 'pino';
import type { Store } from '../store/index.js';
import type { Config } from './config.js';
import { SignInThrottle, type SignInThrottleOptions } from './login-throttle.js';
import { registerAuth, type AccessRule } from './plugins/auth.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerOriginCheck } from './plugins/origin-check.js';
import { registerPages } from './plugins/pages.js';
import { registerProblemHandlers, sendProblem } from './problem.js';
import { auditRoutes } from './routes/api/audit.js';
import { enquiryRoutes } from './routes/api/enquiries.js';
import { sessionRoutes } from './routes/api/session.js';
import { userRoutes } from './routes/api/users.js';
import { healthRoutes } from './routes/health.js';
import { noSuggestions, noTriage, type ArticleSuggester, type EnquiryTriage } from './seams.js';
import { createEnquiryService } from './services/enquiries.js';
import { validatorCompiler } from './validation.js';

/** Largest accepted request body. */
export const BODY_LIMIT = 64 * 1024;

export const API_VERSION = '0.1.0';

export interface AppDeps {
  config: Config;
  /** An open, migrated store; the caller closes it after `app.close()`. */
  store: Store;
  /** The process logger (pino); default: silent. */
  logger?: FastifyBaseLogger;
  /** Topic/district detection and redaction; default: tags nothing, text unchanged. */
  triage?: EnquiryTriage;
  /** Knowledge-base suggestions for a note; default: none. */
  suggester?: ArticleSuggester;
  /** Clock for time-based server logic (sign-in throttle); default: system clock. */
  now?: () => Date;
  /** Sign-in throttle limits (see login-throttle.ts); the top-level ones are per name and address. */
  loginThrottle?: Omit<SignInThrottleOptions, 'now'>;
  /**
   * Extra route plugins, registered after the core routes in this order, e.g.
   * `[kbRoutes({ kb }), triageRoutes({ triage })]`. Each applies the zod type provider
   * itself and protects its routes with `requireRole(...)` from plugins/auth.ts.
   */
  routes?: readonly FastifyPluginAsync[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Who may call which route, recorded as routes are registered (see plugins/auth.ts). */
    readonly accessRules: readonly AccessRule[];
  }
}

/** Trusts the nearest `hops` proxies (the number form of LOTSE_TRUST_PROXY). */
function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, store } = deps;
  const app = Fastify({
    loggerInstance: deps.logger ?? pino({ level: 'silent' }),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT,
    // Requests that arrive while closing get a problem+json 503 from our own hook below.
    return503OnClosing: false,
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    // Malformed percent-encoding or an over-long path parameter: a problem+json 400/414
    // like every other error (Fastify answers these before routing, with its own JSON).
    frameworkErrors: (error, _request, reply) => {
      const status = error.statusCode === 414 ? 414 : 400;
      // No hooks run this early: the headers that matter for an error body are set here.
      reply.header('x-request-id', reply.request.id).header('x-content-type-options', 'nosniff').header('content-security-policy', "default-src 'none'");
      return sendProblem(reply, { status, detail: status === 414 ? 'Die Adresse ist zu lang.' : 'Die Adresse enthält eine ungültige Kodierung.' });
    },
  });

  // Cross-cutting: schemas, errors, request ids, security headers, JSON only.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.removeContentTypeParser('text/plain');
  // Graceful shutdown: once closing, answer new requests with 503 and ask every client
  // to drop its keep-alive connection, so that close() does not wait for idle
  // connections until their keep-alive timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (closing) return sendProblem(reply.header('connection', 'close'), { status: 503, detail: 'Der Server fährt herunter.' });
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        ...(config.cookieSecure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Same-origin referrers let browsers send a real Origin with form posts (the origin
    // check refuses `Origin: null`); other hosts still get no referrer.
    referrerPolicy: { policy: 'same-origin' },
    // HSTS only makes sense when Lotse is served over TLS.
    strictTransportSecurity: config.cookieSecure ? { maxAge: 15_552_000 } : false,
  });

  // Lotse's own plugins: sign-in state and default deny, CSRF defence, API docs.
  const accessRules = await registerAuth(app, { store, config });
  app.decorate('accessRules', accessRules);
  registerOriginCheck(app);
  await registerOpenApi(app, API_VERSION);
  // Server-rendered pages and their assets (views, /static/, /vendor/uplot/).
  await registerPages(app);

  // Services.
  const logger = app.log;
  const enquiries = createEnquiryService({
    store,
    triage: deps.triage ?? noTriage,
    suggester: deps.suggester ?? noSuggestions,
    logger: logger.child({ module: 'enquiries' }),
  });
  const throttle = new SignInThrottle({ ...deps.loginThrottle, ...(deps.now ? { now: deps.now } : {}) });

  // Routes.
  await app.register(healthRoutes({ store }));
  await app.register(sessionRoutes({ store, config, throttle }));
  await app.register(userRoutes({ store }));
  await app.register(auditRoutes({ store }));
  await app.register(enquiryRoutes({ enquiries }));
  for (const routes of deps.routes ?? []) await app.register(routes);

  return app;
}
