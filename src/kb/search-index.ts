/**
 * The full-text index of the knowledge base: MiniSearch over pre-analysed fields, with
 * German analysis from src/text, per-word query variants, district and topic boosts.
 *
 * Documents are analysed here, once, and handed to MiniSearch as space-separated terms,
 * so MiniSearch's own tokeniser and term processing are the identity. That keeps index
 * and query analysis identical and lets this class count document frequencies (for
 * whole-note queries) without reaching into MiniSearch.
 */

import MiniSearch, { type Options, type Query, type SearchOptions } from 'minisearch';
import { createAnalyzer, foldWord, isStopWord, tokenize, type Analyzer, type TermKind } from '../text/index.js';

/** What the index needs of an article. */
export interface IndexDoc {
  slug: string;
  title: string;
  summary: string;
  keywords: readonly string[];
  headings: readonly string[];
  /** Plain body text. */
  body: string;
  topics: readonly string[];
  districts: readonly string[];
}

export const FIELDS = ['title', 'summary', 'keywords', 'headings', 'body'] as const;
export type Field = (typeof FIELDS)[number];

/** Ranking parameters; defaults tuned on the relevance set (test/fixtures/relevance). */
export interface RankingOptions {
  /** Field boosts for short queries. */
  boost: Record<Field, number>;
  /** Field boosts for notes: a long text matches titles by chance, so they count less. */
  noteBoost: Record<Field, number>;
  /** Weight of a query term by how it relates to the written word. */
  kindWeight: Record<TermKind, number>;
  /** Factor for articles of the requested district (statewide articles get 1). */
  localBoost: number;
  /** Factor for other districts' local articles when a district is given (0 = excluded). */
  otherDistrictFactor: number;
  /**
   * Factor for local articles when no district is given: a statewide article fits a
   * caller from anywhere, a local one only callers from its districts.
   */
  localWithoutDistrictFactor: number;
  /** Factor for articles with one of the requested topics. */
  topicBoost: number;
  /** Fuzzy edit distance ratio for unknown words (MiniSearch `fuzzy`). */
  fuzzy: number;
  /** Maximum edit distance. */
  maxFuzzy: number;
  /** Only words at least this long and unknown to the index get prefix/fuzzy matching. */
  fuzzyMinLength: number;
  /** Queries with more content words than this are treated as notes. */
  noteThreshold: number;
  /** In notes, words in more than this share of the articles are ignored. */
  noteMaxDocShare: number;
  /** In notes, at most this many words (the rarest) are used. */
  noteMaxWords: number;
  /**
   * From this many articles on, queries run in two phases: the rarest terms (up to
   * `pruneBudgetShare` × articles postings) pick at most `pruneCandidates` candidates, then
   * the whole query scores only those (see `search`).
   */
  pruneMinDocs: number;
  pruneBudgetShare: number;
  pruneCandidates: number;
  /**
   * Fuzzy matching in notes too, up to this many articles (prefix matching always applies
   * to unknown words). A note typed in a hurry has a slip in every few words; in a large
   * knowledge base fuzzy lookups of its many words cost more than they find.
   */
  noteFuzzyMaxDocs: number;
  /** In notes, words are added (rarest first) until their postings exceed this many times the article count… */
  notePostingBudget: number;
  /** …but at least this many words are used. */
  noteMinWords: number;
  /** Compound and expansion parts in more than this share of the articles are not searched. */
  partMaxDocShare: number;
  /** BM25 parameters. */
  bm25: { k: number; b: number; d: number };
}

