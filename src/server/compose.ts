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
import { kbRoutes } from './routes/api/kb.js';
import { triageRoutes } from './routes/api/triage.js';

export interface Services extends Pick<AppDeps, 'triage' | 'suggester' | 'routes'> {
  kb: KnowledgeBase;
  /** Stops watching the KB and saves its index. */
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** Follow KB changes on disk (default true; tests switch it off). */
  watchKb?: boolean;
}

export async function createServices(
  config: Pick<Config, 'kbDir' | 'dataDir' | 'kbGitPull'>,
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
  return {
    kb,
    triage,
    suggester: kb,
    routes: [kbRoutes({ kb, requireRole, audit: store.audit }), triageRoutes({ triage, requireRole })],
    close: () => kb.close(),
  };
}
