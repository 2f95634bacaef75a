/**
 * Statistical topic models over a note's features. Both are multi-label (one score per
 * topic, 0–1), deterministic and explainable (each feature's contribution to a topic can
 * be read off). Features arrive as small integer ids (the classifier interns the feature
 * names once per note), so the models keep plain arrays instead of string maps.
 *
 * - `NaiveBayesModel`: one-vs-rest multinomial naive Bayes over binary feature presence.
 *   Training is counting, so adding an example is exact and costs O(features).
 * - `LogisticModel`: one-vs-rest logistic regression trained with a fixed number of
 *   AdaGrad epochs in a fixed order, L2-regularised. Adding an example takes a few
 *   gradient steps on it; `fit()` retrains from scratch.
 *
 * The classifier chooses between them by cross-validation on the train split (see
 * classifier-cv.ts and the report of `npm run eval -- --cv`).
 */

export interface TopicModel {
  /** Short name used in the model version, e.g. `nb`. */
  readonly kind: string;
  /** Number of topics (output size). */
  readonly topics: number;
  /**
   * Adds a labelled example. `isDocument` false marks a seed (a cue term) that should
   * shape the word statistics but not the topic priors.
   */
  add(features: ArrayLike<number>, labels: readonly number[], weight: number, isDocument: boolean): void;
  /** Retrains a batch model from everything added so far (no-op for counting models). */
  fit(): void;
  /** Writes one score in [0, 1] per topic into `out`; unknown feature ids are ignored. */
  score(features: ArrayLike<number>, out: Float64Array): void;
  /** How much a present feature pushes the topic's score up (positive) or down. */
  contribution(feature: number, topic: number): number;
}

function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export interface NaiveBayesOptions {
  /** Additive (Lidstone) smoothing of feature counts. */
  readonly alpha?: number;
  /** Scales the summed log-likelihood ratio before the sigmoid (tames NB's overconfidence). */
  readonly scale?: number;
  /** Log-ratios smaller than this (in absolute value) are ignored when scoring (noise words). */
  readonly floor?: number;
}

/**
 * One-vs-rest multinomial naive Bayes: for topic t the log-odds are the prior log-odds
 * plus, for each present feature f, log P(f | t) − log P(f | not t), with P estimated
 * from (weighted) counts of notes that contain f:
 *
 *   log((c_t(f) + α) / (M_t + αV)) − log((c_¬t(f) + α) / (M_¬t + αV))
 *
 * The part that depends on the feature, log(c_t(f) + α) − log(c_¬t(f) + α), is kept
 * with the feature's counts and updated when they change; the part that depends on the
 * topic's mass is computed once per call. Scoring is then additions only.
 */
/** States of a feature's row in the naive Bayes table. */
const ABSENT = 0;
const STALE = 1;
const FRESH = 2;

export class NaiveBayesModel implements TopicModel {
  readonly kind = 'nb';
  readonly topics: number;
  readonly #alpha: number;
  readonly #scale: number;
  readonly #floor: number;
  /**
   * One row of `2T + 2` numbers per feature id, all in one growing array (tens of
   * thousands of small typed arrays cost more to allocate than the counting itself):
   * weighted count per topic (T), count in all notes (1), log-ratio per topic (T), and a
   * state (ABSENT, STALE, FRESH). Log-ratios are refreshed when read, so training is
   * counting only.
   */
  #table = new Float64Array(0);
  readonly #stride: number;
  /** Number of features seen (the vocabulary size V). */
  #vocabulary = 0;
  /** Weighted number of documents per topic, plus all at index `topics`. */
  readonly #docs: Float64Array;
  /** Summed feature counts per topic, plus all at index `topics`. */
  readonly #mass: Float64Array;
  /** Per-topic constant of the current state (prior and mass terms); null when stale. */
  #constant: Float64Array | null = null;
  /** The mass term alone (for contributions). */
  #massTerm: Float64Array | null = null;

  constructor(topics: number, options: NaiveBayesOptions = {}) {
    this.topics = topics;
    this.#stride = 2 * topics + 2;
    this.#alpha = options.alpha ?? 0.1;
    this.#scale = options.scale ?? 0.2;
    this.#floor = options.floor ?? 0;
    this.#docs = new Float64Array(topics + 1);
    this.#mass = new Float64Array(topics + 1);
  }

