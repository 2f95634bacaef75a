/**
 * Evaluation measures for triage (pure functions, shared by `npm run eval`, the
 * cross-validation and the tests).
 */
import { TOPIC_IDS, type TopicId } from './taxonomy.js';

export interface TopicPrediction {
  /** Gold topics, primary first. */
  readonly gold: readonly TopicId[];
  /** Predicted topics, best first. */
  readonly predicted: readonly TopicId[];
}

export interface Counts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export interface PrecisionRecall extends Counts {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface TopicReport {
  readonly perTopic: ReadonlyMap<TopicId, PrecisionRecall & { readonly support: number }>;
  /** Micro-averaged over all (note, topic) pairs: the topic-set micro-F1. */
  readonly micro: PrecisionRecall;
  readonly macroF1: number;
  /** Share of notes whose first predicted topic is the gold primary topic. */
  readonly primaryAccuracy: number;
  /** confusion[gold primary][predicted primary], indices into TOPIC_IDS. */
  readonly confusion: readonly (readonly number[])[];
  readonly notes: number;
}

export function precisionRecall({ tp, fp, fn }: Counts): PrecisionRecall {
  // An empty denominator means nothing could go wrong: count it as 1.
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

export function topicReport(items: readonly TopicPrediction[]): TopicReport {
  const index = new Map<TopicId, number>(TOPIC_IDS.map((id, i) => [id, i]));
  const n = TOPIC_IDS.length;
  const tp = new Array<number>(n).fill(0);
  const fp = new Array<number>(n).fill(0);
  const fn = new Array<number>(n).fill(0);
  const confusion = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  let primaryHits = 0;
  for (const { gold, predicted } of items) {
    const g = new Set(gold);
    const p = new Set(predicted);
    for (const id of p) {
      const i = index.get(id) ?? 0;
      if (g.has(id)) tp[i] = (tp[i] ?? 0) + 1;
      else fp[i] = (fp[i] ?? 0) + 1;
    }
    for (const id of g) {
      const i = index.get(id) ?? 0;
      if (!p.has(id)) fn[i] = (fn[i] ?? 0) + 1;
    }
    const gp = gold[0];
    const pp = predicted[0];
    if (gp !== undefined && pp !== undefined) {
      const row = confusion[index.get(gp) ?? 0];
      const col = index.get(pp) ?? 0;
      if (row) row[col] = (row[col] ?? 0) + 1;
      if (gp === pp) primaryHits++;
    }
  }
  const perTopic = new Map<TopicId, PrecisionRecall & { support: number }>();
  let sumTp = 0;
  let sumFp = 0;
  let sumFn = 0;
  let macro = 0;
  let macroCount = 0;
  TOPIC_IDS.forEach((id, i) => {
    const c = { tp: tp[i] ?? 0, fp: fp[i] ?? 0, fn: fn[i] ?? 0 };
    const pr = precisionRecall(c);
    const support = c.tp + c.fn;
    perTopic.set(id, { ...pr, support });
    sumTp += c.tp;
    sumFp += c.fp;
    sumFn += c.fn;
    if (support > 0 || c.fp > 0) {
      macro += pr.f1;
      macroCount++;
    }
  });
  return {
    perTopic,
    micro: precisionRecall({ tp: sumTp, fp: sumFp, fn: sumFn }),
    macroF1: macroCount === 0 ? 0 : macro / macroCount,
    primaryAccuracy: items.length === 0 ? 0 : primaryHits / items.length,
    confusion,
    notes: items.length,
  };
}

/** Share of notes whose district (a code, or null for none) is right; null counts too. */
export function districtAccuracy(
  items: readonly { readonly gold: string | null; readonly predicted: string | null }[],
): number {
  if (items.length === 0) return 0;
  let hits = 0;
  for (const { gold, predicted } of items) if (gold === predicted) hits++;
  return hits / items.length;
}

export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * How a predicted personal-data span is matched to a gold one:
 * - `exact`: same start and end;
 * - `overlap`: the two share at least one character.
 * Types are not compared: what matters for data protection is that the text is hidden.
 */
export type SpanMatch = 'exact' | 'overlap';

function spansMatch(a: TextSpan, b: TextSpan, mode: SpanMatch): boolean {
  return mode === 'exact' ? a.start === b.start && a.end === b.end : a.start < b.end && b.start < a.end;
}

/**
 * Span-level precision and recall over a set of notes: a gold span counts as found
 * when a predicted span matches it, a predicted span as correct when it matches a gold
 * span (so one long prediction covering two gold spans finds both under `overlap`).
 */
export function spanReport(
  items: readonly { readonly gold: readonly TextSpan[]; readonly predicted: readonly TextSpan[] }[],
  mode: SpanMatch,
): PrecisionRecall {
  let found = 0;
  let goldTotal = 0;
  let correct = 0;
  let predictedTotal = 0;
  for (const { gold, predicted } of items) {
    goldTotal += gold.length;
    predictedTotal += predicted.length;
    for (const g of gold) if (predicted.some((p) => spansMatch(p, g, mode))) found++;
    for (const p of predicted) if (gold.some((g) => spansMatch(p, g, mode))) correct++;
  }
  const precision = predictedTotal === 0 ? 1 : correct / predictedTotal;
  const recall = goldTotal === 0 ? 1 : found / goldTotal;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp: found, fp: predictedTotal - correct, fn: goldTotal - found, precision, recall, f1 };
}
