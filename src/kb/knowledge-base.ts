/**
 * The knowledge base as a service: loads the Markdown files, serves articles and search,
 * reports problems per file, follows changes on disk (fs.watch, debounced) and on
 * request (`reload`, optionally after `git pull --ff-only`).
 *
 * A reload reads and hashes every file but parses only changed ones, re-indexes only
 * changed articles, and swaps the new state in one synchronous step: a search sees the
 * state before or after a reload, never a half-built one.
 */

import { watch, type FSWatcher } from 'node:fs';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { silentLogger, type Logger } from '../domain/logger.js';
import { NotFoundError } from '../domain/errors.js';
import type { TopicId } from '../domain/ids.js';
import type { FrontMatter, KbIssue } from './front-matter.js';
import { readGitInfo, gitPull, isGitWorkTree, type CommitInfo } from './git.js';
import {
  bodyOf,
  buildCatalogue,
  parseArticle,
  readSources,
  reviewWarnings,
  stampKbDir,
  textOf,
  type Catalogue,
  type FileStamp,
  type ParsedArticle,
} from './loader.js';
import { renderBody } from './render.js';
import {
  fromRecord,
  pipelineHash,
  readSavedIndex,
  toRecord,
  writeSavedIndex,
  type SavedIndex,
} from './saved-index.js';
import { DEFAULT_RANKING, SearchIndex, type IndexDoc, type RankingOptions } from './search-index.js';
import { makeSnippet } from './snippet.js';

export interface KnowledgeBaseOptions {
  /** The KB directory (SPEC: `kb-content/`, env `LOTSE_KB_DIR`). */
  dir: string;
  /** Where to keep the saved index; without it the index is built at every start. */
  dataDir?: string;
  logger?: Logger;
  /** Follow changes on disk (default false). */
  watch?: boolean;
  /** Quiet time after the last change before reloading (default 250 ms). */
  debounceMs?: number;
  /** Run `git pull --ff-only` on `reload()` when the KB is a Git work tree (default false). */
  gitPull?: boolean;
  /** Ranking parameters (defaults tuned on the relevance set). */
  ranking?: Partial<RankingOptions>;
  /** Clock (tests). */
  now?: () => Date;
}

export type ServedArticle = ParsedArticle & { meta: FrontMatter };

export interface KbSearchResult {
  slug: string;
  title: string;
  summary: string;
  score: number;
  topics: string[];
  districts: string[];
  /** A passage of the body, HTML-escaped, with matched words in <mark>. */
  snippet: string;
}

export interface KbSearchResponse {
  results: KbSearchResult[];
  revision: string;
}

export interface KbSearchOptions {
  district?: string | null | undefined;
  topics?: readonly string[] | undefined;
  limit?: number | undefined;
}

export interface ArticleSuggestion {
  slug: string;
  title: string;
  score: number;
}

export interface ArticleView {
  slug: string;
  title: string;
  summary: string;
  topics: string[];
  districts: string[];
  keywords: string[];
  updated: string;
  reviewBy?: string;
  /** Sanitised HTML of the body. */
  html: string;
  /** Path of the file in the KB. */
  file: string;
  /** Last commit that touched the file, when the KB is a Git work tree. */
  lastCommit?: CommitInfo;
}

export interface KbProblem {
  file: string;
  line?: number;
  message: string;
}

export interface KbStatus {
  revision: string;
  articles: number;
  /** Rejected files, duplicate slugs, broken links. */
  errors: KbProblem[];
  /** Advice: overdue reviews, unknown keys, last good versions served. */
  warnings: KbProblem[];
  /** Articles whose review date has passed. */
  stale: { slug: string; title: string; reviewBy: string }[];
  /** Short searches that found nothing, most frequent first (kept in memory only). */
  misses: { query: string; count: number }[];
  loadedAt: string;
}

export interface KbReloadResult {
  revision: string;
  articles: number;
  errors: number;
  /** Slugs added, changed, removed by this reload. */
  added: string[];
  changed: string[];
  removed: string[];
  /** Output or error of `git pull`, when it ran. */
  git?: { ok: boolean; message: string };
}

interface State {
  parsed: Map<string, ParsedArticle>;
  catalogue: Catalogue;
  index: SearchIndex;
  revision: string;
  lastCommits: Map<string, CommitInfo>;
  loadedAt: Date;
}

const HTML_CACHE_SIZE = 200;
const MISS_LIMIT = 200;
const REBUILD_DRIFT = 0.05;
const SAVE_DELAY_MS = 2_000;

