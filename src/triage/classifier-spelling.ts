/**
 * Typo repair for hotline notes, typed while on the phone ("Leistugnen", "Gestatung",
 * "zustänig"): an unknown word is replaced by the most frequent known word within one
 * edit (deletion, insertion, substitution or swap of neighbours), found through a
 * symmetric-deletion index (the SymSpell idea) in a few map look-ups.
 *
 * Only words of `minLength` letters or more are repaired: short words have too many
 * neighbours to guess safely.
 */
import { foldWord } from '../text/index.js';

export interface SpellingOptions {
  /** Shortest word that is repaired (default 6). */
  readonly minLength?: number;
}

/**
 * Longest word that is repaired: longer "words" are pasted codes or junk, and the look-up
 * costs the square of the length (a 9,000-letter token took 0.3 s).
 */
const MAX_REPAIR_LENGTH = 40;

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Damerau–Levenshtein distance ≤ 1 (one edit or one swap of neighbours). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export class SpellingIndex {
  readonly #minLength: number;
  /** Known folded word → frequency. */
  readonly #known = new Map<string, number>();
  /** Folded word with one letter deleted → known words it came from. */
  readonly #deletes = new Map<string, string[]>();
  /** Word as written → repair (null: none), memoised. */
  readonly #cache = new Map<string, string | null>();

  /** @param words known words (any case, repeated words count as frequency) */
  constructor(words: Iterable<string>, options: SpellingOptions = {}) {
    this.#minLength = options.minLength ?? 6;
    for (const w of words) {
      const f = foldWord(w);
      if (!/^\p{L}+$/u.test(f)) continue;
      this.#known.set(f, (this.#known.get(f) ?? 0) + 1);
    }
    for (const f of this.#known.keys()) {
      if (f.length < this.#minLength - 1) continue;
      for (const d of deletions(f)) {
        const list = this.#deletes.get(d);
        if (!list) this.#deletes.set(d, [f]);
        else if (!list.includes(f)) list.push(f);
      }
    }
  }

  isKnown(word: string): boolean {
    return this.#known.has(foldWord(word));
  }

  /**
   * The known word an unknown word was most likely meant to be, or null when the word
   * is known, too short, not a plain word, or has no known neighbour.
   */
  correct(word: string): string | null {
    const cached = this.#cache.get(word);
    if (cached !== undefined) return cached;
    const f = foldWord(word);
    let result: string | null = null;
    if (f.length >= this.#minLength && f.length <= MAX_REPAIR_LENGTH && /^\p{L}+$/u.test(f) && !this.#known.has(f)) {
      const candidates = new Set<string>();
      // The typo lacks a letter: it is a deletion of a known word.
      for (const k of this.#deletes.get(f) ?? []) candidates.add(k);
      for (const d of deletions(f)) {
        // The typo has an extra letter: deleting it gives a known word.
        if (this.#known.has(d)) candidates.add(d);
        // Substitution or swap: both share a deletion.
        for (const k of this.#deletes.get(d) ?? []) candidates.add(k);
      }
      let bestCount = 0;
      for (const c of [...candidates].sort()) {
        if (!withinOneEdit(f, c)) continue;
        const n = this.#known.get(c) ?? 0;
        if (n > bestCount) {
          bestCount = n;
          result = c;
        }
      }
    }
    if (this.#cache.size > 20_000) this.#cache.clear();
    this.#cache.set(word, result);
    return result;
  }
}
