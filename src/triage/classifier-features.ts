/**
 * Turns a hotline note into the features the topic classifier counts:
 *
 * - `w:` the analysed term of each word (folded, stemmed; src/text), typos repaired
 *   against the known words (classifier-spelling.ts);
 * - `b:` bigrams of neighbouring words within a sentence;
 * - `a:` abbreviations as typed ("AB", "JC"), since their folded forms collide with words;
 * - `q:` quoted speech („…“), which notes use to report what someone said;
 * - `l:` the terms of the first words (who calls), for the primary-topic model;
 * - `c:` one feature per topic whose curated cue terms occur — matched on all terms of a
 *   word, compound parts included, and on cue words that end an unknown compound
 *   ("Metallbaufirma" → Firma).
 *
 * Every feature remembers where in the note it came from, so that a decision can be
 * explained with the note's own words. Words inside skipped spans (personal data,
 * place names) give no features.
 */
import { buildVocabulary, createAnalyzer, foldWord, tokenize } from '../text/index.js';
import { SpellingIndex, type SpellingOptions } from './classifier-spelling.js';
import { TOPICS, type Topic, type TopicId } from './taxonomy.js';

/** The part of the German analyzer (src/text `Analyzer`) that the classifier needs. */
export interface TermAnalyzer {
  /** The terms of one written word (stem first, then compound parts), none for a stop word. */
  analyzeWord(word: string): readonly string[];
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface FeatureOptions {
  /** Add features for pairs of neighbouring words. Default true. */
  readonly bigrams?: boolean;
  /** Add one `c:<topic>` feature per topic whose cue terms occur. Default true. */
  readonly cueFeatures?: boolean;
  /**
   * Also count compound parts and abbreviation expansions as word features (they always
   * count for cue matching). Default false: a compound would otherwise count three times.
   */
  readonly partFeatures?: boolean;
  /**
   * Also mark the terms of the first words of the note (`l:<term>`): the opening usually
   * says who calls (a firm, a volunteer, a Jobcenter), which decides the main topic.
   * Default 0 (off).
   */
  readonly leadWords?: number;
}

/** The distinct features of one note and the character ranges that produced each. */
export interface NoteFeatures {
  readonly features: readonly string[];
  readonly origins: ReadonlyMap<string, readonly Span[]>;
}

interface Token {
  readonly start: number;
  readonly end: number;
  /** The word's own analysed term, then its compound parts. */
  readonly terms: readonly string[];
}

interface Acronym {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

interface CompiledCue {
  readonly topic: TopicId;
  readonly terms: readonly string[];
}

/** Shortest cue word taken as the last part of a longer word, and shortest first part. */
const MIN_HEAD = 4;
const MIN_MODIFIER = 3;

const LONG_NUMBER = /^\d{5,}$/;

const QUOTE = /[„“"»«‚][^„“”"»«\n]{1,80}[“”"«»‘]/gu;

const ACRONYM = /(?<![\p{L}\p{N}])[\p{Lu}][\p{L}\p{N}]{1,4}(?![\p{L}\p{N}])/gu;

/** True for a typed abbreviation: 2–5 letters or digits, at least two capitals ("AB", "AfA", "MOs"). */
export function isAbbreviation(word: string): boolean {
  if (word.length < 2 || word.length > 5) return false;
  let capitals = 0;
  for (const ch of word) {
    if (ch !== ch.toLowerCase()) capitals++;
    else if (!/[\p{Ll}\p{N}]/u.test(ch)) return false;
  }
  return capitals >= 2;
}

function overlapsAny(start: number, end: number, skip: readonly Span[]): boolean {
  for (const s of skip) if (start < s.end && s.start < end) return true;
  return false;
}

export class FeatureExtractor {
  readonly #analyzer: TermAnalyzer;
  readonly #bigrams: boolean;
  readonly #cueFeatures: boolean;
  readonly #leadWords: number;
  readonly #partFeatures: boolean;
  /** Abbreviation cues as typed → topics. */
  readonly #abbreviationCues = new Map<string, TopicId[]>();
  /** Cues of one analysed term → topics. */
  readonly #termCues = new Map<string, TopicId[]>();
  /** Cues of several terms by their first term, matched against neighbouring words. */
  readonly #phraseCues = new Map<string, CompiledCue[]>();
  /** Word as written → its terms (analysed, typo repaired, cue head added), memoised. */
  readonly #words = new Map<string, readonly string[]>();
  /**
   * Cue words (folded) → their terms: a word that ends in a cue word gets its terms too
   * ("Metallbaufirma" → firma), even when the analyzer cannot split it because the first
   * part is not a known word.
   */
  readonly #heads = new Map<string, readonly string[]>();
  readonly #headLengths: readonly number[];
  /** Cue texts per topic, as analysed single terms or phrases (for seeding models). */
  readonly #cueDocuments: { topic: TopicId; text: string }[] = [];

  constructor(analyzer: TermAnalyzer, topics: readonly Topic[], options: FeatureOptions = {}) {
    this.#analyzer = analyzer;
    this.#bigrams = options.bigrams ?? true;
    this.#cueFeatures = options.cueFeatures ?? true;
    this.#leadWords = options.leadWords ?? 0;
    this.#partFeatures = options.partFeatures ?? false;
    for (const topic of topics) {
      for (const cue of topic.cues) {
        const folded = foldWord(cue);
        if (folded.length < MIN_HEAD || !/^\p{L}+$/u.test(folded) || isAbbreviation(cue)) continue;
        const terms = this.#analyzer.analyzeWord(cue);
        if (terms.length > 0) this.#heads.set(folded, terms);
      }
    }
    this.#headLengths = [...new Set([...this.#heads.keys()].map((h) => h.length))].sort((a, b) => b - a);
    for (const topic of topics) {
      for (const cue of topic.cues) this.#compileCue(topic.id, cue);
    }
  }

  #compileCue(topic: TopicId, cue: string): void {
    const push = (map: Map<string, TopicId[]>, key: string): void => {
      const list = map.get(key);
      if (!list) map.set(key, [topic]);
      else if (!list.includes(topic)) list.push(topic);
    };
    this.#cueDocuments.push({ topic, text: cue });
    if (isAbbreviation(cue)) {
      push(this.#abbreviationCues, cue);
      return;
    }
    const words = this.#tokens(cue, []).map((t) => t.terms[0] ?? '');
    if (words.length === 0 || words.some((w) => w === '')) return;
    if (words.length === 1) push(this.#termCues, words[0] ?? '');
    else {
      const first = words[0] ?? '';
      const list = this.#phraseCues.get(first);
      if (list) list.push({ topic, terms: words });
      else this.#phraseCues.set(first, [{ topic, terms: words }]);
    }
  }

  /** The curated cue terms, each as a small labelled text (used to seed models). */
  get cueDocuments(): readonly { topic: TopicId; text: string }[] {
    return this.#cueDocuments;
  }

  #tokens(text: string, skip: readonly Span[]): Token[] {
    const tokens: Token[] = [];
    for (const t of tokenize(text)) {
      if (skip.length > 0 && overlapsAny(t.start, t.end, skip)) continue;
      // Five or more digits are identifiers, postcodes or amounts: no topic in them, and
      // as features each new one would only grow the model.
      if (LONG_NUMBER.test(t.word)) continue;
      const terms = this.#termsOf(t.word);
      if (terms.length > 0) tokens.push({ start: t.start, end: t.end, terms });
    }
    return tokens;
  }

  /**
   * The terms of a written word; a word the analyzer leaves whole gets the terms of the
   * longest cue word it ends with.
   */
  #termsOf(word: string): readonly string[] {
    const known = this.#words.get(word);
    if (known) return known;
    const terms = [...new Set(this.#analyzer.analyzeWord(word))];
    if (terms.length === 1) {
      for (const term of this.#headOf(foldWord(word)) ?? []) if (!terms.includes(term)) terms.push(term);
    }
    if (this.#words.size >= 20_000) this.#words.clear();
    this.#words.set(word, terms);
    return terms;
  }

  #headOf(word: string): readonly string[] | null {
    if (word.length < MIN_HEAD + MIN_MODIFIER || !/^\p{L}+$/u.test(word)) return null;
    for (const length of this.#headLengths) {
      if (length > word.length - MIN_MODIFIER) continue;
      const terms = this.#heads.get(word.slice(word.length - length));
      if (terms) return terms;
    }
    return null;
  }

  /**
   * Where the curated cue terms of each topic occur in the note (the baseline counts
   * these; the model sees them as `c:<topic>` features).
   */
  cueMatches(text: string, skip: readonly Span[] = []): Map<TopicId, Span[]> {
    return this.#cueMatches(this.#tokens(text, skip), this.#acronyms(text, skip));
  }

  #cueMatches(tokens: readonly Token[], acronyms: readonly Acronym[]): Map<TopicId, Span[]> {
    const found = new Map<TopicId, Span[]>();
    const add = (topic: TopicId, span: Span): void => {
      const list = found.get(topic);
      if (!list) found.set(topic, [span]);
      else if (!list.some((s) => s.start === span.start && s.end === span.end)) list.push(span);
    };
    for (const a of acronyms) {
      for (const topic of this.#abbreviationCues.get(a.word) ?? []) add(topic, a);
    }
    tokens.forEach((token, i) => {
      for (const term of token.terms) {
        for (const topic of this.#termCues.get(term) ?? []) add(topic, token);
      }
      for (const cue of this.#phraseCues.get(token.terms[0] ?? '') ?? []) {
        const n = cue.terms.length;
        let ok = i + n <= tokens.length;
        for (let j = 1; j < n && ok; j++) ok = tokens[i + j]?.terms[0] === cue.terms[j];
        const last = tokens[i + n - 1];
        if (ok && last) add(cue.topic, { start: token.start, end: last.end });
      }
    });
    return found;
  }

  /** Words typed like abbreviations (capitals), outside the skipped spans. */
  #acronyms(text: string, skip: readonly Span[]): Acronym[] {
    const out: Acronym[] = [];
    for (const m of text.matchAll(ACRONYM)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!overlapsAny(start, end, skip)) out.push({ word: m[0], start, end });
    }
    return out;
  }

  /** The note's distinct features and where each came from; words inside `skip` (personal data) are ignored. */
  extract(text: string, skip: readonly Span[] = []): NoteFeatures {
    const origins = new Map<string, Span[]>();
    this.#collect(text, skip, (feature, span) => {
      const list = origins.get(feature);
      if (!list) origins.set(feature, [span]);
      else if (!list.some((s) => s.start === span.start && s.end === span.end)) list.push(span);
    });
    return { features: [...origins.keys()], origins };
  }

  /** The note's distinct features only (for training: no origins kept). */
  features(text: string, skip: readonly Span[] = []): string[] {
    const seen = new Set<string>();
    this.#collect(text, skip, (feature) => seen.add(feature));
    return [...seen];
  }

  #collect(text: string, skip: readonly Span[], add: (feature: string, span: Span) => void): void {
    const tokens = this.#tokens(text, skip);
    tokens.forEach((token, i) => {
      if (this.#partFeatures) for (const term of token.terms) add(`w:${term}`, token);
      else add(`w:${token.terms[0] ?? ''}`, token);
      if (i < this.#leadWords) for (const term of token.terms) add(`l:${term}`, token);
      const next = tokens[i + 1];
      if (this.#bigrams && next && !/[.!?;:]/.test(text.slice(token.end, next.start))) {
        // The origins are the two words, so evidence shows words, not the gap between them.
        const bigram = `b:${token.terms[0] ?? ''}_${next.terms[0] ?? ''}`;
        add(bigram, token);
        add(bigram, next);
      }
    });
    const acronyms = this.#acronyms(text, skip);
    for (const a of acronyms) if (isAbbreviation(a.word)) add(`a:${a.word}`, a);
    // Quoted words: notes quote what someone said, most often when reporting a slight.
    for (const m of text.matchAll(QUOTE)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!overlapsAny(start, end, skip)) add('q:quote', { start, end });
    }
    if (this.#cueFeatures) {
      for (const [topic, spans] of this.#cueMatches(tokens, acronyms)) {
        for (const span of spans) add(`c:${topic}`, span);
      }
    }
  }
}

export interface ClassifierAnalyzerOptions {
  /** Topics whose labels, descriptions and cue terms are known words; default the taxonomy's. */
  readonly topics?: readonly Topic[];
  /** Repair typos of unknown words against the known words (default true). */
  readonly spelling?: boolean | SpellingOptions;
}

/**
 * The German analyzer the classifier uses: its compound splitter knows the words of the
 * taxonomy (labels, descriptions, cue terms) and of the given texts (the training notes),
 * so "Berufssprachkurs" also yields "sprachkurs" and "kurs"; an unknown word one typo
 * away from a known one ("Leistugnen") is analysed as that word.
 */
export function createClassifierAnalyzer(
  texts: Iterable<string>,
  options: ClassifierAnalyzerOptions = {},
): TermAnalyzer {
  const topics = options.topics ?? TOPICS;
  const all = [...topics.flatMap((t) => [t.label, t.description, ...t.cues]), ...texts];
  const analyzer = createAnalyzer({ vocabulary: buildVocabulary(all) });
  if (options.spelling === false) return analyzer;
  const words: string[] = [];
  for (const text of all) {
    for (const token of tokenize(text)) {
      words.push(token.word);
      for (const part of token.parts ?? []) words.push(part.word);
    }
  }
  const spelling = new SpellingIndex(words, options.spelling === true ? {} : options.spelling);
  return {
    analyzeWord(word: string): readonly string[] {
      return analyzer.analyzeWord(spelling.correct(word) ?? word);
    },
  };
}