export const DEFAULT_RANKING: RankingOptions = {
  boost: { title: 3, summary: 1.5, keywords: 2.5, headings: 1.2, body: 1 },
  noteBoost: { title: 1, summary: 1, keywords: 1, headings: 1, body: 1 },
  kindWeight: { word: 1, abbreviation: 1, part: 0.35, expansion: 0.8, 'expansion-part': 0.25 },
  localBoost: 1.4,
  otherDistrictFactor: 0,
  localWithoutDistrictFactor: 0.6,
  topicBoost: 1.25,
  fuzzy: 0.2,
  maxFuzzy: 2,
  fuzzyMinLength: 4,
  noteThreshold: 8,
  noteMaxDocShare: 0.8,
  noteMaxWords: 16,
  partMaxDocShare: 0.5,
  notePostingBudget: 6,
  noteMinWords: 8,
  noteFuzzyMaxDocs: 500,
  pruneMinDocs: 2000,
  pruneBudgetShare: 0.35,
  pruneCandidates: 5000,
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
};

export interface SearchOptionsKb {
  /** District code of the caller: its local articles rank above statewide ones; other districts' local articles are left out. */
  district?: string | null;
  /** Boost articles with any of these topics. */
  topics?: readonly string[];
  /** Maximum results (default 10). */
  limit?: number;
  /** Query style; `auto` treats long texts as notes. */
  style?: 'auto' | 'short' | 'note';
}

export interface SearchHit {
  slug: string;
  score: number;
  /** Index terms that matched (for snippets). */
  terms: string[];
  topics: string[];
  districts: string[];
}

interface AnalyzedDoc {
  id: string;
  fields: Record<Field, string>;
  topics: string[];
  districts: string[];
}

interface PlannedVariant {
  term: string;
  weight: number;
  prefix: boolean;
  fuzzy: number | false;
  /** Documents containing the term (0 for unknown words matched by prefix/fuzzy: few). */
  df: number;
}

interface PlannedWord {
  variants: PlannedVariant[];
}

interface QueryPlan {
  words: PlannedWord[];
  isNote: boolean;
  query: Query;
}

/** OR over words, each an OR over its variants (so no variant is ever required). */
function toQuery(words: readonly PlannedWord[]): Query {
  return {
    combineWith: 'OR',
    queries: words.map((w) => ({
      combineWith: 'OR',
      queries: w.variants.map((v) => ({ queries: [v.term], boostTerm: () => v.weight, prefix: v.prefix, fuzzy: v.fuzzy })),
    })),
  };
}

/** Serialised form (see `toJSON`). */
export interface SerializedSearchIndex {
  vocabulary: [string, number][];
  /** Documents per index term (recounted from `index` when missing). */
  df?: [string, number][];
  index: ReturnType<MiniSearch['toJSON']>;
}

const WORD_SPLIT = (text: string): string[] => (text ? text.split(' ') : []);
const IDENTITY = (term: string): string => term;

function miniSearchOptions(bm25: RankingOptions['bm25']): Options<AnalyzedDoc> {
  return {
    idField: 'id',
    fields: [...FIELDS],
    storeFields: ['topics', 'districts'],
    extractField: (doc, field) =>
      field === 'id' ? doc.id : field === 'topics' ? doc.topics : field === 'districts' ? doc.districts : doc.fields[field as Field],
    tokenize: WORD_SPLIT,
    processTerm: IDENTITY,
    searchOptions: { tokenize: WORD_SPLIT, processTerm: IDENTITY, bm25 },
  };
}

// Folded form of a written word when it can be a vocabulary word, else ''. Bounded memo.
const vocabularyForm = new Map<string, string>();
function vocabularyWord(written: string): string {
  let f = vocabularyForm.get(written);
  if (f === undefined) {
    f = foldWord(written);
    if (f.length < 3 || isStopWord(f) || !/^\p{L}+$/u.test(f)) f = '';
    if (vocabularyForm.size > 200_000) vocabularyForm.clear();
    vocabularyForm.set(written, f);
  }
  return f;
}

/** Words of a document for the vocabulary (the compound splitter's known words). */
function vocabularyWords(doc: IndexDoc): Set<string> {
  const words = new Set<string>();
  const add = (text: string): void => {
    for (const t of tokenize(text)) {
      if (t.parts) {
        for (const p of t.parts) {
          const f = vocabularyWord(p.word);
          if (f) words.add(f);
        }
      }
      const f = vocabularyWord(t.parts ? t.word.replace(/[-‐‑]/g, '') : t.word);
      if (f) words.add(f);
    }
  };
  add(doc.title);
  add(doc.summary);
  for (const k of doc.keywords) add(k);
  for (const h of doc.headings) add(h);
  add(doc.body);
  return words;
}

