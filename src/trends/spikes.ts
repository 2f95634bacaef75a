/**
 * Spike test for counts per window: is this window's count improbably high given the
 * trailing windows? The trailing mean is taken as the expected rate of a Poisson
 * process; a window is a spike when the chance of seeing at least its count by
 * coincidence is below `alpha` and the count reaches `minCount`.
 */

export interface SpikeOptions {
  /** Significance level of the upper-tail test. */
  alpha: number;
  /** Counts below this are never spikes, however quiet the baseline was. */
  minCount: number;
  /** Floor for the expected rate, so that a baseline of zeros does not make every call a spike. */
  minExpected: number;
}

export const DEFAULT_SPIKE_OPTIONS: SpikeOptions = { alpha: 0.01, minCount: 5, minExpected: 1 };

/** P(X ≥ k) for X ~ Poisson(lambda), computed stably by summing the lower tail in log space. */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  // P(X ≤ k−1) = Σ_{i<k} e^{−λ} λ^i / i!
  let logTerm = -lambda; // log P(X = 0)
  let lower = Math.exp(logTerm);
  for (let i = 1; i < k; i++) {
    logTerm += Math.log(lambda) - Math.log(i);
    lower += Math.exp(logTerm);
  }
  return Math.max(0, Math.min(1, 1 - lower));
}

export interface SpikeVerdict {
  spike: boolean;
  /** The count the trailing windows lead one to expect for this window. */
  expected: number;
  pValue: number;
}

interface Baseline {
  expected: number;
  /** Variance over mean of the trailing windows around their trend; 1 for pure Poisson noise. */
  dispersion: number;
}

/** Least-squares line through the trailing windows, extrapolated one step, with residual dispersion. */
function baselineOf(trailing: readonly number[]): Baseline {
  const n = trailing.length;
  if (n === 0) return { expected: 0, dispersion: 1 };
  const mean = trailing.reduce((a, b) => a + b, 0) / n;
  if (n < 3) return { expected: mean, dispersion: 1 };
  const xMean = (n - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  trailing.forEach((y, x) => {
    sxy += (x - xMean) * (y - mean);
    sxx += (x - xMean) ** 2;
  });
  const slope = sxy / sxx;
  const predicted = mean + slope * (n - xMean);
  let residualSquares = 0;
  trailing.forEach((y, x) => {
    residualSquares += (y - (mean + slope * (x - xMean))) ** 2;
  });
  const residualVariance = residualSquares / (n - 2);
  const dispersion = mean > 0 ? Math.max(1, residualVariance / mean) : 1;
  // A rising trend raises the expectation; a falling one does not lower it below the mean.
  return { expected: Math.max(mean, predicted), dispersion };
}

/**
 * Tests `current` against the trailing windows, oldest first. The expectation follows
 * their trend, and their own scatter widens the test (quasi-Poisson), so a slow rise or
 * a naturally noisy series is not flagged.
 */
export function testSpike(
  current: number,
  trailing: readonly number[],
  options: SpikeOptions = DEFAULT_SPIKE_OPTIONS,
): SpikeVerdict {
  const baseline = baselineOf(trailing);
  const expected = Math.max(baseline.expected, options.minExpected);
  const pValue = poissonUpperTail(
    Math.round(current / baseline.dispersion),
    expected / baseline.dispersion,
  );
  return { spike: current >= options.minCount && pValue < options.alpha, expected, pValue };
}

/** Relative change from `previous` to `current`; null when there is no previous count to compare. */
export function relativeChange(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return (current - previous) / previous;
}
