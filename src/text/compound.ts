/**
 * A small German decompounder driven by a vocabulary (usually the KB's own words):
 * Berufssprachkurs → berufssprachkurs, beruf, sprachkurs, sprache, kurs.
 *
 * The last part is the longest known word of at least four letters that ends the word
 * (a few three-letter heads such as amt are allowed); the first part must be a known word
 * as written, after removing a linking element (s, es, n, en, er, ns) or after adding
 * e/en (Sprach → Sprache). Both parts are split again, at most twice. No split is
 * better than a false split: without a known first part the word stays whole.
 */

import { foldWord } from './normalize.js';

export interface CompoundSplitterOptions {
  /** Minimum length of the last part (default 4). */
  minHeadLength?: number;
  /** Minimum length of the first part after removing its linking element (default 3). */
  minModifierLength?: number;
  /** How many times parts are split again (default 2). */
  maxDepth?: number;
  /** Short last parts accepted despite minHeadLength (default: amt, rat, job). */
  shortHeads?: Iterable<string>;
}

const LINK_REMOVALS = ['s', 'es', 'n', 'en', 'er', 'ns'] as const;
const LINK_ADDITIONS = ['e', 'en'] as const;
// Inflection endings tried when the word as written does not split (Sprachkurse).
const INFLECTIONS = ['e', 'en', 'n', 's', 'es'] as const;
const CACHE_LIMIT = 20_000;
/** Longest word that is split (real compounds stay well below: Donaudampfschifffahrtsgesellschaft has 34 letters). */
const MAX_SPLIT_LENGTH = 64;

export class CompoundSplitter {
  readonly #known: ReadonlySet<string>;
  /** Known words plus their forms without an inflection ending (kurse → kurs). */
  readonly #heads: ReadonlySet<string>;
  readonly #minHead: number;
  readonly #minModifier: number;
  readonly #maxDepth: number;
  readonly #shortHeads: ReadonlySet<string>;
  readonly #cache = new Map<string, readonly string[]>();

  /** @param vocabulary words of the domain, any case; they are folded here. */
  constructor(vocabulary: Iterable<string>, options: CompoundSplitterOptions = {}) {
    const known = new Set<string>();
    for (const w of vocabulary) {
      const f = foldWord(w);
      if (f.length >= 3 && /^\p{L}+$/u.test(f)) known.add(f);
    }
    this.#known = known;
    const heads = new Set(known);
    for (const w of known) {
      for (const ending of INFLECTIONS) {
        if (w.length - ending.length >= 4 && w.endsWith(ending)) heads.add(w.slice(0, -ending.length));
      }
    }
    this.#heads = heads;
    this.#minHead = options.minHeadLength ?? 4;
    this.#minModifier = options.minModifierLength ?? 3;
    this.#maxDepth = options.maxDepth ?? 2;
    this.#shortHeads = new Set([...(options.shortHeads ?? ['amt', 'rat', 'job'])].map(foldWord));
  }

  /** Number of known words. */
  get size(): number {
    return this.#known.size;
  }

  /** Whether a word (folded here) is in the vocabulary. */
  isKnown(word: string): boolean {
    return this.#known.has(foldWord(word));
  }

  /** Whether a folded word is known as written or as an uninflected form (arzt from ärzte). */
  isKnownBase(folded: string): boolean {
    return this.#heads.has(folded);
  }

  /**
   * The whole folded word followed by its parts (each part once), or just the folded word
   * when it is not a compound of known words.
   */
  split(word: string): string[] {
    const folded = foldWord(word);
    const cached = this.#cache.get(folded);
    if (cached) return [...cached];
    const out = [folded];
    const seen = new Set(out);
    const add = (w: string): void => {
      if (!seen.has(w)) {
        seen.add(w);
        out.push(w);
      }
    };
    // Longer "words" are pasted codes or junk; splitting costs the square of the length.
    if (folded.length <= MAX_SPLIT_LENGTH) for (const p of this.#parts(folded)) add(p);
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
    this.#cache.set(folded, out);
    return [...out];
  }

  /** Parts of a word as written, else of the word without an inflection ending (Sprachkurse). */
  #parts(folded: string): string[] {
    const parts = this.#splitRec(folded, 0);
    if (parts.length > 0) return parts;
    for (const ending of INFLECTIONS) {
      if (folded.length - ending.length >= this.#minHead + this.#minModifier && folded.endsWith(ending)) {
        const inflected = this.#splitRec(folded.slice(0, -ending.length), 0);
        if (inflected.length > 0) return inflected;
      }
    }
    return [];
  }

  /** Parts of `word` (without the word itself), or [] when it does not split. */
  #splitRec(word: string, depth: number): string[] {
    if (depth > this.#maxDepth || !/^\p{L}+$/u.test(word)) return [];
    const minHead = Math.min(this.#minHead, 3);
    for (let cut = this.#minModifier; cut <= word.length - minHead; cut++) {
      const head = word.slice(cut);
      if (!this.#heads.has(head)) continue;
      if (head.length < this.#minHead && !this.#shortHeads.has(head)) continue;
      const modifier = this.#modifier(word.slice(0, cut), depth);
      if (modifier === undefined) continue;
      // Longest known head first: cut grows, so the first hit is the longest head.
      const parts = [modifier.word, ...modifier.parts, head];
      for (const p of this.#splitRec(head, depth + 1)) parts.push(p);
      return parts;
    }
    return [];
  }

  /**
   * The known word a first part stands for (Berufs → beruf, Sprach → sprache), or a first
   * part that is itself a compound of known words (Landesverwaltungs → landesverwaltung:
   * land, verwaltung), with its parts.
   */
  #modifier(raw: string, depth: number): { word: string; parts: string[] } | undefined {
    const candidates = this.#modifierCandidates(raw);
    for (const c of candidates) {
      if (this.#known.has(c)) return { word: c, parts: this.#splitRec(c, depth + 1) };
    }
    for (const c of candidates) {
      const parts = this.#splitRec(c, depth + 1);
      if (parts.length > 0) return { word: c, parts };
    }
    return undefined;
  }

  #modifierCandidates(raw: string): string[] {
    const out: string[] = [];
    if (raw.length >= this.#minModifier) out.push(raw);
    for (const link of LINK_REMOVALS) {
      if (raw.endsWith(link) && raw.length - link.length >= this.#minModifier) out.push(raw.slice(0, -link.length));
    }
    for (const link of LINK_ADDITIONS) out.push(raw + link);
    return out;
  }
}
