/**
 * The triage service (SPEC §4): for a note typed by an adviser, the topics the system
 * would tag (with score and evidence), the district, and the redacted text with what was
 * redacted. It learns from the tags advisers choose or correct.
 *
 * District detection and classification run on the original text (it is never stored);
 * only the redacted text leaves this module for storage. Words inside redacted spans
 * never count as topic evidence.
 */
import { DISTRICTS, isDistrictCode, type TopicId } from '../domain/ids.js';
import { silentLogger, type Logger } from '../domain/logger.js';
import {
  createTopicClassifier,
  type ClassifierOptions,
  type Span,
  type TopicClassifier,
  type TrainingExample,
} from './classifier.js';
import { loadCorpus, toExample, type CorpusNote } from './classifier-corpus.js';
import { createClassifierAnalyzer } from './classifier-features.js';
import { findPlaceMentions, readPlaces } from './district.js';
import type { Gazetteer } from './gazetteer.js';
import { PLACEHOLDERS, redact } from './redact.js';
import { topicLabel } from './taxonomy.js';

export interface TriageTopic {
  id: TopicId;
  label: string;
  /** 0–1 */
  score: number;
  /** Words of the note that contributed most. */
  evidence: string[];
}

export interface TriageDistrict {
  code: string;
  name: string;
  /** The words of the note that named the place; empty when the adviser chose it. */
  evidence: string;
}

export interface TriageResult {
  /** Topics the system would tag, best first, at least one. */
  topics: TriageTopic[];
  district: TriageDistrict | null;
  /** The text with direct identifiers replaced by placeholders: the only form stored. */
  redactedText: string;
  /** What was redacted, as offsets into the original text. */
  redactions: { type: string; start: number; end: number }[];
  /** The same spans as offsets of their placeholders in `redactedText`: what is stored with it. */
  placeholders: { type: string; start: number; end: number }[];
  /** Which model tagged the note, e.g. `nblr-3f9a1c2e-412`. */
  modelVersion: string;
}

/** A tagging an adviser chose or corrected; the text is the stored (redacted) text. */
export interface Correction {
  readonly text: string;
  readonly topics: readonly TopicId[];
}

export interface TriageOptions {
  /** Training notes; default the train split of corpus/notes.jsonl. */
  readonly corpus?: readonly TrainingExample[];
  /** Corrections stored earlier (replayed at start, weighted like new corrections). */
  readonly corrections?: Iterable<Correction>;
  readonly classifier?: ClassifierOptions;
  /** Default: the committed gazetteer. */
  readonly gazetteer?: Gazetteer;
  readonly logger?: Logger;
}

export interface TriageService {
  /** Triage of a note; a district passed by the adviser wins over the detected one. */
  triage(text: string, options?: { district?: string | null }): TriageResult;
  /** Learns from an adviser's tags; takes effect for the next note. */
  learn(correction: Correction): void;
  readonly modelVersion: string;
  readonly classifier: TopicClassifier;
}

const PLACEHOLDER = new RegExp(
  Object.values(PLACEHOLDERS)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
  'g',
);

/** The placeholders in a redacted text: not words of the note, so not features. */
export function placeholderSpans(redactedText: string): Span[] {
  return [...redactedText.matchAll(PLACEHOLDER)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * What the classifier ignores in a note besides personal data: place names, which say
 * where a call comes from, not what it is about (and would only be chance evidence).
 */
export function placeSpans(text: string, gazetteer?: Gazetteer): Span[] {
  return findPlaceMentions(text, gazetteer).map((m) => ({ start: m.start, end: m.end }));
}

/** A corpus note as the classifier learns it: personal data and place names skipped. */
export function trainingExample(note: CorpusNote, gazetteer?: Gazetteer): TrainingExample {
  const example = toExample(note);
  return { ...example, skip: [...(example.skip ?? []), ...placeSpans(note.text, gazetteer)] };
}

/** The train split of the committed corpus as training examples (personal data and places skipped). */
export function corpusTrainingExamples(gazetteer?: Gazetteer): TrainingExample[] {
  return loadCorpus()
    .filter((note) => note.split === 'train')
    .map((note) => trainingExample(note, gazetteer));
}

export function createTriage(options: TriageOptions = {}): TriageService {
  const logger = options.logger ?? silentLogger;
  const gazetteer = options.gazetteer;
  const corpus = options.corpus ?? corpusTrainingExamples(gazetteer);
  if (corpus.length === 0) logger.warn('triage: no training notes found; tagging relies on cue terms alone');
  const analyzer = createClassifierAnalyzer(corpus.map((ex) => ex.text));
  const classifier = createTopicClassifier(analyzer, corpus, options.classifier);

  const learn = (correction: Correction): void => {
    const skip = [...placeholderSpans(correction.text), ...placeSpans(correction.text, gazetteer)];
    classifier.learn({ text: correction.text, topics: correction.topics, skip });
  };
  let replayed = 0;
  let skipped = 0;
  for (const correction of options.corrections ?? []) {
    try {
      learn(correction);
      replayed++;
    } catch (err) {
      // One broken stored example (no known topic) must not stop the server from starting.
      skipped++;
      logger.warn({ err }, 'triage: a stored correction could not be learnt');
    }
  }
  logger.info(
    { notes: corpus.length, corrections: replayed, skipped, modelVersion: classifier.modelVersion },
    'triage model trained',
  );

  return {
    triage(text, { district } = {}) {
      // One scan gives both the district and the place names the classifier skips.
      const places = readPlaces(text, gazetteer);
      const detected = places.district;
      const chosen =
        district && isDistrictCode(district)
          ? { code: district, name: DISTRICTS[district], evidence: '' }
          : detected && { code: detected.code, name: detected.name, evidence: detected.evidence };
      const { redactedText, redactions } = redact(text);
      const topics = classifier.classify(text, [...redactions, ...places.mentions]).map((t) => ({
        id: t.id,
        label: topicLabel(t.id),
        score: t.score,
        evidence: [...t.evidence],
      }));
      // Offsets of each placeholder in the redacted text.
      let shift = 0;
      const placeholders = redactions.map((r) => {
        const start = r.start + shift;
        shift += r.placeholder.length - (r.end - r.start);
        return { type: r.type, start, end: start + r.placeholder.length };
      });
      return {
        topics,
        district: chosen ?? null,
        redactedText,
        redactions: redactions.map(({ type, start, end }) => ({ type, start, end })),
        placeholders,
        modelVersion: classifier.modelVersion,
      };
    },
    learn,
    get modelVersion() {
      return classifier.modelVersion;
    },
    classifier,
  };
}
