/**
 * Seams between the HTTP layer and the modules other engineers build: triage (topic
 * classifier, gazetteer, redaction) and the knowledge-base search. `buildApp` takes
 * implementations of these interfaces; until the real ones exist the defaults below
 * keep the API working (no tags, no district, text unchanged, no suggestions).
 */
import type { TopicId } from '../domain/ids.js';

export interface TriageResult {
  /** Topics the system would tag, best first. */
  topics: { id: TopicId; label: string; score: number; evidence: string[] }[];
  /** The detected district of Sachsen-Anhalt, or null. */
  district: { code: string; name: string; evidence: string } | null;
  /** The text with direct identifiers replaced; the only form that is ever stored. */
  redactedText: string;
  /** What was redacted, as offsets into the original text (never sent back with the text itself). */
  redactions: { type: string; start: number; end: number }[];
  /** The same spans as offsets of their placeholders in `redactedText` (what is stored). */
  placeholders: { type: string; start: number; end: number }[];
  modelVersion: string;
}

export interface EnquiryTriage {
  triage(text: string): TriageResult;
  /** Learns from tags an adviser chose or corrected (text is already redacted). */
  learn(example: { text: string; topics: TopicId[] }): void;
}

export interface ArticleSuggester {
  suggest(note: string, opts: { district: string | null; topics: TopicId[]; limit: number }): { slug: string; title: string; score: number }[];
}

/** Stand-in until the classifier exists: tags nothing and leaves the text as it is. */
export const noTriage: EnquiryTriage = {
  triage: (text) => ({ topics: [], district: null, redactedText: text, redactions: [], placeholders: [], modelVersion: 'none' }),
  learn: () => {},
};

/** Stand-in until the knowledge base exists: suggests nothing. */
export const noSuggestions: ArticleSuggester = {
  suggest: () => [],
};
