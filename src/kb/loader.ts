/**
 * Reading the KB directory: one Markdown file per article anywhere below it. Each file
 * is parsed and checked on its own (front matter, body, file name); then the catalogue
 * checks what needs all files (unique slugs, relative links) and decides which version
 * of each article is served — a file that was valid and became broken keeps its last
 * good version until it is fixed.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import matter from 'gray-matter';
import { keyLines, validateFrontMatter, type FrontMatter, type KbIssue } from './front-matter.js';
import { outlineBody, type ArticleLink } from './render.js';

export interface SourceFile {
  /** Path relative to the KB directory, with forward slashes. */
  file: string;
  content: string;
  /** sha1 of the content. */
  hash: string;
  /** Absolute path, size and modification time, when read from disk. */
  path?: string;
  size?: number;
  mtimeMs?: number;
}

/** What `stat` says about an article file (cheap change detection). */
export interface FileStamp {
  file: string;
  path: string;
  size: number;
  mtimeMs: number;
}

export const SLUG_PATTERN = /^[a-z0-9-]+$/;

export function hashContent(content: string): string {
  return createHash('sha1').update(content).digest('hex');
}

/** Lists every `.md` file below `dir` (hidden folders and node_modules skipped), sorted by path. */
export async function listMarkdownFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string): Promise<void> {
    const entries = await readdir(join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(path);
      else if (e.isFile() && e.name.toLowerCase().endsWith('.md') && !/^readme\.md$/i.test(e.name)) out.push(path);
    }
  }
  await walk('');
  return out.sort();
}

/** Runs `fn` over `items` with bounded parallelism (fast on SSDs, no EMFILE at 10k files). */
async function eachLimited<T>(items: readonly T[], fn: (item: T) => Promise<void>, limit = 32): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await fn(item);
      }
    }),
  );
}

const byFile = (a: { file: string }, b: { file: string }): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/** Size and modification time of every article file, sorted by path. */
export async function stampKbDir(dir: string): Promise<FileStamp[]> {
  const files = await listMarkdownFiles(dir);
  const out: FileStamp[] = [];
  await eachLimited(files, async (file) => {
    const path = join(dir, file);
    try {
      const st = await stat(path);
      out.push({ file, path, size: st.size, mtimeMs: st.mtimeMs });
    } catch {
      // Deleted between listing and stat: the next reload sees it gone.
    }
  });
  return out.sort(byFile);
}

/** Reads the given files with their content hash. Unreadable files are skipped. */
export async function readSources(stamps: readonly FileStamp[]): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  await eachLimited(stamps, async (s) => {
    try {
      const content = await readFile(s.path, 'utf8');
      out.push({ file: s.file, content, hash: hashContent(content), path: s.path, size: s.size, mtimeMs: s.mtimeMs });
    } catch {
      // Deleted between listing and reading.
    }
  });
  return out.sort(byFile);
}

/** Reads every article file with its content hash. Unreadable files are skipped. */
export async function readKbDir(dir: string): Promise<SourceFile[]> {
  return readSources(await stampKbDir(dir));
}

/** One article file after parsing; `meta` is set when the file itself is valid. */
export interface ParsedArticle {
  file: string;
  slug: string;
  hash: string;
  meta?: FrontMatter;
  /** Problems found in this file alone. */
  issues: KbIssue[];
  links: ArticleLink[];
  headings: string[];
  /**
   * Markdown body (without front matter). Articles restored from a saved index read it
   * from `path` when first needed (see `bodyOf`).
   */
  body?: string;
  /** Absolute path, size and modification time of the file this was parsed from. */
  path?: string;
  size?: number;
  mtimeMs?: number;
  /** Number of file lines before the body. */
  bodyLine: number;
  /** Line of `review_by` (for the stale warning). */
  reviewByLine?: number;
  /** Plain body text; computed on demand for articles restored from a saved index. */
  text?: string;
}

const FORBIDDEN_ENGINE = (): never => {
  throw new Error('nur YAML-Front-Matter ist erlaubt');
};
// Passing options also keeps gray-matter from caching every file it ever parsed.
const MATTER_OPTIONS = {
  engines: { javascript: FORBIDDEN_ENGINE, js: FORBIDDEN_ENGINE, coffee: FORBIDDEN_ENGINE, cson: FORBIDDEN_ENGINE },
};

