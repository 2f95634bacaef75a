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
import { tokenize, WORD_PATTERN, type Token } from './tokenize.js';

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

/**
 * How a term relates to the written word: the word itself (stemmed), a compound part,
 * an abbreviation as written, or a word (or part) of the abbreviation's expansion.
 * Search weighs them differently.
 */
export type TermKind = 'word' | 'part' | 'abbreviation' | 'expansion' | 'expansion-part';

export interface TermVariant {
  term: string;
  kind: TermKind;
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
  /** The terms of one written word with their kind (for query building), without duplicates. */
  variants(word: string): TermVariant[];
  /** Like `terms`, with the offsets and surface of the word each term came from. */
  termsWithSpans(text: string): TermSpan[];
  /**
   * The words of `text` that carry one of `terms` (first such term per word), with offsets.
   * A lean scan for marking matches in snippets.
   */
  findTerms(text: string, terms: ReadonlySet<string>): { start: number; end: number; term: string }[];
  /** Whether a word (folded here) is in the vocabulary. */
  isKnownWord(word: string): boolean;
  /** The compound splitter built from the vocabulary. */
  readonly splitter: CompoundSplitter;
  /** The abbreviation lexicon in use. */
  readonly abbreviations: AbbreviationLexicon;
}

const GENDER_SIGN = /[*:_](?=in(?:nen)?$)/;
const HYPHEN = /[-‐‑]/g;
const CACHE_LIMIT = 20_000;

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
  const cache = new Map<string, readonly TermVariant[]>();

  /** Variants of a single word without hyphens. */
  function plainWord(surface: string): TermVariant[] {
    const abbreviation = lexicon.lookup(surface);
    if (!abbreviation) return plainNonAbbreviation(surface);
    const out: TermVariant[] = [{ term: foldWord(abbreviation.abbr), kind: 'abbreviation' }];
    if (expand) {
      for (const t of tokenize(abbreviation.expansion)) {
        for (const v of t.parts ? compoundWord(t) : plainNonAbbreviation(t.word)) {
          out.push({ term: v.term, kind: v.kind === 'word' ? 'expansion' : 'expansion-part' });
        }
      }
    }
    return out;
  }

  function plainNonAbbreviation(surface: string): TermVariant[] {
    const folded = foldWord(surface.replace(GENDER_SIGN, ''));
    if (folded.length < 2 || isStopWord(folded)) return [];
    if (/\d/.test(folded)) return [{ term: folded, kind: 'word' }];
    const base = feminineBase(folded, isKnown);
    const words = splitCompounds ? splitter.split(base) : [base];
    return words.map((w, i) => ({ term: stem(w), kind: i === 0 ? 'word' : 'part' }));
  }

  /** A hyphenated token: the joined form, then each part as a word of its own. */
  function compoundWord(t: Token): TermVariant[] {
    const out: TermVariant[] = [];
    const joined = t.word.replace(GENDER_SIGN, '').replace(HYPHEN, '');
    for (const v of plainNonAbbreviation(joined)) out.push(v);
    for (const p of t.parts ?? []) for (const v of plainWord(p.word)) out.push(v);
    return out;
  }

  /** Variants of a token, each term once (its first, most specific kind wins). */
  function analyzeToken(t: Token): readonly TermVariant[] {
    const cached = cache.get(t.word);
    if (cached) return cached;
    const seen = new Set<string>();
    const result: TermVariant[] = [];
    for (const v of t.parts ? compoundWord(t) : plainWord(t.word)) {
      if (v.term.length === 0 || seen.has(v.term)) continue;
      seen.add(v.term);
      result.push(v);
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(t.word, result);
    return result;
  }

  function termsWithSpans(text: string): TermSpan[] {
    const out: TermSpan[] = [];
    for (const t of tokenize(text)) {
      for (const v of analyzeToken(t)) out.push({ term: v.term, start: t.start, end: t.end, surface: t.word });
    }
    return out;
  }

  function findTerms(text: string, terms: ReadonlySet<string>): { start: number; end: number; term: string }[] {
    const out: { start: number; end: number; term: string }[] = [];
    if (terms.size === 0) return out;
    const re = new RegExp(WORD_PATTERN.source, 'gu');
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const word = m[0];
      let variants = cache.get(word);
      if (!variants) {
        const [token] = tokenize(word);
        variants = token ? analyzeToken(token) : [];
      }
      for (const v of variants) {
        if (terms.has(v.term)) {
          out.push({ start: m.index, end: m.index + word.length, term: v.term });
          break;
        }
      }
    }
    return out;
  }

  return {
    findTerms,
    terms(text: string): string[] {
      const out: string[] = [];
      for (const t of tokenize(text)) for (const v of analyzeToken(t)) out.push(v.term);
      return out;
    },
    analyzeWord(word: string): string[] {
      const tokens = tokenize(word);
      const out = new Set<string>();
      for (const t of tokens) for (const v of analyzeToken(t)) out.add(v.term);
      return [...out];
    },
    variants(word: string): TermVariant[] {
      const out = new Map<string, TermVariant>();
      for (const t of tokenize(word)) for (const v of analyzeToken(t)) if (!out.has(v.term)) out.set(v.term, v);
      return [...out.values()];
    },
    termsWithSpans,
    isKnownWord: (w: string) => splitter.isKnown(w),
    splitter,
    abbreviations: lexicon,
  };
}
