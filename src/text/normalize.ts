/**
 * Folding of German spelling variants so that "Behörde", "Behoerde" and "Behorde"
 * meet: lower-case, ß → ss, umlauts → base vowel, other diacritics removed, and the
 * transliterations ae/oe/ue → a/o/u where they stand for an umlaut.
 */

const UMLAUTS: Record<string, string> = { ä: 'a', ö: 'o', ü: 'u', ß: 'ss' };

// ae/oe/ue stand for an umlaut at the start of a word or after a consonant; after a
// vowel or q they are ordinary letter pairs (Steuer, Dauer, Feuer, Quelle), and so
// are the -uell adjectives (aktuell, individuell).
const TRANSLITERATED_UMLAUT = /(^|[^aeiouyq])([aou])e(?!ll)/g;

const PLAIN = /^[a-z0-9]*$/;
const HAS_PAIR = /[aou]e/;

/** Lower-cases and folds one word (no spaces expected, but harmless). */
export function foldWord(word: string): string {
  // Fast path for the common case: plain lower-case ASCII without ae/oe/ue.
  if (PLAIN.test(word) && !HAS_PAIR.test(word)) return word;
  const lower = word.toLowerCase().replace(/[äöüß]/g, (c) => UMLAUTS[c] ?? c);
  const plain = lower.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  // Repeat until stable so that folding is idempotent (aee → ae → a); every pass
  // shortens the word, and real words need one pass.
  let folded = plain.replace(TRANSLITERATED_UMLAUT, '$1$2');
  for (let previous = plain; folded !== previous; ) {
    previous = folded;
    folded = folded.replace(TRANSLITERATED_UMLAUT, '$1$2');
  }
  return folded;
}

/** Folds a whole text word by word; keeps length-independent spacing rules simple. */
export function foldText(text: string): string {
  return text.replace(/[\p{L}\p{N}]+/gu, (w) => foldWord(w));
}

/**
 * False for a text typed without capitalised words: in such a note names, streets and
 * places come in lower case too, so rules that rely on capitals must relax.
 * Abbreviations typed in capitals do not count ("sb AB halle herablassend, JC weiss nix").
 */
export function hasCapitals(text: string): boolean {
  return /\p{Lu}\p{Ll}/u.test(text);
}
