/**
 * Starts the real server the way `npm start` does (`npx tsx src/server/main.ts`) in its
 * own process group, so a test can kill the whole tree (npx, tsx, node) like a crash.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv } from './child-env.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills the whole process group with SIGKILL (no clean-up at all). */
  crash(): Promise<void>;
}

/**
 * `npx`: through npx, as in the README. `bin`: node_modules/.bin/tsx directly, which is
 * what `npm start` runs; signals sent to it reach the server (npx does not pass them on).
 */
export type Launcher = 'npx' | 'bin';

export function runMain(
  env: Record<string, string>,
  launcher: Launcher = 'npx',
): { child: ChildProcess; stdout: string[]; stderr: string[]; exited: ServerProcess['exited'] } {
  const [command, args] = launcher === 'npx' ? ['npx', ['tsx', 'src/server/main.ts']] as const : [join(REPO_ROOT, 'node_modules/.bin/tsx'), ['src/server/main.ts']] as const;
  const child = spawn(command, [...args], {
    cwd: REPO_ROOT,
    env: childEnv({ LOTSE_LOG_LEVEL: 'info', ...env }),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => stdout.push(chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  // 'close' waits for the output streams too, so every line the server wrote is in.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  return { child, stdout, stderr, exited };
}

export async function startServer(env: Record<string, string>, launcher: Launcher = 'npx', timeoutMs = 120_000): Promise<ServerProcess> {
  const run = runMain({ LOTSE_PORT: '0', LOTSE_HOST: '127.0.0.1', ...env }, launcher);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${run.stdout.join('')}\n${run.stderr.join('')}`)), timeoutMs);
    const check = () => {
      const match = /listening at (http:\/\/[\d.]+:\d+)/.exec(run.stdout.join(''));
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    run.child.stdout?.on('data', check);
    void run.exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`server exited early:\n${run.stdout.join('')}\n${run.stderr.join('')}`));
    });
  });
  return {
    ...run,
    url,
    async crash() {
      if (run.child.pid !== undefined && run.child.exitCode === null && run.child.signalCode === null) {
        try {
          process.kill(-run.child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await run.exited;
    },
  };
}

/** Signs in over HTTP; returns the Cookie header value. */
export async function httpSignIn(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('lotse_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] ?? '';
}