  add(features: ArrayLike<number>, labels: readonly number[], weight: number, isDocument: boolean): void {
    const T = this.topics;
    const S = this.#stride;
    for (let k = 0; k < features.length; k++) {
      const o = (features[k] ?? 0) * S;
      if (o + S > this.#table.length) this.#grow(o + S);
      const table = this.#table;
      if (table[o + 2 * T + 1] === ABSENT) this.#vocabulary++;
      for (const t of labels) table[o + t] = (table[o + t] ?? 0) + weight;
      table[o + T] = (table[o + T] ?? 0) + weight;
      table[o + 2 * T + 1] = STALE;
    }
    const mass = features.length * weight;
    for (const t of labels) this.#mass[t] = (this.#mass[t] ?? 0) + mass;
    this.#mass[T] = (this.#mass[T] ?? 0) + mass;
    if (isDocument) {
      for (const t of labels) this.#docs[t] = (this.#docs[t] ?? 0) + weight;
      this.#docs[T] = (this.#docs[T] ?? 0) + weight;
    }
    this.#constant = null;
    this.#massTerm = null;
  }

  fit(): void {}

  #grow(length: number): void {
    const grown = new Float64Array(Math.max(length, 2 * this.#table.length, 1024 * this.#stride));
    grown.set(this.#table);
    this.#table = grown;
  }

  /**
   * Where the row of a feature starts, with its log-ratios log(c_t + α) − log(c_¬t + α)
   * refreshed if stale; -1 for a feature never added.
   */
  #row(feature: number): number {
    const T = this.topics;
    const o = feature * this.#stride;
    const table = this.#table;
    if (feature < 0 || o >= table.length) return -1;
    const state = table[o + 2 * T + 1];
    if (state === ABSENT) return -1;
    if (state === STALE) {
      const a = this.#alpha;
      const all = table[o + T] ?? 0;
      for (let t = 0; t < T; t++) {
        const inT = table[o + t] ?? 0;
        table[o + T + 1 + t] = Math.log(inT + a) - Math.log(all - inT + a);
      }
      table[o + 2 * T + 1] = FRESH;
    }
    return o;
  }

  #massTerms(): Float64Array {
    if (this.#massTerm) return this.#massTerm;
    const T = this.topics;
    const av = this.#alpha * Math.max(1, this.#vocabulary);
    const massAll = this.#mass[T] ?? 0;
    const out = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      const massT = this.#mass[t] ?? 0;
      out[t] = Math.log(massAll - massT + av) - Math.log(massT + av);
    }
    this.#massTerm = out;
    return out;
  }

  #constants(): Float64Array {
    if (this.#constant) return this.#constant;
    const T = this.topics;
    const nAll = this.#docs[T] ?? 0;
    const out = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      const nT = this.#docs[t] ?? 0;
      out[t] = Math.log((nT + 0.5) / (nAll - nT + 0.5));
    }
    this.#constant = out;
    return out;
  }

