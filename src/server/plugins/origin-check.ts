/**
 * CSRF defence for the JSON API. The session cookie is SameSite=Lax, so browsers do
 * not send it with cross-site POST/PATCH/DELETE requests from other sites; in
 * addition, a state-changing request that carries an `Origin` header naming another
 * host than the one it was sent to is refused with 403. Requests without `Origin`
 * (curl, server-to-server, older same-origin navigations) are let through: they
 * cannot be forged from a browser page, which always sends Origin on such requests.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError } from '../../domain/errors.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

function normaliseHost(host: string, protocol: string): string {
  const lower = host.toLowerCase();
  const port = DEFAULT_PORTS[protocol];
  return port && lower.endsWith(`:${port}`) ? lower.slice(0, -(port.length + 1)) : lower;
}

/** True when the request's Origin (if any) names the host the request was sent to. */
export function originMatches(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes the opaque origin "null"
  }
  const protocol = url.protocol;
  return normaliseHost(url.host, protocol) === normaliseHost(request.host, protocol);
}

export function registerOriginCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (STATE_CHANGING.has(request.method) && !originMatches(request)) {
      throw new ForbiddenError('ORIGIN_MISMATCH', 'Anfragen von einer fremden Herkunft (Origin) sind nicht erlaubt.');
    }
  });
}
