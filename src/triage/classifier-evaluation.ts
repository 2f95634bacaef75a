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
import { createTriage, trainingExample } from './triage.js';
import type { Gazetteer } from './gazetteer.js';

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

/** Trains on the train notes and measures on the dev notes of `notes`. */
export function evaluateOnDev(notes: readonly CorpusNote[], options: EvaluationOptions = {}): DevEvaluation {
  const gazetteer = options.gazetteer;
  const train = notes.filter((n) => n.split === 'train').map((n) => trainingExample(n, gazetteer));
  const dev = notes.filter((n) => n.split === 'dev');
  const triage = createTriage({
    corpus: train,
    ...(options.classifier ? { classifier: options.classifier } : {}),
    ...(gazetteer ? { gazetteer } : {}),
  });
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
    trainNotes: train.length,
    devNotes: dev.length,
    modelVersion: triage.modelVersion,
    model: topicReport(modelItems),
    baseline: topicReport(baselineItems),
    districtAccuracy: districtAccuracy(districts),
    redaction: { overlap: spanReport(spans, 'overlap'), exact: spanReport(spans, 'exact') },
    msPerNote: dev.length === 0 ? 0 : elapsed / dev.length,
  };
}
