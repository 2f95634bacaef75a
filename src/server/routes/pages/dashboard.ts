/**
 * `/dashboard` (lead): the live dashboard. The server renders the frame and the filter
 * form; public/js/dashboard.js fetches `/api/trends` and `/api/trends/summary`, draws the
 * chart (uPlot) and the map (public/js/map.js), and follows `/ws/trends`.
 */
import type { FastifyPluginAsync } from 'fastify';
import { CALLERS, DISTRICT_CODES, DISTRICTS, TOPIC_IDS, TOPIC_LABELS } from '../../../domain/ids.js';
import type { Store } from '../../../store/index.js';
import { layoutData, pageAccess } from '../../plugins/pages.js';
import { CALLER_LABELS, createTrendsService, NO_CALLER_LABEL, NO_DISTRICT_LABEL, NONE, type TrendsService } from '../api/trends.js';

/** The periods the filter offers; the browser turns them into from/to. */
export const PERIODS = [
  { value: '12m', label: 'Letzte 12 Monate' },
  { value: '6m', label: 'Letzte 6 Monate' },
  { value: '3m', label: 'Letzte 3 Monate' },
  { value: '30d', label: 'Letzte 30 Tage' },
  { value: 'jahr', label: 'Dieses Jahr' },
  { value: 'vorjahr', label: 'Letztes Jahr' },
  { value: 'eigener', label: 'Eigener Zeitraum …' },
] as const;

export const BUCKETS = [
  { value: 'week', label: 'Wochen' },
  { value: 'month', label: 'Monate' },
  { value: 'day', label: 'Tage' },
] as const;

export interface DashboardPageDeps {
  store: Pick<Store, 'rollups'>;
  now?: () => Date;
  trends?: TrendsService;
}

export function dashboardPage(deps: DashboardPageDeps): FastifyPluginAsync {
  return async (app) => {
    const trends = deps.trends ?? createTrendsService(deps);
    const topics = TOPIC_IDS.map((id) => ({ value: id, label: TOPIC_LABELS[id] }));
    const districts = [...DISTRICT_CODES.map((code) => ({ value: code, label: DISTRICTS[code] })), { value: NONE, label: NO_DISTRICT_LABEL }];
    const callers = [...CALLERS.map((id) => ({ value: id, label: CALLER_LABELS[id] })), { value: NONE, label: NO_CALLER_LABEL }];

    app.get('/dashboard', { onRequest: pageAccess('lead'), schema: { hide: true } }, async (request, reply) => {
      return reply.header('cache-control', 'no-store').view('dashboard', {
        ...layoutData(request, '/dashboard'),
        title: 'Dashboard',
        scripts: ['/static/js/dashboard.js'],
        styles: ['/vendor/uplot/uPlot.min.css'],
        today: trends.today(),
        periods: PERIODS,
        buckets: BUCKETS,
        topics,
        districts,
        callers,
      });
    });
  };
}
