import StemmerDe from '@nlpjs/lang-de/src/stemmer-de.js';
import { foldWord } from './normalize.js';

const stemmer = new StemmerDe();

/**
 * Snowball German on the folded word, applied again to its own output until it is
 * stable (in practice twice: Kurs → kur but Kurse → kurs → kur, so both meet).
 * Words containing digits (18a, 15084, B1) are only folded.
 */
export function stem(word: string): string {
  let current = foldWord(word);
  if (/\d/.test(current)) return current;
  for (let i = 0; i < 4; i++) {
    const next = stemmer.stemWord(current);
    if (next === current || next.length === 0) break;
    current = next;
  }
  return current;
}
