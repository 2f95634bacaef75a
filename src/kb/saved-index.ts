/**
 * The saved index: the MiniSearch JSON, the vocabulary and the parsed file records, so a
 * server with 10,000 articles starts in about a second instead of re-analysing all of
 * them. Tagged with a hash of everything that shapes the index (analysis pipeline,
 * fields, BM25 parameters, KB directory); a different hash means rebuild.
 */

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ABBREVIATIONS, STOP_WORDS, createAnalyzer } from '../text/index.js';
import type { FrontMatter, KbIssue } from './front-matter.js';
import type { ParsedArticle } from './loader.js';
import type { ArticleLink } from './render.js';
import { FIELDS, type RankingOptions, type SerializedSearchIndex } from './search-index.js';

/** Bump when the analysis or the record format changes in a way the hash cannot see. */
export const PIPELINE_VERSION = 4;

export const SAVED_INDEX_FILE = 'kb-index.json';

/** A parsed file as saved (the body is read from disk again). */
export interface SavedRecord {
  file: string;
  slug: string;
  hash: string;
  meta?: FrontMatter;
  issues: KbIssue[];
  links: ArticleLink[];
  headings: string[];
  bodyLine: number;
  reviewByLine?: number;
  size?: number;
  mtimeMs?: number;
}

export interface SavedIndex {
  pipeline: string;
  savedAt: string;
  /** Files and hash of each served article at the time of saving, by slug. */
  indexed: Record<string, { file: string; hash: string }>;
  records: SavedRecord[];
  search: SerializedSearchIndex;
}

/** Hash of everything that determines the index content. */
export function pipelineHash(kbDir: string, ranking: RankingOptions): string {
  // A few probes catch a changed stemmer or splitter without hashing source files.
  const probe = createAnalyzer({ vocabulary: ['beruf', 'sprache', 'kurs', 'sprachkurs', 'berater'] });
  const sample = probe.terms('Berufssprachkurse Beraterinnen Ausländerbehörde AB JC Ärztinnen');
  return createHash('sha1')
    .update(
      JSON.stringify({
        v: PIPELINE_VERSION,
        dir: resolve(kbDir),
        fields: FIELDS,
        bm25: ranking.bm25,
        abbreviations: ABBREVIATIONS,
        stop: [...STOP_WORDS].sort(),
        sample,
      }),
    )
    .digest('hex');
}

export function toRecord(p: ParsedArticle): SavedRecord {
  const r: SavedRecord = {
    file: p.file,
    slug: p.slug,
    hash: p.hash,
    issues: p.issues,
    links: p.links,
    headings: p.headings,
    bodyLine: p.bodyLine,
  };
  if (p.meta) r.meta = p.meta;
  if (p.reviewByLine !== undefined) r.reviewByLine = p.reviewByLine;
  if (p.size !== undefined) r.size = p.size;
  if (p.mtimeMs !== undefined) r.mtimeMs = p.mtimeMs;
  return r;
}

/**
 * A parsed article from a saved record of an unchanged file (same size and modification
 * time); its body is read from `path` when first needed.
 */
export function fromRecord(r: SavedRecord, path: string): ParsedArticle {
  const p: ParsedArticle = {
    file: r.file,
    slug: r.slug,
    hash: r.hash,
    issues: r.issues,
    links: r.links,
    headings: r.headings,
    bodyLine: r.bodyLine,
    path,
  };
  if (r.meta) p.meta = r.meta;
  if (r.reviewByLine !== undefined) p.reviewByLine = r.reviewByLine;
  if (r.size !== undefined) p.size = r.size;
  if (r.mtimeMs !== undefined) p.mtimeMs = r.mtimeMs;
  return p;
}

/** Reads the saved index; undefined when missing, unreadable or built by another pipeline. */
export async function readSavedIndex(dataDir: string, pipeline: string): Promise<SavedIndex | undefined> {
  let raw: string;
  try {
    raw = await readFile(join(dataDir, SAVED_INDEX_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const saved = JSON.parse(raw) as SavedIndex;
    return saved.pipeline === pipeline && saved.search && Array.isArray(saved.records) ? saved : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the saved index atomically (temporary file, then rename). */
export async function writeSavedIndex(dataDir: string, saved: SavedIndex): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const target = join(dataDir, SAVED_INDEX_FILE);
  const tmp = `${target}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(saved));
  await rename(tmp, target);
}