/**
 * A search index over articles. Not safe to mutate while a search runs elsewhere — but
 * JavaScript runs one thing at a time and every mutation here is synchronous, so a
 * search sees the index before or after an update, never half of it.
 */
export class SearchIndex {
  readonly ranking: RankingOptions;
  #ms: MiniSearch<AnalyzedDoc>;
  #analyzer: Analyzer;
  /** Documents per known word (vocabulary with counts). */
  #vocabulary: Map<string, number>;
  /** Documents per index term. */
  #df = new Map<string, number>();
  /** Words added to the vocabulary since the analyzer was built. */
  #vocabularyDrift = 0;

  private constructor(ms: MiniSearch<AnalyzedDoc>, vocabulary: Map<string, number>, ranking: RankingOptions) {
    this.#ms = ms;
    this.#vocabulary = vocabulary;
    this.ranking = ranking;
    this.#analyzer = createAnalyzer({ vocabulary: vocabulary.keys() });
  }

  /** Builds an index; the compound splitter's vocabulary comes from the documents themselves. */
  static build(docs: readonly IndexDoc[], ranking: Partial<RankingOptions> = {}): SearchIndex {
    const r = { ...DEFAULT_RANKING, ...ranking };
    const vocabulary = new Map<string, number>();
    for (const d of docs) for (const w of vocabularyWords(d)) vocabulary.set(w, (vocabulary.get(w) ?? 0) + 1);
    const index = new SearchIndex(new MiniSearch(miniSearchOptions(r.bm25)), vocabulary, r);
    const analyzed = docs.map((d) => index.#analyze(d));
    index.#ms.addAll(analyzed);
    for (const a of analyzed) index.#countTerms(a, 1);
    return index;
  }

  /**
   * Like `build`, but yields to the event loop between chunks so a running server keeps
   * answering (with its old index) while a new one is built off to the side.
   */
  static async buildAsync(docs: readonly IndexDoc[], ranking: Partial<RankingOptions> = {}, chunkSize = 100): Promise<SearchIndex> {
    const r = { ...DEFAULT_RANKING, ...ranking };
    const vocabulary = new Map<string, number>();
    for (let i = 0; i < docs.length; i += chunkSize) {
      for (const d of docs.slice(i, i + chunkSize)) {
        for (const w of vocabularyWords(d)) vocabulary.set(w, (vocabulary.get(w) ?? 0) + 1);
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const index = new SearchIndex(new MiniSearch(miniSearchOptions(r.bm25)), vocabulary, r);
    for (let i = 0; i < docs.length; i += chunkSize) {
      const analyzed = docs.slice(i, i + chunkSize).map((d) => index.#analyze(d));
      index.#ms.addAll(analyzed);
      for (const a of analyzed) index.#countTerms(a, 1);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return index;
  }

  /** Restores an index saved with `toJSON` (the ranking's bm25 must be the same). */
  static load(saved: SerializedSearchIndex, ranking: Partial<RankingOptions> = {}): SearchIndex {
    const r = { ...DEFAULT_RANKING, ...ranking };
    const ms = MiniSearch.loadJS<AnalyzedDoc>(saved.index, miniSearchOptions(r.bm25));
    const index = new SearchIndex(ms, new Map(saved.vocabulary), r);
    if (saved.df) index.#df = new Map(saved.df);
    else {
      for (const [term, fields] of saved.index.index) {
        const docs = new Set<string>();
        for (const freqs of Object.values(fields)) for (const id of Object.keys(freqs)) docs.add(id);
        index.#df.set(term, docs.size);
      }
    }
    return index;
  }

  toJSON(): SerializedSearchIndex {
    return { vocabulary: [...this.#vocabulary], df: [...this.#df], index: this.#ms.toJSON() };
  }

  get documentCount(): number {
    return this.#ms.documentCount;
  }

  /** The analyzer in use (built from the index vocabulary). */
  get analyzer(): Analyzer {
    return this.#analyzer;
  }

  /** Share of the vocabulary that is newer than the analyzer's compound splits. */
  get vocabularyDrift(): number {
    return this.#vocabulary.size === 0 ? 0 : this.#vocabularyDrift / this.#vocabulary.size;
  }

  has(slug: string): boolean {
    return this.#ms.has(slug);
  }

  /**
   * Applies a batch of changes: documents to add or replace and documents to remove,
   * each with the version indexed before when known (for document frequencies). The
   * vocabulary is updated first, so the analyzer is rebuilt at most once per batch.
   */
  apply(changes: {
    upserts?: readonly { doc: IndexDoc; previous?: IndexDoc | undefined }[];
    removals?: readonly { slug: string; previous?: IndexDoc | undefined }[];
  }): void {
    const upserts = changes.upserts ?? [];
    const removals = [...(changes.removals ?? []), ...upserts.map((u) => ({ slug: u.doc.slug, previous: u.previous }))];
    for (const { slug, previous } of removals) {
      if (!this.#ms.has(slug)) continue;
      // Without the indexed version, frequencies stay slightly high until the next full build.
      if (previous) {
        this.#countTerms(this.#analyze(previous), -1);
        this.#addVocabulary(previous, -1);
      }
      this.#ms.discard(slug);
    }
    let added = 0;
    for (const { doc } of upserts) added += this.#addVocabulary(doc, 1);
    if (added > 0) {
      this.#vocabularyDrift += added;
      this.#analyzer = createAnalyzer({ vocabulary: this.#vocabulary.keys() });
    }
    for (const { doc } of upserts) {
      const analyzed = this.#analyze(doc);
      this.#ms.add(analyzed);
      this.#countTerms(analyzed, 1);
    }
  }

  /** Analysed terms of a text (for snippets and tests). */
  terms(text: string): string[] {
    return this.#analyzer.terms(text);
  }

  /** Searches; results best first. */
  search(query: string, options: SearchOptionsKb = {}): SearchHit[] {
    const limit = Math.max(1, options.limit ?? 10);
    const plan = this.#plan(query, options.style ?? 'auto');
    if (!plan) return [];
    const r = this.ranking;
    const district = options.district ?? null;
    const topics = options.topics && options.topics.length > 0 ? new Set(options.topics) : null;
    // District and topic factors apply to a document's whole score: applied once per
    // result below; inside MiniSearch only to leave documents out (factor 0).
    const factorOf = (districts: readonly string[], docTopics: readonly string[]): number => {
      let factor = 1;
      if (districts.length > 0) {
        if (!district) factor *= r.localWithoutDistrictFactor;
        else factor *= districts.includes(district) ? r.localBoost : r.otherDistrictFactor;
      }
      if (topics && factor > 0 && docTopics.some((t) => topics.has(t))) factor *= r.topicBoost;
      return factor;
    };
    const excludes = district !== null && r.otherDistrictFactor === 0;
    const allowed = (stored?: Record<string, unknown>): boolean => {
      if (!excludes) return true;
      const districts = (stored?.districts as string[] | undefined) ?? [];
      return districts.length === 0 || districts.includes(district);
    };
    const base: SearchOptions = { boost: plan.isNote ? r.noteBoost : r.boost, maxFuzzy: r.maxFuzzy, bm25: r.bm25 };

    let candidates: Set<unknown> | undefined;
    const n = this.#ms.documentCount;
    const variantCount = plan.words.reduce((sum, w) => sum + w.variants.length, 0);
    if (n >= r.pruneMinDocs && variantCount > 1) {
      // Phase 1: the rarest terms pick candidates cheaply. Phase 2 scores only those with
      // the whole query: a common word then costs a lookup per posting instead of a result
      // object per posting (which is what makes large OR queries slow in MiniSearch).
      const rare = this.#rareQuery(plan, r.pruneBudgetShare * n);
      if (rare && rare.variants < variantCount) {
        const first = this.#ms.search(rare.query, {
          ...base,
          ...(excludes ? { boostDocument: (_i: unknown, _t: string, st?: Record<string, unknown>) => (allowed(st) ? 1 : 0) } : {}),
        });
        if (first.length >= limit) candidates = new Set(first.slice(0, r.pruneCandidates).map((res) => res.id));
      }
    }
    // Other districts' local articles are left out inside MiniSearch (no score computed).
    const boostDocument = candidates
      ? (id: unknown) => (candidates.has(id) ? 1 : 0)
      : excludes
        ? (_id: unknown, _term: string, stored?: Record<string, unknown>) => (allowed(stored) ? 1 : 0)
        : undefined;
    const results = this.#ms.search(plan.query, boostDocument ? { ...base, boostDocument } : base);

    // Top `limit` by adjusted score (insertion into a short sorted list). MiniSearch sorts
    // by raw score, and no factor exceeds maxFactor: stop once nothing can enter the list.
    const maxFactor = Math.max(1, r.localBoost) * (topics ? Math.max(1, r.topicBoost) : 1);
    const top: SearchHit[] = [];
    for (const res of results) {
      if (top.length === limit && res.score * maxFactor <= (top[limit - 1]?.score ?? 0)) break;
      const districts = (res.districts as string[] | undefined) ?? [];
      const docTopics = (res.topics as string[] | undefined) ?? [];
      const score = res.score * factorOf(districts, docTopics);
      if (score <= 0) continue;
      if (top.length === limit && score <= (top[limit - 1]?.score ?? 0)) continue;
      let i = top.length;
      while (i > 0 && (top[i - 1]?.score ?? 0) < score) i--;
      top.splice(i, 0, { slug: String(res.id), score, terms: res.terms, topics: docTopics, districts });
      if (top.length > limit) top.pop();
    }
    return top;
  }

  /** The words of a query with their weighted variants, and the MiniSearch query for them. */
  #plan(text: string, style: 'auto' | 'short' | 'note'): QueryPlan | undefined {
    const r = this.ranking;
    const n = Math.max(1, this.#ms.documentCount);
    type Word = { surface: string; variants: { term: string; kind: TermKind }[]; rarity: number; order: number };
    const words: Word[] = [];
    const seen = new Set<string>();
    let order = 0;
    for (const token of tokenize(text)) {
      const variants = this.#analyzer.variants(token.word);
      const head = variants[0];
      if (!head || seen.has(head.term)) continue;
      seen.add(head.term);
      // A word is as informative as its rarest known variant; unknown words may still match by prefix/fuzzy.
      let minDf = Infinity;
      for (const v of variants) {
        const df = this.#df.get(v.term);
        if (df !== undefined && df > 0) minDf = Math.min(minDf, df);
      }
      words.push({ surface: token.word, variants, rarity: minDf === Infinity ? 0 : Math.log(1 + n / minDf), order: order++ });
    }
    if (words.length === 0) return undefined;
    const isNote = style === 'note' || (style === 'auto' && words.length > r.noteThreshold);
    let selected = words;
    if (isNote) {
      const common = r.noteMaxDocShare * n;
      selected = words.filter((w) => {
        const known = w.variants.map((v) => this.#df.get(v.term) ?? 0).filter((df) => df > 0);
        if (known.length === 0) return this.#fuzzyEligible(w.surface, w.variants[0]?.term ?? '');
        return n < 20 || Math.min(...known) <= common;
      });
      // The rarest words first, up to noteMaxWords and a budget of postings to visit.
      const byRarity = [...selected].sort((a, b) => b.rarity - a.rarity || a.order - b.order);
      const budget = r.notePostingBudget * n;
      let spent = 0;
      selected = [];
      for (const w of byRarity) {
        if (selected.length >= r.noteMaxWords) break;
        const cost = w.variants.reduce((sum, v) => sum + (this.#df.get(v.term) ?? 0), 0);
        if (selected.length >= r.noteMinWords && spent + cost > budget) continue;
        spent += cost;
        selected.push(w);
      }
      selected.sort((a, b) => a.order - b.order);
      if (selected.length === 0) selected = words.slice(0, r.noteMaxWords);
    }
    // Compound parts and expansion parts found in most articles cost much and tell little.
    const partLimit = n >= 50 ? r.partMaxDocShare * n : Infinity;
    const planned: PlannedWord[] = selected.map((w) => ({
      variants: w.variants
        .filter((v, i) => i === 0 || (v.kind !== 'part' && v.kind !== 'expansion-part') || (this.#df.get(v.term) ?? 0) <= partLimit)
        .map((v, i) => {
          const open = i === 0 && v.kind === 'word' && this.#fuzzyEligible(w.surface, v.term);
          return {
            term: v.term,
            weight: r.kindWeight[v.kind],
            prefix: open,
            fuzzy: open && (!isNote || n <= r.noteFuzzyMaxDocs) ? r.fuzzy : false,
            df: open ? 0 : (this.#df.get(v.term) ?? 0),
          };
        }),
    }));
    return { words: planned, isNote, query: toQuery(planned) };
  }

  /** The rarest variants of a plan, up to `budget` postings (at least the rarest word). */
  #rareQuery(plan: QueryPlan, budget: number): { query: Query; variants: number } | undefined {
    const all = plan.words.flatMap((w, wi) => w.variants.map((v) => ({ v, wi })));
    all.sort((a, b) => a.v.df - b.v.df);
    const keep = new Map<number, PlannedVariant[]>();
    let spent = 0;
    for (const { v, wi } of all) {
      if (keep.size > 0 && spent + v.df > budget) break;
      spent += v.df;
      keep.set(wi, [...(keep.get(wi) ?? []), v]);
    }
    if (keep.size === 0) return undefined;
    const words = [...keep.values()].map((variants) => ({ variants }));
    return { query: toQuery(words), variants: words.reduce((sum, w) => sum + w.variants.length, 0) };
  }

  /** Prefix and fuzzy matching only for longer words the index does not know. */
  #fuzzyEligible(surface: string, term: string): boolean {
    const folded = foldWord(surface);
    if (folded.length < this.ranking.fuzzyMinLength || /\d/.test(folded)) return false;
    if (this.#vocabulary.has(folded)) return false;
    return !this.#df.has(term) || (this.#df.get(term) ?? 0) === 0;
  }

  #analyze(doc: IndexDoc): AnalyzedDoc {
    const a = this.#analyzer;
    return {
      id: doc.slug,
      fields: {
        title: a.terms(doc.title).join(' '),
        summary: a.terms(doc.summary).join(' '),
        keywords: doc.keywords.flatMap((k) => a.terms(k)).join(' '),
        headings: doc.headings.flatMap((h) => a.terms(h)).join(' '),
        body: a.terms(doc.body).join(' '),
      },
      topics: [...doc.topics],
      districts: [...doc.districts],
    };
  }

  #countTerms(doc: AnalyzedDoc, delta: 1 | -1): void {
    const terms = new Set<string>();
    for (const f of FIELDS) for (const t of WORD_SPLIT(doc.fields[f])) terms.add(t);
    for (const t of terms) {
      const next = (this.#df.get(t) ?? 0) + delta;
      if (next > 0) this.#df.set(t, next);
      else this.#df.delete(t);
    }
  }

  /** Updates vocabulary counts; returns how many words are new. */
  #addVocabulary(doc: IndexDoc, delta: 1 | -1): number {
    let added = 0;
    for (const w of vocabularyWords(doc)) {
      const next = (this.#vocabulary.get(w) ?? 0) + delta;
      if (next > 0) {
        if (!this.#vocabulary.has(w)) added++;
        this.#vocabulary.set(w, next);
      } else this.#vocabulary.delete(w);
    }
    return added;
  }
}
