/**
 * Statistical topic models over a note's features. All are multi-label (one score per
 * topic, 0–1), deterministic and explainable (each feature's contribution to a topic can
 * be read off). Features arrive as small integer ids (the classifier interns the feature
 * names once per note), so the models keep plain arrays instead of string maps.
 *
 * - `NaiveBayesModel`: one-vs-rest multinomial naive Bayes over binary feature presence.
 *   Training is counting, so adding an example is exact and costs O(features).
 * - `LogisticModel`: one-vs-rest logistic regression trained with a fixed number of
 *   AdaGrad epochs in a fixed order, L2-regularised. `fit()` retrains from scratch; an
 *   example added after it takes a few gradient steps at once.
 * - `BlendedModel`: the weighted mean of both (the default).
 *
 * The classifier's default was chosen by cross-validation on the train split (see
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
  /**
   * How much a present feature pushes the topic's score up (positive) or down, in
   * log-odds of the score.
   */
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
    return this.#scale * ((this.#table[o + this.topics + 1 + topic] ?? 0) + (this.#massTerms()[topic] ?? 0));
  }
}

export interface LogisticOptions {
  /** Passes over the data in `fit()`. */
  readonly epochs?: number;
  /** AdaGrad base learning rate. */
  readonly learningRate?: number;
  /** L2 penalty per update. */
  readonly l2?: number;
  /** Gradient steps on an example added after `fit()` (incremental learning). */
  readonly incrementalSteps?: number;
  /**
   * Weight of a seed (an example that is no document, such as a cue term) instead of
   * the weight it is added with; unset keeps that weight.
   */
  readonly seedWeight?: number;
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
  readonly #seedWeight: number | undefined;
  readonly #examples: StoredExample[] = [];
  /**
   * Weight and AdaGrad sum of squared gradients, interleaved and feature-major: the pair
   * of feature f and topic t at 2 (f · topics + t). Single precision and side by side, a
   * feature's row spans two cache lines instead of four; training is bound by memory.
   */
  #wg = new Float32Array(0);
  readonly #bias: Float64Array;
  readonly #biasG2: Float64Array;
  /** Per-topic gradient of the example in hand (scratch). */
  readonly #gradient: Float64Array;
  /** Examples added before the first `fit()` wait for it instead of taking steps. */
  #fitted = false;

  constructor(topics: number, options: LogisticOptions = {}) {
    this.topics = topics;
    this.#epochs = options.epochs ?? 20;
    this.#rate = options.learningRate ?? 0.3;
    this.#l2 = options.l2 ?? 1e-4;
    this.#steps = options.incrementalSteps ?? 3;
    this.#seedWeight = options.seedWeight;
    this.#bias = new Float64Array(topics);
    this.#biasG2 = new Float64Array(topics);
    this.#gradient = new Float64Array(topics);
  }

  /** Makes room for weights of features up to `id`. */
  #reserve(id: number): void {
    const need = 2 * (id + 1) * this.topics;
    if (need <= this.#wg.length) return;
    const grown = new Float32Array(Math.max(need, this.#wg.length * 2, 2048));
    grown.set(this.#wg);
    this.#wg = grown;
  }

  add(features: ArrayLike<number>, labels: readonly number[], weight: number, isDocument: boolean): void {
    const x = Int32Array.from(features);
    let last = -1;
    for (const f of x) last = Math.max(last, f);
    this.#reserve(last);
    const example = { x, labels, weight: isDocument ? weight : (this.#seedWeight ?? weight) };
    this.#examples.push(example);
    if (this.#fitted) for (let s = 0; s < this.#steps; s++) this.#step(example);
  }

  #step(example: StoredExample): void {
    const T = this.topics;
    const wg = this.#wg;
    const bias = this.#bias;
    const biasG2 = this.#biasG2;
    const rate = this.#rate;
    const l2 = this.#l2;
    const { x, labels, weight } = example;
    const g = this.#gradient;
    const n = x.length;
    for (let t = 0; t < T; t++) g[t] = bias[t]!;
    for (let k = 0; k < n; k++) {
      const o = 2 * x[k]! * T;
      for (let t = 0; t < T; t++) g[t] = g[t]! + wg[o + 2 * t]!;
    }
    for (let t = 0; t < T; t++) {
      const gt = (sigmoid(g[t]!) - (labels.includes(t) ? 1 : 0)) * weight;
      g[t] = gt;
      const bg = biasG2[t]! + gt * gt;
      biasG2[t] = bg;
      bias[t] = bias[t]! - (rate * gt) / Math.sqrt(bg + 1e-8);
    }
    for (let k = 0; k < n; k++) {
      const o = 2 * x[k]! * T;
      for (let t = 0; t < T; t++) {
        const i = o + 2 * t;
        const wk = wg[i]!;
        const gk = g[t]! + l2 * wk;
        const acc = wg[i + 1]! + gk * gk;
        wg[i + 1] = acc;
        wg[i] = wk - (rate * gk) / Math.sqrt(acc + 1e-8);
      }
    }
  }

  fit(): void {
    this.#fitted = true;
    this.#wg.fill(0);
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
    const wg = this.#wg;
    for (let t = 0; t < T; t++) out[t] = this.#bias[t] ?? 0;
    for (let k = 0; k < features.length; k++) {
      const i = features[k] ?? -1;
      if (i < 0 || 2 * (i + 1) * T > wg.length) continue;
      for (let t = 0; t < T; t++) out[t] = (out[t] ?? 0) + (wg[2 * (i * T + t)] ?? 0);
    }
    for (let t = 0; t < T; t++) out[t] = sigmoid(out[t] ?? 0);
  }

  contribution(feature: number, topic: number): number {
    if (feature < 0) return 0;
    return this.#wg[2 * (feature * this.topics + topic)] ?? 0;
  }
}

/**
 * Naive Bayes and logistic regression together: the score is the weighted mean of both
 * models' probabilities. The two err differently (naive Bayes trusts rare words, the
 * regression weighs correlated words jointly), so the mean beats either model alone in
 * cross-validation. A present feature's contribution is the weighted mean of both
 * models' log-odds contributions.
 */
export class BlendedModel implements TopicModel {
  readonly kind = 'nblr';
  readonly topics: number;
  readonly #nb: NaiveBayesModel;
  readonly #lr: LogisticModel;
  /** Weight of naive Bayes; the regression gets the rest. */
  readonly #weight: number;
  readonly #scratch: Float64Array;

  constructor(nb: NaiveBayesModel, lr: LogisticModel, nbWeight: number) {
    this.topics = nb.topics;
    this.#nb = nb;
    this.#lr = lr;
    this.#weight = nbWeight;
    this.#scratch = new Float64Array(nb.topics);
  }

  add(features: ArrayLike<number>, labels: readonly number[], weight: number, isDocument: boolean): void {
    this.#nb.add(features, labels, weight, isDocument);
    this.#lr.add(features, labels, weight, isDocument);
  }

  fit(): void {
    this.#nb.fit();
    this.#lr.fit();
  }

  score(features: ArrayLike<number>, out: Float64Array): void {
    const other = this.#scratch;
    this.#nb.score(features, out);
    this.#lr.score(features, other);
    const w = this.#weight;
    for (let t = 0; t < this.topics; t++) out[t] = w * (out[t] ?? 0) + (1 - w) * (other[t] ?? 0);
  }

  contribution(feature: number, topic: number): number {
    const w = this.#weight;
    return w * this.#nb.contribution(feature, topic) + (1 - w) * this.#lr.contribution(feature, topic);
  }
}
