/**
 * The environment for a process a test starts (the real server, a CLI): the test's own,
 * with tap's coverage recording switched off for the child. Such a child runs the sources
 * through the tsx CLI, whose transpiled code differs from the test process's; tap merges
 * V8 coverage of the same file from both, which marks covered code as uncovered
 * (src/trends/summary.ts: 100 % with its unit test alone, 48 % once a test had started
 * the server). What a child runs is checked by the test's assertions, not counted.
 * (@tapjs/processinfo copies its variables into every child unless the child's
 * environment sets them itself.)
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, _TAPJS_PROCESSINFO_COVERAGE_: '0', ...extra };
}
