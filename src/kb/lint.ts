/**
 * The core of `npm run kb:lint`: checks a KB directory the way the server loads it and
 * lists every problem. Errors: invalid front matter (schema, unknown topic or district),
 * duplicate slugs, broken relative links, empty bodies, bad file names. Warnings: an
 * overdue `review_by`, unknown front-matter keys, raw HTML.
 */

import { stat } from 'node:fs/promises';
import type { KbIssue } from './front-matter.js';
import { buildCatalogue, parseArticle, readKbDir, reviewWarnings } from './loader.js';

export interface LintResult {
  /** Files checked. */
  files: number;
  /** Articles that would be served. */
  articles: number;
  issues: KbIssue[];
  errors: number;
  warnings: number;
}

/** Lints a KB directory; `today` (YYYY-MM-DD) decides which reviews are overdue. */
export async function lintKb(dir: string, today: string = new Date().toISOString().slice(0, 10)): Promise<LintResult> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`Verzeichnis „${dir}“ gibt es nicht`);
  const sources = await readKbDir(dir);
  const catalogue = buildCatalogue(sources.map(parseArticle));
  const issues = [...catalogue.issues, ...reviewWarnings(catalogue.served.values(), today)].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)),
  );
  const errors = issues.filter((i) => i.severity === 'error').length;
  return { files: sources.length, articles: catalogue.served.size, issues, errors, warnings: issues.length - errors };
}

/** `file:line: message` (warnings marked), with the file shown under `prefix`. */
export function formatIssue(issue: KbIssue, prefix = ''): string {
  const file = prefix ? `${prefix.replace(/\/+$/, '')}/${issue.file}` : issue.file;
  const where = issue.line === undefined ? file : `${file}:${issue.line}`;
  return `${where}: ${issue.severity === 'warning' ? 'Warnung: ' : ''}${issue.message}`;
}