/** Top-level `key: value` scalars as written (YAML turns 2026-13-45 into a valid Date). */
function rawScalars(matterText: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of matterText.split(/\r?\n/)) {
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(?:"([^"]*)"|'([^']*)'|([^#\s[{][^#]*?))\s*(?:#.*)?$/.exec(line);
    const value = m?.[2] ?? m?.[3] ?? m?.[4];
    if (m?.[1] && value !== undefined && !out.has(m[1])) out.set(m[1], value.trim());
  }
  return out;
}

function slugOf(file: string): string {
  return (file.split('/').pop() ?? file).replace(/\.md$/i, '');
}

/** Parses and checks one file. Never throws. */
export function parseArticle(source: SourceFile): ParsedArticle {
  const { file, content, hash } = source;
  const slug = slugOf(file);
  const issues: KbIssue[] = [];
  const base: ParsedArticle = { file, slug, hash, issues, links: [], headings: [], body: '', bodyLine: 0 };
  if (source.path !== undefined) base.path = source.path;
  if (source.size !== undefined) base.size = source.size;
  if (source.mtimeMs !== undefined) base.mtimeMs = source.mtimeMs;
  if (!SLUG_PATTERN.test(slug)) {
    issues.push({
      file,
      line: 1,
      message: `Dateiname „${slug}.md“ ergibt keinen gültigen Slug (nur Kleinbuchstaben a–z, Ziffern und Bindestriche)`,
      severity: 'error',
    });
  }
  const text = content.replace(/^\uFEFF/, '');
  if (!/^---[ \t]*\r?\n/.test(text)) {
    issues.push({ file, line: 1, message: 'Front Matter fehlt: die Datei muss mit einer Zeile „---“ beginnen', severity: 'error' });
    return base;
  }
  const lines = text.split(/\r?\n/);
  const closing = lines.findIndex((l, i) => i > 0 && /^---[ \t]*$/.test(l));
  if (closing === -1) {
    issues.push({ file, line: 1, message: 'Front Matter ist nicht abgeschlossen: die schließende Zeile „---“ fehlt', severity: 'error' });
    return base;
  }
  let data: unknown;
  try {
    data = matter(text, MATTER_OPTIONS).data;
  } catch (err) {
    const mark = (err as { mark?: { line?: number } }).mark;
    const reason = (err as { reason?: string }).reason ?? (err as Error).message;
    issues.push({
      file,
      line: typeof mark?.line === 'number' ? mark.line + 2 : 1,
      message: `Front Matter ist kein gültiges YAML: ${reason}`,
      severity: 'error',
    });
    return base;
  }
  const matterText = lines.slice(1, closing).join('\n');
  const keyLine = keyLines(matterText, 2);
  const validated = validateFrontMatter(data, file, keyLine, 1, rawScalars(matterText));
  issues.push(...validated.issues);
  base.bodyLine = closing + 1;
  const body = lines.slice(closing + 1).join('\n');
  base.body = body;
  const reviewByLine = keyLine.get('review_by');
  if (reviewByLine !== undefined) base.reviewByLine = reviewByLine;
  if (!body.trim()) {
    issues.push({ file, line: closing + 2, message: 'Der Artikel hat keinen Text unter dem Front Matter', severity: 'error' });
  } else {
    const outline = outlineBody(body, file, base.bodyLine);
    base.text = outline.text;
    base.links = outline.links;
    base.headings = outline.headings.map((h) => h.text);
    if (outline.hasHtml) {
      issues.push({
        file,
        message: 'HTML im Text: nur einfache Auszeichnung bleibt erhalten, alles andere (Skripte, Bilder, Frames, Stile) wird entfernt',
        severity: 'warning',
      });
    }
  }
  if (validated.value && !issues.some((i) => i.severity === 'error')) base.meta = validated.value;
  return base;
}

/** The body of content lines after the front matter. */
export function bodyFromContent(content: string, bodyLine: number): string {
  return content.replace(/^\uFEFF/, '').split(/\r?\n/).slice(bodyLine).join('\n');
}

