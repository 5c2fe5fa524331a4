// Small statistics helpers for the benchmark harness: percentiles, medians, spreads, and a
// least-squares fit that shows whether cost grows linearly. Pure functions, no I/O.
export { percentile } from './inputs.mjs';
import { percentile } from './inputs.mjs';

export const median = (values) => percentile(values, 50);

/** Rounds to `digits` decimals (figures in JSON stay readable). */
export const round = (value, digits = 3) => Number(value.toFixed(digits));

/** {min, median, max, runs} of per-round figures: the spread reported next to each figure. */
export function spread(values, digits = 3) {
  return { min: round(Math.min(...values), digits), median: round(median(values), digits), max: round(Math.max(...values), digits), runs: values.length };
}

/**
 * Fits time = a + b·size by least squares and log(time) = c + k·log(size).
 * `slope` is the cost per unit; `exponent` k ≈ 1 means linear growth (2 would be quadratic).
 */
export function fitGrowth(points) {
  const n = points.length;
  const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const line = (xs, ys) => {
    const mx = mean(xs);
    const my = mean(ys);
    let num = 0;
    let den = 0;
    xs.forEach((x, i) => {
      num += (x - mx) * (ys[i] - my);
      den += (x - mx) ** 2;
    });
    const slope = num / den;
    return { slope, intercept: my - slope * mx };
  };
  if (n < 2) throw new Error('fitGrowth needs at least two sizes');
  const linear = line(points.map((p) => p.size), points.map((p) => p.time));
  const logLog = line(points.map((p) => Math.log(p.size)), points.map((p) => Math.log(p.time)));
  return { slope: linear.slope, intercept: linear.intercept, exponent: logLog.slope };
}
