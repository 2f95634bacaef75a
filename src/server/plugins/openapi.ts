/**
 * OpenAPI document generated from the same zod schemas the routes validate with,
 * and Swagger UI at /api/docs (assets served from node_modules, nothing from other
 * hosts). Both need a signed-in user, like every /api route.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const DOCS_PREFIX = '/api/docs';

/** The Swagger UI page needs inline styles; scripts and everything else stay same-origin. */
const DOCS_CSP =
  "default-src 'self'; base-uri 'self'; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; " +
  "img-src 'self' data:; object-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self'";

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lotse API',
        description:
          'Anfragen-Triage und Wissensbasis der Hotline. Fehler kommen als application/problem+json (RFC 9457). ' +
          'Anmeldung über POST /api/session; danach trägt das Cookie lotse_session die Sitzung.',
        version,
      },
      tags: [
        { name: 'Sitzung', description: 'Anmelden und Abmelden' },
        { name: 'Anfragen', description: 'Anfragen erfassen, suchen und korrigieren' },
        { name: 'Benutzer', description: 'Benutzerverwaltung (admin)' },
        { name: 'Betrieb', description: 'Bereitschaft' },
      ],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'lotse_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    staticCSP: DOCS_CSP,
    uiConfig: { validatorUrl: null, deepLinking: false },
  });
}
