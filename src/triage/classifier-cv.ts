/**
 * Cross-validation on the train split: out-of-fold scores for every note, the choice of
 * the tag thresholds on them, and the comparison of model settings. The dev split is
 * never used here.
 */
import { TOPIC_IDS, type TopicId } from './taxonomy.js';
import {
  createTopicClassifier,
  decideTopics,
  type ClassifierOptions,
  type DecisionThresholds,
  type TermAnalyzer,
  type TopicScores,
  type TrainingExample,
} from './classifier.js';
import { topicReport, type TopicReport } from './classifier-eval.js';

/**
 * Deterministic fold of each example, stratified by primary topic: the notes of each
 * primary topic are dealt to the folds in turn.
 */
export function stratifiedFolds(examples: readonly TrainingExample[], k: number, seed = 0): number[] {
  const folds = new Array<number>(examples.length).fill(0);
  const seen = new Map<string, number>();
  let offset = 0;
  for (const i of shuffled(examples.length, seed)) {
    const key = examples[i]?.topics[0] ?? '';
    let n = seen.get(key);
    if (n === undefined) {
      // Start each topic on a different fold so small topics do not all land in fold 0.
      n = offset++;
    }
    folds[i] = n % k;
    seen.set(key, n + 1);
  }
  return folds;
}

/**
 * Folds that keep each group together (a writer's batch of notes), dealt in a seeded
 * order: every note is scored by a model that never saw its writer, as with notes from a
 * new adviser. Random folds let a model learn a writer's habits (which topic that writer
 * puts first) and so overrate settings that fit those habits.
 */
export function groupedFolds(groups: readonly number[], k: number, seed = 0): number[] {
  const distinct = [...new Set(groups)].sort((a, b) => a - b);
  const order = shuffled(distinct.length, seed);
  const foldOf = new Map<number, number>(order.map((g, i) => [distinct[g] ?? 0, i % k]));
  return groups.map((g) => foldOf.get(g) ?? 0);
}

/** mulberry32: a small seeded generator of numbers in [0, 1), the same every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** 0 … n−1, in order for seed 0, else shuffled (Fisher–Yates). */
function shuffled(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  if (seed === 0) return order;
  const next = seededRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const tmp = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = tmp;
  }
  return order;
}

/**
 * Builds the analyzer for a training set: its vocabulary (compound parts, typo repair)
 * comes from the training texts, so each fold must get its own.
 */
export type AnalyzerFactory = (trainingTexts: readonly string[]) => TermAnalyzer;

/**
 * Scores of every example from a model trained on the other folds: stratified by primary
 * topic, or with `groups` (one per example) each group held out whole.
 */
export function outOfFoldScores(
  analyzerFor: AnalyzerFactory,
  examples: readonly TrainingExample[],
  options: ClassifierOptions,
  k = 5,
  seed = 0,
  groups?: readonly number[],
): TopicScores[] {
  const folds = groups ? groupedFolds(groups, k, seed) : stratifiedFolds(examples, k, seed);
  const scores = new Array<TopicScores>(examples.length);
  for (let f = 0; f < k; f++) {
    const train = examples.filter((_, i) => folds[i] !== f);
    const analyzer = analyzerFor(train.map((ex) => ex.text));
    const model = createTopicClassifier(analyzer, train, options);
    examples.forEach((ex, i) => {
      if (folds[i] === f) scores[i] = model.scoreAll(ex.text, ex.skip);
    });
  }
  return scores;
}

export function reportFor(
  examples: readonly TrainingExample[],
  scores: readonly TopicScores[],
  thresholds: DecisionThresholds,
): TopicReport {
  return topicReport(
    examples.map((ex, i) => ({
      gold: ex.topics,
      predicted: decideTopics(scores[i] ?? EMPTY, thresholds).topics.map((t) => TOPIC_IDS[t] as TopicId),
    })),
  );
}

const EMPTY: TopicScores = {
  set: new Float64Array(TOPIC_IDS.length),
  primary: null,
  base: new Float64Array(TOPIC_IDS.length),
  primacy: new Float64Array(TOPIC_IDS.length),
};

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
}

const range = (from: number, to: number, step: number): number[] => {
  const out: number[] = [];
  for (let x = from; x <= to + 1e-9; x += step) out.push(Math.round(x * 1000) / 1000);
  return out;
};

/**
 * The thresholds that maximise topic-set micro-F1 on out-of-fold scores (ties: higher
 * primary accuracy, then the earlier grid point, so the choice is deterministic). The
 * blend of the primary model mainly decides the main topic, so it is chosen second, for
 * the best sum of primary accuracy and micro-F1 under the chosen set thresholds.
 */
