/**
 * Rewrites a note the way an adviser types in a hurry: umlauts dropped or written out,
 * everything in lower case, typos. Used to measure how much the tags depend on careful
 * spelling (`npm run eval -- --robust`, the classifier tests). Deterministic per seed.
 */
import { seededRandom } from './classifier-cv.js';

export type TypingNoise = (text: string) => string;

const DROPPED: Record<string, string> = { ä: 'a', ö: 'o', ü: 'u', Ä: 'A', Ö: 'O', Ü: 'U', ß: 'ss' };
const WRITTEN_OUT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

export const dropUmlauts: TypingNoise = (text) => text.replace(/[äöüÄÖÜß]/g, (c) => DROPPED[c] ?? c);
export const writeOutUmlauts: TypingNoise = (text) => text.replace(/[äöüÄÖÜß]/g, (c) => WRITTEN_OUT[c] ?? c);
export const lowerCase: TypingNoise = (text) => text.toLowerCase();

/**
 * One typo (two letters swapped, one dropped or one doubled, never the first letter) in
 * about `share` of the words of five or more letters.
 */
export function typos(share: number, seed = 1): TypingNoise {
  return (text) => {
    const next = seededRandom(seed);
    return text.replace(/\p{L}{5,}/gu, (word) => {
      if (next() >= share) return word;
      const i = 1 + Math.floor(next() * (word.length - 2));
      const kind = next();
      if (kind < 1 / 3) return word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
      if (kind < 2 / 3) return word.slice(0, i) + word.slice(i + 1);
      return word.slice(0, i + 1) + word.slice(i);
    });
  };
}

/** The variants measured, by name; `hasty` combines them all. */
export const TYPING_NOISES: readonly (readonly [string, TypingNoise])[] = [
  ['umlauts dropped (Behorde)', dropUmlauts],
  ['umlauts written out (Behoerde)', writeOutUmlauts],
  ['all lower case', lowerCase],
  ['typos in 25 % of longer words', typos(0.25)],
  ['hasty: all of the above', (text) => typos(0.25)(lowerCase(dropUmlauts(text)))],
];