function toProblem(i: KbIssue): KbProblem {
  return i.line === undefined ? { file: i.file, message: i.message } : { file: i.file, line: i.line, message: i.message };
}

function contentRevision(parsed: ReadonlyMap<string, ParsedArticle>): string {
  const h = createHash('sha1');
  for (const file of [...parsed.keys()].sort()) h.update(`${file}\0${parsed.get(file)?.hash ?? ''}\n`);
  return `inhalt-${h.digest('hex').slice(0, 12)}`;
}

/** Same size and modification time: the file is taken as unchanged without reading it. */
function sameStamp(a: { size?: number; mtimeMs?: number } | undefined, b: FileStamp): boolean {
  return a !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export class KnowledgeBase {
  readonly dir: string;
  readonly #options: Required<Pick<KnowledgeBaseOptions, 'debounceMs' | 'gitPull' | 'now'>> & KnowledgeBaseOptions;
  readonly #log: Logger;
  readonly #ranking: RankingOptions;
  #state: State;
  #queue: Promise<unknown> = Promise.resolve();
  #watcher: FSWatcher | undefined;
  #debounce: NodeJS.Timeout | undefined;
  #saveTimer: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #html = new Map<string, { hash: string; html: string }>();
  readonly #misses = new Map<string, number>();

  private constructor(options: KnowledgeBaseOptions, state: State, ranking: RankingOptions) {
    this.dir = resolve(options.dir);
    this.#options = { debounceMs: 250, gitPull: false, now: () => new Date(), ...options };
    this.#log = options.logger ?? silentLogger;
    this.#ranking = ranking;
    this.#state = state;
  }

  /** Loads the KB (from the saved index when it is current) and starts watching if asked. */
  static async open(options: KnowledgeBaseOptions): Promise<KnowledgeBase> {
    const log = options.logger ?? silentLogger;
    const ranking: RankingOptions = { ...DEFAULT_RANKING, ...options.ranking };
    const started = performance.now();
    const phases: Record<string, number> = {};
    let mark = started;
    const phase = (name: string): void => {
      const now = performance.now();
      phases[name] = Math.round(now - mark);
      mark = now;
    };
    const stamps = await stampKbDir(options.dir);
    phase('stat');
    const pipeline = pipelineHash(options.dir, ranking);
    const saved = options.dataDir ? await readSavedIndex(options.dataDir, pipeline) : undefined;
    phase('readSaved');
    const records = new Map((saved?.records ?? []).map((r) => [r.file, r]));
    // Files unchanged since the index was saved are not even read now.
    const sources = await readSources(stamps.filter((st) => !sameStamp(records.get(st.file), st)));
    phase('read');
    const read = new Map(sources.map((src) => [src.file, src]));
    const parsed = new Map<string, ParsedArticle>();
    for (const st of stamps) {
      const r = records.get(st.file);
      const src = read.get(st.file);
      if (src) parsed.set(st.file, r && r.hash === src.hash ? { ...fromRecord(r, st.path), size: st.size, mtimeMs: st.mtimeMs } : parseArticle(src));
      else if (r && sameStamp(r, st)) parsed.set(st.file, fromRecord(r, st.path));
    }
    const catalogue = buildCatalogue([...parsed.values()]);
    phase('parse');
    let index: SearchIndex;
    let fromSaved = false;
    let changedSinceSave = 0;
    if (saved) {
      index = SearchIndex.load(saved.search, ranking);
      const changes = diffAgainstSaved(saved, catalogue);
      changedSinceSave = changes.count + sources.length;
      // Many changes while the server was down: a fresh build is as fast and exact.
      if (changes.count > Math.max(20, catalogue.served.size * 0.2)) {
        index = await SearchIndex.buildAsync([...catalogue.served.values()].map(toIndexDoc), ranking);
      } else {
        index.apply({
          upserts: changes.upserts.map((a) => ({ doc: toIndexDoc(a) })),
          removals: changes.removals.map((slug) => ({ slug })),
        });
        fromSaved = true;
      }
    } else {
      index = await SearchIndex.buildAsync([...catalogue.served.values()].map(toIndexDoc), ranking);
    }
    phase('index');
    const git = await readGitInfo(options.dir);
    phase('git');
    const state: State = {
      parsed,
      catalogue,
      index,
      revision: git?.revision ?? contentRevision(parsed),
      lastCommits: git?.lastCommits ?? new Map(),
      loadedAt: (options.now ?? (() => new Date()))(),
    };
    const kb = new KnowledgeBase(options, state, ranking);
    const errors = catalogue.issues.filter((i) => i.severity === 'error').length;
    log.info(
      { articles: catalogue.served.size, errors, revision: state.revision, fromSaved, ms: Math.round(performance.now() - started), phases },
      'Wissensbasis geladen',
    );
    for (const issue of catalogue.issues.filter((i) => i.severity === 'error')) {
      log.warn({ file: issue.file, line: issue.line }, issue.message);
    }
    if (options.dataDir && (!fromSaved || changedSinceSave > 0)) kb.#scheduleSave(fromSaved ? SAVE_DELAY_MS : 0);
    if (options.watch) kb.#startWatching();
    return kb;
  }

  /** Current revision (Git short SHA, `+dirty`, or a content hash outside Git). */
  get revision(): string {
    return this.#state.revision;
  }

  /** Searches articles; short queries and whole notes both work. */
  search(query: string, options: KbSearchOptions = {}): KbSearchResponse {
    const state = this.#state;
    const q = query.slice(0, 2000);
    const hits = state.index.search(q, {
      district: options.district ?? null,
      topics: options.topics ?? [],
      limit: options.limit ?? 10,
    });
    const results: KbSearchResult[] = [];
    for (const hit of hits) {
      const a = state.catalogue.served.get(hit.slug);
      if (!a) continue;
      results.push({
        slug: a.slug,
        title: a.meta.title,
        summary: a.meta.summary,
        score: round(hit.score),
        topics: [...a.meta.topics],
        districts: [...a.meta.districts],
        snippet: makeSnippet(textOf(a), new Set(hit.terms), state.index.analyzer),
      });
    }
    this.#recordMiss(q, results.length);
    return { results, revision: state.revision };
  }

  /**
   * Articles for an enquiry note (the enquiry form's side panel and stored suggestions).
   * Fits the server's `ArticleSuggester` seam.
   */
  suggest(note: string, options: { district: string | null; topics: readonly TopicId[] | readonly string[]; limit: number }): ArticleSuggestion[] {
    const state = this.#state;
    const hits = state.index.search(note.slice(0, 4000), {
      district: options.district,
      topics: options.topics,
      limit: options.limit,
      style: 'note',
    });
    const out: ArticleSuggestion[] = [];
    for (const hit of hits) {
      const a = state.catalogue.served.get(hit.slug);
      if (a) out.push({ slug: a.slug, title: a.meta.title, score: round(hit.score) });
    }
    return out;
  }

  /** One article with its sanitised HTML, or undefined. */
  article(slug: string): ArticleView | undefined {
    const state = this.#state;
    const a = state.catalogue.served.get(slug);
    if (!a) return undefined;
    let cached = this.#html.get(slug);
    if (!cached || cached.hash !== a.hash) {
      cached = { hash: a.hash, html: renderBody(bodyOf(a), a.file, a.bodyLine).html };
      this.#html.delete(slug);
      if (this.#html.size >= HTML_CACHE_SIZE) {
        const oldest = this.#html.keys().next().value;
        if (oldest !== undefined) this.#html.delete(oldest);
      }
      this.#html.set(slug, cached);
    }
    const view: ArticleView = {
      slug: a.slug,
      title: a.meta.title,
      summary: a.meta.summary,
      topics: [...a.meta.topics],
      districts: [...a.meta.districts],
      keywords: [...a.meta.keywords],
      updated: a.meta.updated,
      html: cached.html,
      file: a.file,
    };
    if (a.meta.reviewBy) view.reviewBy = a.meta.reviewBy;
    const commit = state.lastCommits.get(a.file);
    if (commit) view.lastCommit = commit;
    return view;
  }

  /** Like `article`, but throws a `NotFoundError` (→ 404 problem) for an unknown slug. */
  requireArticle(slug: string): ArticleView {
    const view = this.article(slug);
    if (!view) throw new NotFoundError('KB_ARTICLE_NOT_FOUND', `Artikel „${slug}“ gibt es nicht.`);
    return view;
  }

  /** Slugs of all served articles, sorted. */
  slugs(): string[] {
    return [...this.#state.catalogue.served.keys()].sort();
  }

  /** What the editor sees: revision, article count, rejected files and why, stale articles. */
  status(): KbStatus {
    const state = this.#state;
    const today = this.#options.now().toISOString().slice(0, 10);
    const served = [...state.catalogue.served.values()];
    const review = reviewWarnings(served, today);
    const all = [...state.catalogue.issues, ...review];
    return {
      revision: state.revision,
      articles: state.catalogue.served.size,
      errors: all.filter((i) => i.severity === 'error').map(toProblem),
      warnings: all.filter((i) => i.severity === 'warning').map(toProblem),
      stale: served
        .filter((a) => a.meta.reviewBy !== undefined && a.meta.reviewBy < today)
        .map((a) => ({ slug: a.slug, title: a.meta.title, reviewBy: a.meta.reviewBy ?? '' }))
        .sort((x, y) => x.reviewBy.localeCompare(y.reviewBy)),
      misses: [...this.#misses]
        .sort((x, y) => y[1] - x[1])
        .slice(0, 20)
        .map(([query, count]) => ({ query, count })),
      loadedAt: state.loadedAt.toISOString(),
    };
  }

  /**
   * Reloads now: `git pull --ff-only` first when enabled and the KB is a Git work tree,
   * then re-reads the directory. Reloads never overlap; a second call waits for the first.
   */
  reload(options: { pull?: boolean } = {}): Promise<KbReloadResult> {
    const pull = options.pull ?? this.#options.gitPull;
    return this.#enqueue(() => this.#refresh(pull));
  }

  /** Stops watching and writes a pending saved index. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#watcher?.close();
    this.#watcher = undefined;
    if (this.#debounce) clearTimeout(this.#debounce);
    await this.#queue.catch(() => undefined);
    if (this.#saveTimer) {
      clearTimeout(this.#saveTimer);
      this.#saveTimer = undefined;
      await this.#save();
    }
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #refresh(pull: boolean): Promise<KbReloadResult> {
    let gitResult: KbReloadResult['git'];
    if (pull && (await isGitWorkTree(this.dir))) {
      try {
        gitResult = { ok: true, message: (await gitPull(this.dir)) || 'git pull: nichts zu tun' };
      } catch (err) {
        gitResult = { ok: false, message: `git pull fehlgeschlagen: ${(err as Error).message.split('\n')[0] ?? ''}` };
        this.#log.warn({ err }, 'git pull fehlgeschlagen');
      }
    }
    const old = this.#state;
    // Only files whose size or modification time changed are read and hashed.
    const stamps = await stampKbDir(this.dir);
    const sources = await readSources(stamps.filter((st) => !sameStamp(old.parsed.get(st.file), st)));
    const read = new Map(sources.map((src) => [src.file, src]));
    const parsed = new Map<string, ParsedArticle>();
    for (const st of stamps) {
      const before = old.parsed.get(st.file);
      const src = read.get(st.file);
      if (!src) {
        if (before && sameStamp(before, st)) parsed.set(st.file, before);
      } else if (before && before.hash === src.hash) {
        // Touched, not changed: keep the parsed article (and its identity), note the new stamp.
        before.size = st.size;
        before.mtimeMs = st.mtimeMs;
        parsed.set(st.file, before);
      } else parsed.set(st.file, parseArticle(src));
    }
    const catalogue = buildCatalogue([...parsed.values()], old.catalogue.served);
    const added: ServedArticle[] = [];
    const changed: { now: ServedArticle; before: ServedArticle }[] = [];
    const removed: ServedArticle[] = [];
    for (const [slug, a] of catalogue.served) {
      const before = old.catalogue.served.get(slug);
      if (!before) added.push(a);
      else if (before !== a) changed.push({ now: a, before });
    }
    for (const [slug, a] of old.catalogue.served) if (!catalogue.served.has(slug)) removed.push(a);
    const git = await readGitInfo(this.dir);

    let index = old.index;
    const changes = added.length + changed.length + removed.length;
    if (changes > 0 && old.index.vocabularyDrift > REBUILD_DRIFT) {
      // The compound splitter has learnt many words since the last full build: rebuild off to the side.
      index = await SearchIndex.buildAsync([...catalogue.served.values()].map(toIndexDoc), this.#ranking);
    }
    // From here on everything is synchronous: the swap is atomic for searches.
    if (index === old.index && changes > 0) {
      index.apply({
        upserts: [
          ...added.map((a) => ({ doc: toIndexDoc(a) })),
          ...changed.map((c) => ({ doc: toIndexDoc(c.now), previous: toIndexDoc(c.before) })),
        ],
        removals: removed.map((a) => ({ slug: a.slug, previous: toIndexDoc(a) })),
      });
    }
    this.#state = {
      parsed,
      catalogue,
      index,
      revision: git?.revision ?? contentRevision(parsed),
      lastCommits: git?.lastCommits ?? new Map(),
      loadedAt: this.#options.now(),
    };
    const errors = catalogue.issues.filter((i) => i.severity === 'error');
    if (changes > 0 || errors.length > 0) {
      this.#log.info(
        { added: added.length, changed: changed.length, removed: removed.length, errors: errors.length, revision: this.#state.revision },
        'Wissensbasis neu geladen',
      );
    }
    if (changes > 0) this.#scheduleSave(SAVE_DELAY_MS);
    const result: KbReloadResult = {
      revision: this.#state.revision,
      articles: catalogue.served.size,
      errors: errors.length,
      added: added.map((a) => a.slug),
      changed: changed.map((c) => c.now.slug),
      removed: removed.map((a) => a.slug),
    };
    if (gitResult) result.git = gitResult;
    return result;
  }

  #startWatching(): void {
    try {
      this.#watcher = watch(this.dir, { recursive: true }, (_event, filename) => {
        const name = filename ? String(filename) : '';
        if (name.split(/[\\/]/).some((seg) => seg.startsWith('.') && seg.length > 1)) return;
        this.#scheduleReload();
      });
      this.#watcher.on('error', (err) => this.#log.warn({ err }, 'Beobachtung der Wissensbasis fehlgeschlagen'));
    } catch (err) {
      this.#log.warn({ err }, 'Wissensbasis kann nicht beobachtet werden; Änderungen erst nach POST /api/kb/reload');
    }
  }

  #scheduleReload(): void {
    if (this.#closed) return;
    if (this.#debounce) clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => {
      this.#debounce = undefined;
      this.#enqueue(() => this.#refresh(false)).catch((err: unknown) =>
        this.#log.error({ err }, 'Neuladen der Wissensbasis fehlgeschlagen'),
      );
    }, this.#options.debounceMs);
    this.#debounce.unref?.();
  }

  #scheduleSave(delay: number): void {
    if (!this.#options.dataDir || this.#closed) return;
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = undefined;
      this.#enqueue(() => this.#save()).catch(() => undefined);
    }, delay);
    this.#saveTimer.unref?.();
  }

  async #save(): Promise<void> {
    const dataDir = this.#options.dataDir;
    if (!dataDir) return;
    const state = this.#state;
    const indexed: SavedIndex['indexed'] = {};
    for (const [slug, a] of state.catalogue.served) indexed[slug] = { file: a.file, hash: a.hash };
    // Records of served last-good versions would not match the files on disk: save current files only.
    const saved: SavedIndex = {
      pipeline: pipelineHash(this.dir, this.#ranking),
      savedAt: this.#options.now().toISOString(),
      indexed,
      records: [...state.parsed.values()].map(toRecord),
      search: state.index.toJSON(),
    };
    try {
      await writeSavedIndex(dataDir, saved);
      this.#log.debug({ articles: state.catalogue.served.size }, 'Suchindex gespeichert');
    } catch (err) {
      this.#log.warn({ err }, 'Suchindex konnte nicht gespeichert werden');
    }
  }

  #recordMiss(query: string, results: number): void {
    const words = query.trim().split(/\s+/).filter(Boolean);
    if (results > 0 || words.length === 0 || words.length > 6) return;
    const key = words.join(' ').toLowerCase().slice(0, 80);
    this.#misses.set(key, (this.#misses.get(key) ?? 0) + 1);
    if (this.#misses.size > MISS_LIMIT) {
      // Forget the rarest.
      let minKey: string | undefined;
      let min = Infinity;
      for (const [k, c] of this.#misses) if (c < min) [min, minKey] = [c, k];
      if (minKey !== undefined) this.#misses.delete(minKey);
    }
  }
}

/** What the search index needs of a served article. */
export function toIndexDoc(a: ServedArticle): IndexDoc {
  return {
    slug: a.slug,
    title: a.meta.title,
    summary: a.meta.summary,
    keywords: a.meta.keywords,
    headings: a.headings,
    body: textOf(a),
    topics: a.meta.topics,
    districts: a.meta.districts,
  };
}

function diffAgainstSaved(saved: SavedIndex, catalogue: Catalogue): { upserts: ServedArticle[]; removals: string[]; count: number } {
  const upserts: ServedArticle[] = [];
  const removals: string[] = [];
  for (const [slug, a] of catalogue.served) {
    const was = saved.indexed[slug];
    if (!was || was.file !== a.file || was.hash !== a.hash) upserts.push(a);
  }
  for (const slug of Object.keys(saved.indexed)) if (!catalogue.served.has(slug)) removals.push(slug);
  return { upserts, removals, count: upserts.length + removals.length };
}
