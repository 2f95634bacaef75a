/**
 * The evaluation of triage on the corpus: train on the train split, measure on the dev
 * split — topics (model and cue-count baseline), district and redaction. Shared by
 * `npm run eval` and the tests, so both report the same numbers.
 */
import type { ClassifierOptions } from './classifier.js';
import { createCueBaseline } from './classifier-baseline.js';
import type { CorpusNote } from './classifier-corpus.js';
import {
  districtAccuracy,
  spanReport,
  topicReport,
  type PrecisionRecall,
  type TopicReport,
} from './classifier-eval.js';
import { redact } from './redact.js';
import { createTriage, trainingExample, type TriageService } from './triage.js';
import type { Gazetteer } from './gazetteer.js';
import { TYPING_NOISES, type TypingNoise } from './typing-noise.js';

export interface DevEvaluation {
  readonly trainNotes: number;
  readonly devNotes: number;
  readonly modelVersion: string;
  readonly model: TopicReport;
  readonly baseline: TopicReport;
  /** Share of dev notes with the right district; "no district" (null) counts as a value. */
  readonly districtAccuracy: number;
  /** Redaction of the gold personal-data spans, matched by overlap and exactly. */
  readonly redaction: { readonly overlap: PrecisionRecall; readonly exact: PrecisionRecall };
  /** Mean time of one triage call on the dev notes. */
  readonly msPerNote: number;
}

export interface EvaluationOptions {
  readonly classifier?: ClassifierOptions;
  readonly gazetteer?: Gazetteer;
}

/** Triage trained on the train notes of `notes`, and the dev notes. */
function trainOnTrain(
  notes: readonly CorpusNote[],
  options: EvaluationOptions,
): { triage: TriageService; trainNotes: number; dev: CorpusNote[] } {
  const gazetteer = options.gazetteer;
  const train = notes.filter((n) => n.split === 'train').map((n) => trainingExample(n, gazetteer));
  const triage = createTriage({
    corpus: train,
    ...(options.classifier ? { classifier: options.classifier } : {}),
    ...(gazetteer ? { gazetteer } : {}),
  });
  return { triage, trainNotes: train.length, dev: notes.filter((n) => n.split === 'dev') };
}

/** Trains on the train notes and measures on the dev notes of `notes`. */
export function evaluateOnDev(notes: readonly CorpusNote[], options: EvaluationOptions = {}): DevEvaluation {
  const { triage, trainNotes, dev } = trainOnTrain(notes, options);
  const baseline = createCueBaseline(triage.classifier.extractor);

  const modelItems = [];
  const baselineItems = [];
  const districts = [];
  const spans = [];
  let elapsed = 0;
  for (const note of dev) {
    const started = performance.now();
    const result = triage.triage(note.text);
    elapsed += performance.now() - started;
    modelItems.push({ gold: note.topics, predicted: result.topics.map((t) => t.id) });
    const { redactions } = redact(note.text);
    baselineItems.push({ gold: note.topics, predicted: baseline.classify(note.text, redactions) });
    districts.push({ gold: note.district, predicted: result.district?.code ?? null });
    spans.push({ gold: note.pii, predicted: redactions });
  }
  return {
    trainNotes,
    devNotes: dev.length,
    modelVersion: triage.modelVersion,
    model: topicReport(modelItems),
    baseline: topicReport(baselineItems),
    districtAccuracy: districtAccuracy(districts),
    redaction: { overlap: spanReport(spans, 'overlap'), exact: spanReport(spans, 'exact') },
    msPerNote: dev.length === 0 ? 0 : elapsed / dev.length,
  };
}

export interface NoiseEvaluation {
  readonly noise: string;
  readonly model: TopicReport;
  readonly districtAccuracy: number;
  /** Share of dev notes whose main topic is the one the note gets as written. */
  readonly samePrimary: number;
  /**
   * Redaction of the gold personal-data spans (by overlap) in the notes whose length the
   * rewrite keeps (so the gold offsets still hold); null when it keeps none.
   */
  readonly redaction: PrecisionRecall | null;
}

/**
 * How the tags hold up when the dev notes are typed in a hurry (typing-noise.ts): the
 * same model as `evaluateOnDev`, each dev note rewritten by each noise. The first row is
 * the notes as written.
 */
export function evaluateTypingNoise(
  notes: readonly CorpusNote[],
  noises: readonly (readonly [string, TypingNoise])[] = TYPING_NOISES,
  options: EvaluationOptions = {},
): NoiseEvaluation[] {
  const { triage, dev } = trainOnTrain(notes, options);
  const rows: (readonly [string, TypingNoise])[] = [['as written', (text) => text], ...noises];
  const rewritten = rows.map(([, rewrite]) => {
    const texts = dev.map((note) => rewrite(note.text));
    return { texts, results: texts.map((text) => triage.triage(text)) };
  });
  const asWritten = rewritten[0]!.results;
  return rows.map(([noise], row) => {
    const { texts, results } = rewritten[row]!;
    const spans = dev.flatMap((note, i) =>
      texts[i]!.length === note.text.length ? [{ gold: note.pii, predicted: redact(texts[i]!).redactions }] : [],
    );
    return {
      noise,
      model: topicReport(dev.map((note, i) => ({ gold: note.topics, predicted: results[i]!.topics.map((t) => t.id) }))),
      districtAccuracy: districtAccuracy(dev.map((note, i) => ({ gold: note.district, predicted: results[i]!.district?.code ?? null }))),
      samePrimary: dev.length === 0 ? 1 : results.filter((r, i) => r.topics[0]?.id === asWritten[i]!.topics[0]?.id).length / dev.length,
      redaction: spans.length === 0 ? null : spanReport(spans, 'overlap'),
    };
  });
}