  score(features: ArrayLike<number>, out: Float64Array): void {
    const T = this.topics;
    const prior = this.#constants();
    const massTerm = this.#massTerms();
    out.set(prior);
    for (let k = 0; k < features.length; k++) {
      const o = this.#row(features[k] ?? -1);
      if (o < 0) continue;
      const table = this.#table;
      for (let t = 0; t < T; t++) {
        const c = (table[o + T + 1 + t] ?? 0) + (massTerm[t] ?? 0);
        if (c >= this.#floor || c <= -this.#floor) out[t] = (out[t] ?? 0) + c;
      }
    }
    for (let t = 0; t < T; t++) out[t] = sigmoid(this.#scale * (out[t] ?? 0));
  }

  contribution(feature: number, topic: number): number {
    const o = this.#row(feature);
    if (o < 0) return 0;
    return (this.#table[o + this.topics + 1 + topic] ?? 0) + (this.#massTerms()[topic] ?? 0);
  }
}

export interface LogisticOptions {
  /** Passes over the data in `fit()`. */
  readonly epochs?: number;
  /** AdaGrad base learning rate. */
  readonly learningRate?: number;
  /** L2 penalty per update. */
  readonly l2?: number;
  /** Gradient steps on a newly added example (incremental learning). */
  readonly incrementalSteps?: number;
}

interface StoredExample {
  readonly x: Int32Array;
  readonly labels: readonly number[];
  readonly weight: number;
}

/** One-vs-rest logistic regression over binary features, trained by AdaGrad. */
export class LogisticModel implements TopicModel {
  readonly kind = 'lr';
  readonly topics: number;
  readonly #epochs: number;
  readonly #rate: number;
  readonly #l2: number;
  readonly #steps: number;
  readonly #examples: StoredExample[] = [];
  /** Weights, feature-major: w[f * topics + t]; bias per topic separately. */
  #w = new Float64Array(0);
  #g2 = new Float64Array(0);
  readonly #bias: Float64Array;
  readonly #biasG2: Float64Array;

  constructor(topics: number, options: LogisticOptions = {}) {
    this.topics = topics;
    this.#epochs = options.epochs ?? 20;
    this.#rate = options.learningRate ?? 0.3;
    this.#l2 = options.l2 ?? 1e-4;
    this.#steps = options.incrementalSteps ?? 3;
    this.#bias = new Float64Array(topics);
    this.#biasG2 = new Float64Array(topics);
  }

  /** Makes room for weights of features up to `id`. */
  #reserve(id: number): void {
    const need = (id + 1) * this.topics;
    if (need <= this.#w.length) return;
    const size = Math.max(need, this.#w.length * 2, 1024);
    const w = new Float64Array(size);
    w.set(this.#w);
    const g2 = new Float64Array(size);
    g2.set(this.#g2);
    this.#w = w;
    this.#g2 = g2;
  }

  add(features: ArrayLike<number>, labels: readonly number[], weight: number): void {
    const x = Int32Array.from(features);
    for (const f of x) this.#reserve(f);
    const example = { x, labels, weight };
    this.#examples.push(example);
    for (let s = 0; s < this.#steps; s++) this.#step(example);
  }

  #step(example: StoredExample): void {
    const T = this.topics;
    const w = this.#w;
    const g2 = this.#g2;
    const { x, labels, weight } = example;
    for (let t = 0; t < T; t++) {
      let z = this.#bias[t] ?? 0;
      for (const f of x) z += w[f * T + t] ?? 0;
      const y = labels.includes(t) ? 1 : 0;
      const g = (sigmoid(z) - y) * weight;
      const bg = (this.#biasG2[t] ?? 0) + g * g;
      this.#biasG2[t] = bg;
      this.#bias[t] = (this.#bias[t] ?? 0) - (this.#rate * g) / Math.sqrt(bg + 1e-8);
      for (const f of x) {
        const k = f * T + t;
        const wk = w[k] ?? 0;
        const gk = g + this.#l2 * wk;
        const acc = (g2[k] ?? 0) + gk * gk;
        g2[k] = acc;
        w[k] = wk - (this.#rate * gk) / Math.sqrt(acc + 1e-8);
      }
    }
  }

  fit(): void {
    this.#w.fill(0);
    this.#g2.fill(0);
    this.#bias.fill(0);
    this.#biasG2.fill(0);
    const n = this.#examples.length;
    const order = Array.from({ length: n }, (_, i) => i);
    let seed = 0x9e3779b9;
    for (let e = 0; e < this.#epochs; e++) {
      // Deterministic Fisher–Yates shuffle with a fixed xorshift seed.
      for (let i = n - 1; i > 0; i--) {
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        const j = (seed >>> 0) % (i + 1);
        const tmp = order[i] ?? 0;
        order[i] = order[j] ?? 0;
        order[j] = tmp;
      }
      for (const i of order) {
        const ex = this.#examples[i];
        if (ex) this.#step(ex);
      }
    }
  }

  score(features: ArrayLike<number>, out: Float64Array): void {
    const T = this.topics;
    const w = this.#w;
    for (let t = 0; t < T; t++) out[t] = this.#bias[t] ?? 0;
    for (let k = 0; k < features.length; k++) {
      const i = features[k] ?? -1;
      if (i < 0 || (i + 1) * T > w.length) continue;
      for (let t = 0; t < T; t++) out[t] = (out[t] ?? 0) + (w[i * T + t] ?? 0);
    }
    for (let t = 0; t < T; t++) out[t] = sigmoid(out[t] ?? 0);
  }

  contribution(feature: number, topic: number): number {
    return this.#w[feature * this.topics + topic] ?? 0;
  }
}
