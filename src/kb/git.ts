/**
 * Git facts about the KB directory: the revision served, the last commit of each file
 * (one `git log` for the whole KB), and `git pull --ff-only` for the reload webhook.
 * Git runs with execFile (no shell); a missing git or a directory outside a work tree
 * simply yields "not a Git work tree".
 */

import { execFile } from 'node:child_process';

export interface CommitInfo {
  /** ISO timestamp of the author date. */
  date: string;
  author: string;
}

export interface GitInfo {
  /** Short SHA of HEAD, plus `+dirty` when the KB directory has uncommitted changes. */
  revision: string;
  /** Last commit per file, keyed by the path relative to the KB directory. */
  lastCommits: Map<string, CommitInfo>;
}

const GIT_ENV = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };

function git(cwd: string, args: string[], timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, env: GIT_ENV, timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024, windowsHide: true },
      (err, stdout) => (err ? reject(err) : resolve(stdout)),
    );
  });
}

/**
 * True when `dir` is a KB kept in Git: inside a work tree and with tracked files (a KB
 * folder that a surrounding repository ignores or never committed is not). False when
 * git is missing.
 */
export async function isGitWorkTree(dir: string): Promise<boolean> {
  try {
    if ((await git(dir, ['rev-parse', '--is-inside-work-tree'])).trim() !== 'true') return false;
    // Fresh repositories without commits count too, as long as the folder is not ignored.
    const ignored = await git(dir, ['check-ignore', '-q', '.']).then(
      () => true,
      () => false,
    );
    if (ignored) return false;
    const tracked = await git(dir, ['ls-files', '--cached', '--', '.']).catch(() => '');
    const hasHead = await git(dir, ['rev-parse', '--verify', '-q', 'HEAD']).then(
      () => true,
      () => false,
    );
    return tracked.trim().length > 0 || !hasHead;
  } catch {
    return false;
  }
}

/** Revision and last commits, or undefined outside Git (or when Git fails). */
export async function readGitInfo(dir: string): Promise<GitInfo | undefined> {
  if (!(await isGitWorkTree(dir))) return undefined;
  let sha: string;
  try {
    sha = (await git(dir, ['rev-parse', '--short', 'HEAD'])).trim();
  } catch {
    // A fresh repository without commits.
    sha = 'ohne-commit';
  }
  let dirty = false;
  try {
    dirty = (await git(dir, ['status', '--porcelain', '--untracked-files=normal', '--', '.'])).trim().length > 0;
  } catch {
    dirty = false;
  }
  const lastCommits = new Map<string, CommitInfo>();
  try {
    const log = await git(dir, ['log', '--relative', '--name-only', '--no-renames', '--format=%x1e%aI%x1f%an', '--', '.'], 60_000);
    for (const record of log.split('\x1e')) {
      if (!record.trim()) continue;
      const [header = '', ...files] = record.split('\n');
      const [date = '', author = ''] = header.split('\x1f');
      for (const f of files) {
        const file = f.trim();
        if (file && !lastCommits.has(file)) lastCommits.set(file, { date, author });
      }
    }
  } catch {
    // no commits yet
  }
  return { revision: dirty ? `${sha}+dirty` : sha, lastCommits };
}

/** `git pull --ff-only` in the KB directory; resolves to git's output or rejects with its error. */
export async function gitPull(dir: string): Promise<string> {
  return (await git(dir, ['pull', '--ff-only'], 60_000)).trim();
}
