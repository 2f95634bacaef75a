/**
 * Turns a hotline note into the features the topic classifier counts: analysed terms
 * (folded, stemmed, with compound parts), bigrams of neighbouring words, abbreviations
 * as typed ("AB", "JC") and one cue feature per topic whose curated cue terms occur.
 * Every feature remembers where in the note it came from, so that a decision can be
 * explained with the note's own words.
 */
import { buildVocabulary, createAnalyzer, foldWord, tokenize } from '../text/index.js';
import { SpellingIndex, type SpellingOptions } from './classifier-spelling.js';
import { TOPICS, type Topic, type TopicId } from './taxonomy.js';

/** A term of the analysed note and the character range of the word it came from. */
export interface TermSpan {
  readonly term: string;
  readonly start: number;
  readonly end: number;
}

/** The part of the German analyzer (src/text) that the classifier needs. */
export interface TermAnalyzer {
  termsWithSpans(text: string): readonly TermSpan[];
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
   * How many times a cue feature counts (a cue term is worth more than an ordinary
   * word). Default 1.
   */
  readonly cueWeight?: number;
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

interface MutableToken {
  readonly start: number;
  readonly end: number;
  readonly terms: string[];
}

interface CompiledCue {
  readonly topic: TopicId;
  readonly terms: readonly string[];
}

/** Shortest cue word taken as the last part of a longer word, and shortest first part. */
const MIN_HEAD = 4;
const MIN_MODIFIER = 3;

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
  /** Abbreviation cues as typed → topics. */
  readonly #abbreviationCues = new Map<string, TopicId[]>();
  /** Cues of one analysed term → topics. */
  readonly #termCues = new Map<string, TopicId[]>();
  /** Cues of several terms, matched against neighbouring words. */
  readonly #phraseCues: CompiledCue[] = [];
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
    for (const topic of topics) {
      for (const cue of topic.cues) {
        const folded = foldWord(cue);
        if (folded.length < MIN_HEAD || !/^\p{L}+$/u.test(folded) || isAbbreviation(cue)) continue;
        const terms = this.#analyzer.termsWithSpans(cue).map((t) => t.term);
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
    else this.#phraseCues.push({ topic, terms: words });
  }

  /** The curated cue terms, each as a small labelled text (used to seed models). */
  get cueDocuments(): readonly { topic: TopicId; text: string }[] {
    return this.#cueDocuments;
  }

  #tokens(text: string, skip: readonly Span[]): Token[] {
    const tokens: MutableToken[] = [];
    let current: MutableToken | undefined;
    for (const { term, start, end } of this.#analyzer.termsWithSpans(text)) {
      if (term === '' || overlapsAny(start, end, skip)) continue;
      if (current && current.start === start && current.end === end) {
        if (!current.terms.includes(term)) current.terms.push(term);
        continue;
      }
      if (current) tokens.push(current);
      current = { start, end, terms: [term] };
    }
    if (current) tokens.push(current);
    if (this.#heads.size > 0) for (const token of tokens) this.#addHead(text, token);
    return tokens;
  }

  /** Adds the terms of the longest cue word that ends an unsplit long word. */
  #addHead(text: string, token: MutableToken): void {
    if (token.terms.length !== 1) return;
    const word = foldWord(text.slice(token.start, token.end));
    if (word.length < MIN_HEAD + MIN_MODIFIER || !/^\p{L}+$/u.test(word)) return;
    for (const length of this.#headLengths) {
      if (length > word.length - MIN_MODIFIER) continue;
      const terms = this.#heads.get(word.slice(word.length - length));
      if (!terms) continue;
      for (const term of terms) if (!token.terms.includes(term)) token.terms.push(term);
      return;
    }
  }

  /**
   * Where the curated cue terms of each topic occur in the note (the baseline counts
   * these; the model sees them as `c:<topic>` features).
   */
  cueMatches(text: string, skip: readonly Span[] = []): Map<TopicId, Span[]> {
    return this.#cueMatches(text, this.#tokens(text, skip), skip);
  }

