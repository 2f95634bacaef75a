/**
 * Tokenisation that keeps offsets into the original text, so callers can point at the
 * words that carried a decision (classifier evidence, search snippets).
 */

/** One word of the original text; `end` is exclusive. */
export interface Token {
  /** The word as written, including inner hyphens and a gender suffix (`Berater*innen`). */
  word: string;
  start: number;
  end: number;
  /** For hyphenated words (`Job-BSK`, `IT-Spezialist`): the parts with their own offsets. */
  parts?: Token[];
}

// A word: letters/digits, optionally joined by hyphens, optionally followed by a gender
// suffix written with *, : or _ (Berater*innen, Kolleg:innen, Lehrer_in).
export const WORD_PATTERN = /[\p{L}\p{N}]+(?:[-‐‑][\p{L}\p{N}]+)*(?:[*:_](?:innen|in)(?![\p{L}\p{N}]))?/gu;
const WORD = WORD_PATTERN;
const PART = /[\p{L}\p{N}]+/gu;

/** Splits a text into words with their offsets. Punctuation and spaces separate words. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const start = m.index;
    const token: Token = { word, start, end: start + word.length };
    if (/[-‐‑]/.test(word)) {
      const parts: Token[] = [];
      for (const p of word.matchAll(PART)) {
        // A gender suffix is not a part of its own.
        if (p.index > 0 && /[*:_]/.test(word[p.index - 1] ?? '')) continue;
        parts.push({ word: p[0], start: start + p.index, end: start + p.index + p[0].length });
      }
      if (parts.length > 1) token.parts = parts;
    }
    tokens.push(token);
  }
  return tokens;
}
