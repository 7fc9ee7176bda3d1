/**
 * Sample quantile with linear interpolation between order statistics (Hyndman & Fan type 7, the
 * default of R and NumPy), so the median of an even-sized list is the mean of its middle two.
 * NaN for an empty list.
 */
export function quantile(values: readonly number[], probability: number): number {
  if (values.length === 0) return NaN;
  if (!(probability >= 0 && probability <= 1)) throw new RangeError(`quantile probability must be in [0, 1], got ${probability}`);
  const sorted = [...values].sort((p, q) => p - q);
  const position = (sorted.length - 1) * probability;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower]!;
  return low + (sorted[upper]! - low) * (position - lower);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}
