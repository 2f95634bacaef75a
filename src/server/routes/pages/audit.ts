/**
 * `/protokoll` (admin): the audit trail — who did what, when and from where — newest
 * first, with filters for the period, the user and the action. The server renders the
 * frame, the filter form (its values from the query string, like `/anfragen`) and the
 * CSV link with the same filters; public/js/audit.js pages through GET /api/audit with
 * its cursor. The export (GET /api/audit.csv) is itself recorded by the API.
 */
import type { FastifyPluginAsync } from 'fastify';
import { isLocalDay } from '../../../domain/berlin-time.js';
import { AUDIT_ACTIONS, type AuditAction, type Store } from '../../../store/index.js';
import { layoutData, pageAccess } from '../../plugins/pages.js';
import { pageHeaders } from './signin.js';
import { LABELS, type Option } from './enquiry.js';

/** Every action of the trail in German words, as the admin reads them. */
export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  'session.signin': 'Angemeldet',
  'session.signin_failed': 'Anmeldung fehlgeschlagen',
  'session.signout': 'Abgemeldet',
  'user.create': 'Benutzer angelegt',
  'user.update': 'Benutzer geändert',
  'enquiry.create': 'Anfrage erfasst',
  'enquiry.read': 'Anfrage geöffnet',
  'enquiry.update': 'Anfrage korrigiert',
  'enquiry.list': 'Anfragen aufgelistet',
  'enquiry.delete': 'Anfrage gelöscht',
  'report.export': 'Zahlen exportiert',
  'audit.export': 'Protokoll exportiert',
  'kb.reload': 'Wissensbasis neu geladen',
  'retention.run': 'Löschlauf nach Aufbewahrungsfrist',
};

interface AuditPageQuery {
  from?: string;
  to?: string;
  action?: string;
  user?: string;
}

export interface AuditFilters {
  from?: string;
  to?: string;
  action?: AuditAction;
  user?: string;
}

/**
 * The filter values that are valid for GET /api/audit; anything else is dropped (the
 * form then shows "alle"). `user` is kept only when it names a known user.
 */
export function auditFilters(query: AuditPageQuery, userIds: ReadonlySet<number>): AuditFilters {
  const out: AuditFilters = {};
  if (typeof query.from === 'string' && isLocalDay(query.from)) out.from = query.from;
  if (typeof query.to === 'string' && isLocalDay(query.to)) out.to = query.to;
  if (typeof query.action === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(query.action)) out.action = query.action as AuditAction;
  if (typeof query.user === 'string' && /^[1-9]\d{0,14}$/.test(query.user) && userIds.has(Number(query.user))) out.user = query.user;
  return out;
}

const ACTION_OPTIONS: Option[] = AUDIT_ACTIONS.map((value) => ({ value, label: AUDIT_ACTION_LABELS[value] }));

function selected(options: Option[], value: string | undefined) {
  return options.map((o) => ({ ...o, selected: o.value === value }));
}

export function auditPage({ store }: { store: Pick<Store, 'users'> }): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: AuditPageQuery }>('/protokoll', { onRequest: pageAccess('admin'), schema: { hide: true } }, async (request, reply) => {
      const users = store.users.list();
      const filters = auditFilters(request.query ?? {}, new Set(users.map((u) => u.id)));
      // Days compare as text; the API would refuse the period, so the page says why instead.
      const periodError = filters.from !== undefined && filters.to !== undefined && filters.to < filters.from ? '„Bis“ liegt vor „Von“. Bitte den Zeitraum prüfen.' : null;
      const query = new URLSearchParams(filters as Record<string, string>).toString();
      return pageHeaders(reply).view('audit', {
        ...layoutData(request, '/protokoll'),
        title: 'Protokoll',
        scripts: ['/static/js/audit.js'],
        labels: { actions: AUDIT_ACTION_LABELS, roles: LABELS.roles },
        filters,
        filtered: Object.keys(filters).length > 0,
        periodError,
        csvHref: `/api/audit.csv${query ? `?${query}` : ''}`,
        actions: selected(ACTION_OPTIONS, filters.action),
        users: selected(
          users.map((u) => ({ value: String(u.id), label: u.active ? u.username : `${u.username} (deaktiviert)` })),
          filters.user,
        ),
      });
    });
  };
}
