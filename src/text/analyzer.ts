/**
 * The German analysis pipeline shared by the knowledge-base search and the topic
 * classifier: tokenise → abbreviations → fold → stop words → feminine forms →
 * compound parts → stem. Terms are what an index or a classifier counts.
 */

import { ABBREVIATIONS, AbbreviationLexicon, type Abbreviation } from './abbreviations.js';
import { CompoundSplitter, type CompoundSplitterOptions } from './compound.js';
import { feminineBase } from './feminine.js';
import { foldWord } from './normalize.js';
import { stem } from './stem.js';
import { isStopWord } from './stopwords.js';
import { tokenize, type Token } from './tokenize.js';

/** A term with the place in the text it came from. */
export interface TermSpan {
  /** The analysed term (folded, stemmed). */
  term: string;
  /** Offsets of the word in the original text (`end` exclusive). */
  start: number;
  end: number;
  /** The word as written. */
  surface: string;
}

export interface AnalyzerOptions {
  /**
   * Words of the domain (any case): the compound splitter's and the feminine rule's
   * notion of a known word. Usually every word of the KB (see `buildVocabulary`).
   */
  vocabulary?: Iterable<string>;
  /** Abbreviation lexicon (default: the hotline lexicon `ABBREVIATIONS`). */
  abbreviations?: Iterable<Abbreviation>;
  /** Also emit the expansion's terms for an abbreviation (default true). */
  expandAbbreviations?: boolean;
  /** Emit compound parts (default true). */
  splitCompounds?: boolean;
  /** Options of the compound splitter. */
  compound?: CompoundSplitterOptions;
}

export interface Analyzer {
  /** Stemmed terms of a text, compound parts and abbreviation expansions included, in text order. */
  terms(text: string): string[];
  /** The terms of one written word (may be hyphenated), without duplicates. */
  analyzeWord(word: string): string[];
  /** Like `terms`, with the offsets and surface of the word each term came from. */
  termsWithSpans(text: string): TermSpan[];
  /** Whether a word (folded here) is in the vocabulary. */
  isKnownWord(word: string): boolean;
  /** The compound splitter built from the vocabulary. */
  readonly splitter: CompoundSplitter;
  /** The abbreviation lexicon in use. */
  readonly abbreviations: AbbreviationLexicon;
}

const GENDER_SIGN = /[*:_](?=in(?:nen)?$)/;
const HYPHEN = /[-‐‑]/g;
const CACHE_LIMIT = 100_000;

/**
 * The folded, stop-word-free words of some texts: the vocabulary for `createAnalyzer`.
 * Hyphenated words contribute their parts and the joined form.
 */
export function buildVocabulary(texts: Iterable<string>): Set<string> {
  const vocabulary = new Set<string>();
  const addWord = (w: string): void => {
    const f = foldWord(w);
    if (f.length >= 3 && !isStopWord(f) && /^\p{L}+$/u.test(f)) vocabulary.add(f);
  };
  for (const text of texts) {
    for (const t of tokenize(text)) {
      if (t.parts) {
        for (const p of t.parts) addWord(p.word);
        addWord(t.word.replace(HYPHEN, ''));
      } else addWord(t.word.replace(GENDER_SIGN, ''));
    }
  }
  return vocabulary;
}

/** Creates an analyzer. Everything is precomputed here; the analyzer itself is pure. */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const splitter = new CompoundSplitter(options.vocabulary ?? [], options.compound);
  const lexicon = new AbbreviationLexicon(options.abbreviations ?? ABBREVIATIONS);
  const expand = options.expandAbbreviations ?? true;
  const splitCompounds = options.splitCompounds ?? true;
  const isKnown = (folded: string): boolean => splitter.isKnownBase(folded);
  const cache = new Map<string, readonly string[]>();

  /** Terms of a single word without hyphens. */
  function plainWord(surface: string): string[] {
    const out: string[] = [];
    const abbreviation = lexicon.lookup(surface);
    if (abbreviation) {
      out.push(foldWord(abbreviation.abbr));
      if (expand) {
        for (const t of tokenize(abbreviation.expansion)) {
          for (const term of t.parts ? compoundWord(t) : plainNonAbbreviation(t.word)) out.push(term);
        }
      }
      return out;
    }
    return plainNonAbbreviation(surface);
  }

  function plainNonAbbreviation(surface: string): string[] {
    const folded = foldWord(surface.replace(GENDER_SIGN, ''));
    if (folded.length < 2 || isStopWord(folded)) return [];
    if (/\d/.test(folded)) return [folded];
    const base = feminineBase(folded, isKnown);
    const words = splitCompounds ? splitter.split(base) : [base];
    return words.map((w) => stem(w));
  }

  /** A hyphenated token: the joined form, then each part. */
  function compoundWord(t: Token): string[] {
    const out: string[] = [];
    const joined = t.word.replace(GENDER_SIGN, '').replace(HYPHEN, '');
    for (const term of plainNonAbbreviation(joined)) out.push(term);
    for (const p of t.parts ?? []) for (const term of plainWord(p.word)) out.push(term);
    return out;
  }

  function analyzeToken(t: Token): readonly string[] {
    const cached = cache.get(t.word);
    if (cached) return cached;
    const raw = t.parts ? compoundWord(t) : plainWord(t.word);
    const result = [...new Set(raw.filter((x) => x.length > 0))];
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(t.word, result);
    return result;
  }

  function termsWithSpans(text: string): TermSpan[] {
    const out: TermSpan[] = [];
    for (const t of tokenize(text)) {
      for (const term of analyzeToken(t)) out.push({ term, start: t.start, end: t.end, surface: t.word });
    }
    return out;
  }

  return {
    terms(text: string): string[] {
      const out: string[] = [];
      for (const t of tokenize(text)) for (const term of analyzeToken(t)) out.push(term);
      return out;
    },
    analyzeWord(word: string): string[] {
      const tokens = tokenize(word);
      const out = new Set<string>();
      for (const t of tokens) for (const term of analyzeToken(t)) out.add(term);
      return [...out];
    },
    termsWithSpans,
    isKnownWord: (w: string) => splitter.isKnown(w),
    splitter,
    abbreviations: lexicon,
  };
}
