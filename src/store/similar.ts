/**
 * Similar stored enquiries for a note being typed (the enquiry form's "Ähnliche
 * Anfragen"): an FTS5 OR query over the note's significant words, ranked by bm25.
 * The index only ever holds the redacted text (see migration 001), so nothing here can
 * return more than what was stored.
 */
import { foldWord, isStopWord } from '../text/index.js';
import type { Db } from './database.js';

/** At most this many words of a note go into the query (the longest ones win). */
export const SIMILAR_MAX_TERMS = 16;

export interface SimilarMatch {
  id: number;
  /** bm25 relevance, higher is better (FTS5's bm25 negated). */
  score: number;
}

export interface SimilarReader {
  /** Enquiries whose stored text shares significant words with `text`, best first. */
  similar(text: string, options: { limit: number; excludeId?: number }): SimilarMatch[];
}

/** Placeholders of the redaction ("[Telefon]", "[Name]") carry no meaning for similarity. */
const PLACEHOLDER = /\[[^\]\n]{1,20}\]/g;

/**
 * The note's significant words as an FTS5 OR query: no stop words, no placeholders,
 * no words under three letters (except all-caps abbreviations like "AB", "JC"),
 * longer words shortened to a prefix so that inflected forms meet
 * ("Ausbildungsplatz" → "ausbildungspla"*). Null when nothing significant is left.
 */
export function similarQuery(text: string, maxTerms = SIMILAR_MAX_TERMS): string | null {
  const words = text.replace(PLACEHOLDER, ' ').match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = new Map<string, number>();
  for (const word of words) {
    const abbreviation = word.length >= 2 && word.length <= 4 && word === word.toUpperCase() && /\p{L}/u.test(word);
    if (word.length < 3 && !abbreviation) continue;
    if (/^\d+$/.test(word)) continue;
    const lower = word.toLowerCase();
    if (isStopWord(foldWord(lower))) continue;
    const prefix = lower.length > 7 ? lower.slice(0, lower.length - 2) : lower;
    terms.set(prefix, Math.max(terms.get(prefix) ?? 0, word.length));
  }
  if (terms.size === 0) return null;
  return [...terms.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, maxTerms)
    .map(([term]) => `"${term.replaceAll('"', '')}"*`)
    .join(' OR ');
}

export function createSimilarReader(db: Db): SimilarReader {
  const search = db.prepare<{ query: string; limit: number; exclude: number }, { id: number; rank: number }>(
    `SELECT f.rowid AS id, bm25(enquiry_fts) AS rank
       FROM enquiry_fts f
      WHERE enquiry_fts MATCH @query AND f.rowid <> @exclude
      ORDER BY rank, f.rowid DESC
      LIMIT @limit`,
  );
  return {
    similar(text, { limit, excludeId }) {
      const query = similarQuery(text);
      if (!query) return [];
      return search
        .all({ query, limit, exclude: excludeId ?? 0 })
        .map((row) => ({ id: row.id, score: Math.round(-row.rank * 1000) / 1000 }));
    },
  };
}