export function chooseThresholds(
  examples: readonly TrainingExample[],
  scores: readonly TopicScores[],
  maxTopics = 3,
): { thresholds: DecisionThresholds; report: TopicReport } {
  const index = new Map<string, number>(TOPIC_IDS.map((id, i) => [id, i]));
  const gold = examples.map((ex) => {
    let mask = 0;
    for (const id of ex.topics) mask |= 1 << (index.get(id) ?? 0);
    return { mask, primary: index.get(ex.topics[0] ?? '') ?? -1 };
  });
  const quick = (th: DecisionThresholds): { f1: number; primary: number } => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let hits = 0;
    scores.forEach((sc, i) => {
      const g = gold[i];
      if (!g) return;
      const { topics } = decideTopics(sc, th);
      let mask = 0;
      for (const t of topics) mask |= 1 << t;
      for (let t = 0; t < TOPIC_IDS.length; t++) {
        const p = (mask >> t) & 1;
        const y = (g.mask >> t) & 1;
        if (p && y) tp++;
        else if (p) fp++;
        else if (y) fn++;
      }
      if (topics[0] === g.primary) hits++;
    });
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    return { f1, primary: hits / Math.max(1, scores.length) };
  };
  // Stage 1 without the primary model: the decision only needs each note's topics in
  // score order, computed once.
  const fallback = TOPIC_IDS.indexOf('sonstiges');
  const orders = scores.map((sc) =>
    Array.from({ length: TOPIC_IDS.length }, (_, t) => t).sort((a, b) => (sc.set[b] ?? 0) - (sc.set[a] ?? 0) || a - b),
  );
  const setOnly = (minimum: number, secondary: number, ratio: number): { f1: number; primary: number } => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let hits = 0;
    scores.forEach((sc, i) => {
      const g = gold[i];
      const order = orders[i];
      if (!g || !order) return;
      const best = order[0] ?? fallback;
      const top = sc.set[best] ?? 0;
      let lift = -Infinity;
      for (let t = 0; t < sc.set.length; t++) lift = Math.max(lift, (sc.set[t] ?? 0) - (sc.base[t] ?? 0));
      let mask = 0;
      let first = best;
      if (lift < minimum) {
        mask = 1 << fallback;
        first = fallback;
      } else {
        mask = 1 << best;
        let count = 1;
        for (let k = 1; k < order.length && count < maxTopics; k++) {
          const t = order[k] ?? fallback;
          if (t === fallback) continue;
          const v = sc.set[t] ?? 0;
          if (v >= secondary && v >= ratio * top) {
            mask |= 1 << t;
            count++;
          }
        }
      }
      const both = mask & g.mask;
      const tpi = popcount(both);
      tp += tpi;
      fp += popcount(mask) - tpi;
      fn += popcount(g.mask) - tpi;
      if (first === g.primary) hits++;
    });
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    return { f1, primary: hits / Math.max(1, scores.length) };
  };
  let best: { th: DecisionThresholds; f1: number; primary: number } | undefined;
  for (const minimum of [0.01, ...range(0.05, 0.5, 0.05)]) {
    for (const secondary of range(0.05, 0.95, 0.05)) {
      for (const ratio of range(0, 0.8, 0.1)) {
        const th = { minimum, secondary, ratio, maxTopics, primaryBlend: 0, primacyWeight: 0 };
        const q = setOnly(minimum, secondary, ratio);
        if (!best || q.f1 > best.f1 + 1e-12 || (Math.abs(q.f1 - best.f1) <= 1e-12 && q.primary > best.primary + 1e-12)) {
          best = { th, ...q };
        }
      }
    }
  }
  if (!best) throw new Error('classifier-cv: empty threshold grid');
  const setThresholds = best.th;
  for (const primaryBlend of scores.some((s) => s.primary !== null) ? range(0, 1, 0.25) : [0]) {
    for (const primacyWeight of [0, 0.5, 1, 1.5, 2]) {
      const th: DecisionThresholds = { ...setThresholds, primaryBlend, primacyWeight };
      const q = quick(th);
      if (q.primary + q.f1 > best.primary + best.f1 + 1e-12) best = { th, ...q };
    }
  }
  return { thresholds: best.th, report: reportFor(examples, scores, best.th) };
}

export interface CrossValidation {
  readonly options: ClassifierOptions;
  readonly thresholds: DecisionThresholds;
  readonly report: TopicReport;
  /** With groups: the report on the folds that held each group out, else null. */
  readonly unseenGroups: TopicReport | null;
}

/**
 * k-fold cross-validation of one setting, repeated with differently dealt folds; the
 * thresholds are chosen on the out-of-fold scores of all repetitions together. With
 * `groups`, every repetition runs twice, with stratified folds and with each group
 * (writer batch) held out, so the thresholds suit both the corpus writers and new ones;
 * `report` covers both, `unseenGroups` the held-out groups alone.
 */
export function crossValidate(
  analyzerFor: AnalyzerFactory,
  examples: readonly TrainingExample[],
  options: ClassifierOptions,
  k = 5,
  repeats = 1,
  groups?: readonly number[],
): CrossValidation {
  const all: TrainingExample[] = [];
  const scores: TopicScores[] = [];
  const grouped: TopicScores[] = [];
  for (let r = 0; r < repeats; r++) {
    all.push(...examples);
    scores.push(...outOfFoldScores(analyzerFor, examples, options, k, r));
    if (groups) grouped.push(...outOfFoldScores(analyzerFor, examples, options, k, r, groups));
  }
  if (!groups) {
    const { thresholds, report } = chooseThresholds(all, scores);
    return { options, thresholds, report, unseenGroups: null };
  }
  const { thresholds, report } = chooseThresholds([...all, ...all], [...scores, ...grouped]);
  return { options, thresholds, report, unseenGroups: reportFor(all, grouped, thresholds) };
}