/**
 * The Markdown body of a parsed article; read from its file now when it was restored from
 * a saved index (a small synchronous read, once per article).
 */
export function bodyOf(article: ParsedArticle): string {
  if (article.body === undefined) {
    let content = '';
    try {
      content = article.path ? readFileSync(article.path, 'utf8') : '';
    } catch {
      // Gone since the last reload: the watcher will notice.
    }
    article.body = bodyFromContent(content, article.bodyLine);
  }
  return article.body;
}

/** The plain body text of a parsed article (computed now if it was restored from a saved index). */
export function textOf(article: ParsedArticle): string {
  article.text ??= outlineBody(bodyOf(article), article.file, article.bodyLine).text;
  return article.text;
}

export interface Catalogue {
  /** Served articles by slug (valid now, or their last good version). */
  served: Map<string, ParsedArticle & { meta: FrontMatter }>;
  /** Every issue: per file, duplicates, broken links. Sorted by file and line. */
  issues: KbIssue[];
}

/**
 * Decides what is served. `previous` is what was served before this load (for last good
 * versions and for keeping a slug with the file that had it first).
 */
export function buildCatalogue(parsed: readonly ParsedArticle[], previous?: Catalogue['served']): Catalogue {
  const issues: KbIssue[] = [];
  const files = new Set(parsed.map((p) => p.file));
  const served = new Map<string, ParsedArticle & { meta: FrontMatter }>();
  const previousFileOfSlug = new Map<string, string>();
  for (const [slug, a] of previous ?? []) previousFileOfSlug.set(slug, a.file);

  // Candidates per slug: the current valid version, or the last good one of a broken file.
  const candidates: (ParsedArticle & { meta: FrontMatter })[] = [];
  for (const p of parsed) {
    issues.push(...p.issues);
    if (p.meta) candidates.push(p as ParsedArticle & { meta: FrontMatter });
    else {
      const lastGood = previous?.get(p.slug);
      if (lastGood && lastGood.file === p.file) {
        candidates.push(lastGood);
        issues.push({
          file: p.file,
          message: 'Die Datei ist fehlerhaft; bis zur Korrektur wird die letzte gültige Fassung angezeigt',
          severity: 'warning',
        });
      }
    }
  }
  // The file that had a slug before keeps it; otherwise the first by path.
  candidates.sort((a, b) => {
    const aFirst = previousFileOfSlug.get(a.slug) === a.file ? 0 : 1;
    const bFirst = previousFileOfSlug.get(b.slug) === b.file ? 0 : 1;
    return aFirst - bFirst || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  });
  for (const c of candidates) {
    const holder = served.get(c.slug);
    if (holder) {
      issues.push({
        file: c.file,
        line: 1,
        message: `Slug „${c.slug}“ ist doppelt: bereits vergeben an ${holder.file} (Dateinamen müssen in der ganzen Wissensbasis eindeutig sein)`,
        severity: 'error',
      });
      continue;
    }
    served.set(c.slug, c);
  }
  // Relative links must point at an existing article file.
  for (const p of parsed) {
    for (const link of p.links) {
      if (!files.has(link.target)) {
        issues.push({
          file: p.file,
          ...(link.line === undefined ? {} : { line: link.line }),
          message: `Link auf nicht vorhandenen Artikel „${link.href}“`,
          severity: 'error',
        });
      }
    }
  }
  issues.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  return { served, issues };
}

/** Warnings for articles whose `review_by` date has passed. */
export function reviewWarnings(served: Iterable<ParsedArticle & { meta: FrontMatter }>, today: string): KbIssue[] {
  const out: KbIssue[] = [];
  for (const a of served) {
    if (a.meta.reviewBy && a.meta.reviewBy < today) {
      out.push({
        file: a.file,
        ...(a.reviewByLine === undefined ? {} : { line: a.reviewByLine }),
        message: `review_by: Prüftermin ${a.meta.reviewBy} ist überschritten – bitte Inhalt prüfen`,
        severity: 'warning',
      });
    }
  }
  return out;
}
