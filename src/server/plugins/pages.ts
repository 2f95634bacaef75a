/**
 * Server-rendered pages: Handlebars views (src/server/views, one layout), the browser
 * assets in public/ under /static/, and uPlot from its package under /vendor/uplot/.
 * Nothing is loaded from another host; the CSP (app.ts) allows only 'self'.
 *
 * Page routes protect themselves with `pageAccess(...roles)`: anonymous visitors are
 * sent to the sign-in page (and back afterwards), signed-in users without the role see
 * a German 403 page instead of a JSON problem.
 */
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Handlebars from 'handlebars';
import { roleGrants, type Role } from '../../domain/ids.js';
import type { AuthUser } from './auth.js';

const ROOT = new URL('../../../', import.meta.url);
export const VIEWS_DIR = fileURLToPath(new URL('src/server/views/', ROOT));
export const PUBLIC_DIR = fileURLToPath(new URL('public/', ROOT));
const UPLOT_DIR = fileURLToPath(new URL('node_modules/uplot/dist/', ROOT));

/** Main navigation; each entry is shown to the roles that may open it. */
const NAVIGATION: { href: string; label: string; role: Role }[] = [
  { href: '/anfrage', label: 'Neue Anfrage', role: 'adviser' },
  { href: '/anfragen', label: 'Anfragen', role: 'adviser' },
  { href: '/dashboard', label: 'Dashboard', role: 'lead' },
  { href: '/berichte', label: 'Berichte', role: 'lead' },
  { href: '/wissensbasis', label: 'Wissensbasis', role: 'editor' },
  { href: '/benutzer', label: 'Benutzer', role: 'admin' },
  { href: '/protokoll', label: 'Protokoll', role: 'admin' },
];

/** The page each role lands on after signing in. */
export function homePageOf(role: Role): string {
  if (role === 'lead') return '/dashboard';
  if (role === 'editor') return '/wissensbasis';
  if (role === 'admin') return '/anfrage';
  return '/anfrage';
}

/** Data every page gets: the user and the navigation they may see. */
export function layoutData(request: FastifyRequest, active: string): Record<string, unknown> {
  const user: AuthUser | null = request.user;
  const navigation = user
    ? NAVIGATION.filter((n) => roleGrants(user.role, n.role)).map((n) => ({ ...n, active: n.href === active }))
    : [];
  return { user, navigation };
}

/** onRequest hook for pages: redirect to sign-in when anonymous, 403 page without the role. */
export function pageAccess(...roles: Role[]) {
  return async function (request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const user = request.user;
    if (!user) {
      const next = encodeURIComponent(request.url);
      return reply.redirect(`/anmelden?next=${next}`, 303);
    }
    if (roles.length > 0 && !roles.some((role) => roleGrants(user.role, role))) {
      return reply
        .code(403)
        .view('forbidden', { ...layoutData(request, ''), title: 'Kein Zugriff', roles: roles.join(' oder ') });
    }
  };
}

export async function registerPages(app: FastifyInstance): Promise<void> {
  const handlebars = Handlebars.create();
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  handlebars.registerHelper('json', (value: unknown) =>
    // For data-* attributes: Handlebars escapes the quotes of the JSON text.
    JSON.stringify(value ?? null),
  );
  await app.register(fastifyView, {
    engine: { handlebars },
    root: VIEWS_DIR,
    layout: 'layouts/main.hbs',
    viewExt: 'hbs',
    options: { partials: { pageHeader: 'partials/page-header.hbs' } },
  });
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/static/',
    index: false,
    immutable: false,
    maxAge: '1h',
  });
  await app.register(fastifyStatic, {
    root: UPLOT_DIR,
    prefix: '/vendor/uplot/',
    decorateReply: false,
    index: false,
    allowedPath: (path) => ['/uPlot.esm.js', '/uPlot.min.css'].includes(path),
  });
  // Browsers ask for /favicon.ico before they read the page's icon link.
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/static/favicon.svg', 301));
}
