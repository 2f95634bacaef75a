/**
 * The services of the other modules, created once for `npm start`, the demo and the
 * browser tests: the knowledge base (search, suggestions, live reload) and the triage
 * (classifier trained on the corpus plus every stored correction, gazetteer, redaction),
 * with the route plugins that expose them.
 */
import { KnowledgeBase } from '../kb/index.js';
import type { Logger } from '../domain/logger.js';
import type { Store } from '../store/index.js';
import { createTriage } from '../triage/index.js';
import type { AppDeps } from './app.js';
import type { Config } from './config.js';
import { requireRole } from './plugins/auth.js';
import { kbUsageRoutes } from './routes/api/kb-usage.js';
import { kbRoutes } from './routes/api/kb.js';
import { reportRoutes } from './routes/api/reports.js';
import { similarRoutes } from './routes/api/similar.js';
import { createTrendsService, trendsRoutes } from './routes/api/trends.js';
import { triageRoutes } from './routes/api/triage.js';
import { auditPage } from './routes/pages/audit.js';
import { dashboardPage } from './routes/pages/dashboard.js';
import { enquiriesPages } from './routes/pages/enquiries.js';
import { enquiryPage } from './routes/pages/enquiry.js';
import { kbEditorPage } from './routes/pages/kb-editor.js';
import { reportsPage } from './routes/pages/reports.js';
import { signinPages } from './routes/pages/signin.js';
import { usersPage } from './routes/pages/users.js';
import { liveRoutes } from './routes/ws/trends.js';

export interface Services extends Pick<AppDeps, 'triage' | 'suggester' | 'routes'> {
  kb: KnowledgeBase;
  /** Stops watching the KB and saves its index. */
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** Follow KB changes on disk (default true; tests switch it off). */
  watchKb?: boolean;
  /** Clock for trends and similar enquiries (tests). */
  now?: () => Date;
}

export async function createServices(
  config: Pick<Config, 'kbDir' | 'dataDir' | 'kbGitPull' | 'cookieSecure'>,
  store: Store,
  logger: Logger & { child?: (bindings: Record<string, unknown>) => Logger },
  options: ServiceOptions = {},
): Promise<Services> {
  const child = (module: string): Logger => logger.child?.({ module }) ?? logger;
  const kb = await KnowledgeBase.open({
    dir: config.kbDir,
    dataDir: config.dataDir,
    gitPull: config.kbGitPull,
    watch: options.watchKb ?? true,
    logger: child('kb'),
  });
  // Every tagging an adviser chose or corrected is a training example; replay them all.
  const triage = createTriage({
    logger: child('triage'),
    corrections: store.enquiries.trainingExamples().map((e) => ({ text: e.text, topics: e.topics })),
  });
  const now = options.now ?? (() => new Date());
  // One trends service for the API, the live hub, the dashboard and the reports, so they share one cache.
  const trends = createTrendsService({ store, now });
  const trendDeps = { store, now, trends };
  return {
    kb,
    triage,
    suggester: kb,
    routes: [
      kbRoutes({ kb, requireRole, audit: store.audit }),
      triageRoutes({ triage, requireRole }),
      similarRoutes({ store, kb, now }),
      kbUsageRoutes({ store, kb }),
      trendsRoutes(trendDeps),
      reportRoutes(trendDeps),
      liveRoutes(trendDeps),
      signinPages({ store, config }),
      enquiryPage(),
      enquiriesPages(),
      kbEditorPage(),
      usersPage(),
      auditPage({ store }),
      dashboardPage(trendDeps),
      reportsPage(trendDeps),
    ],
    close: () => kb.close(),
  };
}