  #cueMatches(text: string, tokens: readonly Token[], skip: readonly Span[]): Map<TopicId, Span[]> {
    const found = new Map<TopicId, Span[]>();
    const add = (topic: TopicId, span: Span): void => {
      const list = found.get(topic);
      if (!list) found.set(topic, [span]);
      else if (!list.some((s) => s.start === span.start && s.end === span.end)) list.push(span);
    };
    for (const m of text.matchAll(ACRONYM)) {
      const start = m.index;
      const end = start + m[0].length;
      if (overlapsAny(start, end, skip)) continue;
      for (const topic of this.#abbreviationCues.get(m[0]) ?? []) add(topic, { start, end });
    }
    for (const token of tokens) {
      for (const term of token.terms) {
        for (const topic of this.#termCues.get(term) ?? []) add(topic, token);
      }
    }
    for (const cue of this.#phraseCues) {
      const n = cue.terms.length;
      for (let i = 0; i + n <= tokens.length; i++) {
        let ok = true;
        for (let j = 0; j < n && ok; j++) ok = tokens[i + j]?.terms[0] === cue.terms[j];
        const first = tokens[i];
        const last = tokens[i + n - 1];
        if (ok && first && last) add(cue.topic, { start: first.start, end: last.end });
      }
    }
    return found;
  }

  /** The note's distinct features; words inside `skip` (personal data) are ignored. */
  extract(text: string, skip: readonly Span[] = []): NoteFeatures {
    const origins = new Map<string, Span[]>();
    const add = (feature: string, span: Span): void => {
      const list = origins.get(feature);
      if (!list) origins.set(feature, [span]);
      else if (!list.some((s) => s.start === span.start && s.end === span.end)) list.push(span);
    };
    const tokens = this.#tokens(text, skip);
    for (const token of tokens) for (const term of token.terms) add(`w:${term}`, token);
    for (const token of tokens.slice(0, this.#leadWords)) {
      for (const term of token.terms) add(`l:${term}`, token);
    }
    if (this.#bigrams) {
      for (let i = 0; i + 1 < tokens.length; i++) {
        const a = tokens[i];
        const b = tokens[i + 1];
        if (!a || !b) continue;
        const between = text.slice(a.end, b.start);
        if (/[.!?;:]/.test(between)) continue;
        // The origins are the two words, so evidence shows words, not the gap between them.
        const bigram = `b:${a.terms[0] ?? ''}_${b.terms[0] ?? ''}`;
        add(bigram, a);
        add(bigram, b);
      }
    }
    for (const m of text.matchAll(ACRONYM)) {
      if (!isAbbreviation(m[0])) continue;
      const start = m.index;
      const end = start + m[0].length;
      if (!overlapsAny(start, end, skip)) add(`a:${m[0]}`, { start, end });
    }
    if (this.#cueFeatures) {
      for (const [topic, spans] of this.#cueMatches(text, tokens, skip)) {
        for (const span of spans) add(`c:${topic}`, span);
      }
    }
    return { features: [...origins.keys()], origins };
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
    termsWithSpans(text: string): TermSpan[] {
      const spans = analyzer.termsWithSpans(text);
      const out: TermSpan[] = [];
      for (let i = 0; i < spans.length; ) {
        const first = spans[i];
        if (!first) break;
        let j = i + 1;
        while (j < spans.length && spans[j]?.start === first.start && spans[j]?.end === first.end) j++;
        const fixed = spelling.correct(text.slice(first.start, first.end));
        if (fixed) {
          for (const term of analyzer.analyzeWord(fixed)) out.push({ term, start: first.start, end: first.end });
        } else {
          for (let k = i; k < j; k++) {
            const span = spans[k];
            if (span) out.push(span);
          }
        }
        i = j;
      }
      return out;
    },
  };
}
