/**
 * How an input's cost grows with its size, for tests that a reader is linear. A ratio of times, not
 * a wall-clock bound: the machine's speed and load cancel out.
 */

const SAMPLES = 5;
/** Each sample repeats the call until this much time has passed: a fast call is timed over many. */
const SAMPLE_MS = 20;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Median time of one call, over SAMPLES samples. */
function perCall(run: () => unknown): number {
  const samples: number[] = [];
  for (let k = 0; k < SAMPLES; k++) {
    const start = performance.now();
    let calls = 0;
    let elapsed = 0;
    do {
      run();
      calls++;
      elapsed = performance.now() - start;
    } while (elapsed < SAMPLE_MS);
    samples.push(elapsed / calls);
  }
  return median(samples);
}

/** A linear reader's ratio stays under this many times the factor (asserted by the tests). */
const LINEAR_BOUND = 3;
/**
 * Measured again when over the bound: a burst of load (the suite's other workers, a GC) during one
 * measurement can double a ratio, never make a quadratic reader's factor² look linear.
 */
const ATTEMPTS = 3;

/**
 * Time of `read` on `input(size * factor)` over its time on `input(size)`: about `factor` when the
 * reader is linear, `factor`² when it is quadratic (the lowest of up to ATTEMPTS measurements).
 * Assert it below 3 × factor.
 */
export function growth<T>(input: (size: number) => T, read: (input: T) => unknown, size: number, factor = 10): number {
  const small = input(size);
  const large = input(size * factor);
  // Warm both paths (compilation, caches) before timing.
  read(small);
  read(large);
  let lowest = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < ATTEMPTS && lowest >= LINEAR_BOUND * factor; attempt++) {
    lowest = Math.min(lowest, perCall(() => read(large)) / perCall(() => read(small)));
  }
  return lowest;
}
