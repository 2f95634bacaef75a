/**
 * A test app with the workspace's pages and APIs (and a fake triage), built by
 * buildTestApp. The route plugins are created before the test store exists, so they get
 * a store that forwards to it once it is known.
 */
import type { Test } from 'tap';
import type { Store } from '../../src/store/index.js';
import { requireRole } from '../../src/server/plugins/auth.js';
import { kbRoutes } from '../../src/server/routes/api/kb.js';
import { workspaceRoutes } from '../browser/lotse.js';
import { buildTestApp, type TestAppOptions, type TestContext } from '../helpers/app.js';
import { FakeTriage } from '../helpers/fakes.js';
import type { KnowledgeBase } from '../../src/kb/index.js';

export function lateStore(): { store: Store; now: () => Date; set(store: Store, now: () => Date): void } {
  let target: Store | undefined;
  let clock: (() => Date) | undefined;
  const store = new Proxy({} as Store, {
    get(_t, property) {
      if (!target) throw new Error('late store used before it was set');
      return Reflect.get(target, property, target);
    },
  });
  return {
    store,
    now: () => (clock ? clock() : new Date()),
    set: (s, now) => {
      target = s;
      clock = now;
    },
  };
}

export interface WorkspaceAppOptions extends TestAppOptions {
  kb?: KnowledgeBase;
}

export async function buildWorkspaceApp(t: Test, options: WorkspaceAppOptions = {}): Promise<TestContext & { triage: FakeTriage }> {
  const late = lateStore();
  const triage = new FakeTriage();
  const { kb, ...rest } = options;
  const extra = [
    ...(kb ? [kbRoutes({ kb, requireRole })] : []),
    ...workspaceRoutes({ store: late.store, now: late.now, config: { cookieSecure: false }, ...(kb ? { kb } : {}) }),
  ];
  const context = await buildTestApp(t, { triage, ...(kb ? { suggester: kb } : {}), ...rest, routes: [...(rest.routes ?? []), ...extra] });
  late.set(context.store, context.clock.now);
  return { ...context, triage };
}
