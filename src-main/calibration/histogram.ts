// Streaming histogram of a tensor's values over a symmetric range [-R, R], `bins` equal bins (bins % 4 = 0).
// Memory is the one Float64Array of counts allocated at construction: when a batch exceeds R, R doubles as
// many times as needed and adjacent bin pairs are merged in place (exact — no re-binning approximation), so
// the footprint never depends on how many frames were seen. Exact min / max are tracked beside the counts.
// Hand-written: no npm histogram keeps a fixed footprint with exact power-of-two range growth.

export const DEFAULT_BINS = 2048;

export class StreamingHistogram {
  readonly bins: number;
  /** counts[i] covers [-R + i·w, -R + (i+1)·w), w = 2R / bins; the last bin includes R. */
  readonly counts: Float64Array;
  /** Half-width R of the range; 0 until the first non-zero value. */
  range = 0;
  min = Infinity;
  max = -Infinity;
  total = 0;
  /** Values exactly 0 (counted in their bin too): a ReLU's dead half, which the entropy search leaves out. */
  zeros = 0;
  /** Count arrays ever allocated by this histogram (stays 1: proof that memory does not grow). */
  allocations = 0;

  constructor(bins = DEFAULT_BINS) {
    if (!(bins >= 4 && bins % 4 === 0)) throw new RangeError(`histogram bins must be a positive multiple of 4, got ${bins}`);
    this.bins = bins;
    this.counts = new Float64Array(bins);
    this.allocations = 1;
  }

  get binWidth(): number {
    return (2 * this.range) / this.bins;
  }

  /** Adds every value of a batch. NaN values are ignored; ±Infinity throws (no finite range holds it). */
  add(values: ArrayLike<number>): void {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (lo === Infinity) return; // empty or all NaN
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError('tensor holds an infinite value; it cannot be calibrated');
    this.min = Math.min(this.min, lo);
    this.max = Math.max(this.max, hi);
    const need = Math.max(Math.abs(lo), Math.abs(hi));
    if (this.range === 0) this.range = need > 0 ? need : 0;
    while (need > this.range) this.double();
    const n = this.bins;
    const half = n / 2;
    if (this.range === 0) {
      // Every value so far is 0: keep them in the bin just above 0 until a range exists.
      this.counts[half] += values.length;
      this.total += values.length;
      this.zeros += values.length;
      return;
    }
    const inv = n / (2 * this.range);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== v) continue;
      if (v === 0) this.zeros++;
      let b = Math.floor((v + this.range) * inv);
      if (b >= n) b = n - 1;
      else if (b < 0) b = 0;
      this.counts[b]++;
      this.total++;
    }
  }

  /** R → 2R: new bin j (of the outer half-range) is old bins 2j − n/2 and 2j − n/2 + 1. In place. */
  private double(): void {
    const n = this.bins;
    const c = this.counts;
    const half = n / 2;
    const q = n / 4;
    // Upper half: new bins half..n-1 take old pairs from half.. upward; walk upward (reads ahead of writes).
    for (let j = half; j < half + q; j++) c[j] = c[2 * j - half] + c[2 * j - half + 1];
    for (let j = half + q; j < n; j++) c[j] = 0;
    // Lower half: new bins half-1 down to q take old pairs; walk downward.
    for (let j = half - 1; j >= q; j--) c[j] = c[2 * j - half] + c[2 * j - half + 1];
    for (let j = 0; j < q; j++) c[j] = 0;
    this.range *= 2;
  }

  /** Histogram of |x|: bins/2 bins over [0, R] (folds the two halves; exact because the range is symmetric). */
  absolute(): Float64Array {
    const half = this.bins / 2;
    const a = new Float64Array(half);
    for (let k = 0; k < half; k++) a[k] = this.counts[half + k] + this.counts[half - 1 - k];
    return a;
  }

  /** Value below which a fraction `p` (0..1) of the samples lie, linearly interpolated inside its bin. */
  quantile(p: number): number {
    if (this.total === 0) return 0;
    if (this.range === 0) return 0;
    const target = p * this.total;
    let acc = 0;
    const w = this.binWidth;
    for (let i = 0; i < this.bins; i++) {
      const c = this.counts[i];
      if (acc + c >= target && c > 0) {
        const v = -this.range + (i + (target - acc) / c) * w;
        return Math.min(this.max, Math.max(this.min, v));
      }
      acc += c;
    }
    return this.max;
  }
}
