/**
 * A seeded xorshift32 generator for tests that compare an implementation with its specification
 * on generated inputs: the same inputs every run, so a failure names an input that fails again.
 */
export function seededRandom(seed: number): () => number {
  let state = seed | 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}
