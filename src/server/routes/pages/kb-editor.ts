/**
 * `/wissensbasis` (editor): what the server serves (revision, articles, rejected files
 * with their reasons, stale articles, searches without a hit; GET /api/kb/status), a
 * button that reloads the KB (POST /api/kb/reload), and how the articles help the
 * hotline (GET /api/kb/usage): most used and most helpful articles, and the content
 * gaps per topic. public/js/kb-editor.js fills the page.
 */
import type { FastifyPluginAsync } from 'fastify';
import { layoutData, pageAccess } from '../../plugins/pages.js';
import { pageHeaders } from './signin.js';
import { LABELS } from './enquiry.js';

export const USAGE_PERIODS = [
  { value: '30', label: 'Letzte 30 Tage' },
  { value: '90', label: 'Letzte 90 Tage', selected: true },
  { value: '365', label: 'Letzte 12 Monate' },
  { value: 'alle', label: 'Gesamter Zeitraum' },
] as const;

export function kbEditorPage(): FastifyPluginAsync {
  return async (app) => {
    app.get('/wissensbasis', { onRequest: pageAccess('editor'), schema: { hide: true } }, async (request, reply) => {
      return pageHeaders(reply).view('kb-editor', {
        ...layoutData(request, '/wissensbasis'),
        title: 'Wissensbasis',
        scripts: ['/static/js/kb-editor.js'],
        labels: LABELS,
        periods: USAGE_PERIODS,
      });
    });
  };
}
