// Tensor agreement metrics (pure): a test tensor (quantized variant, simulated run…) against a float32
// reference, both flattened row-major and of equal length. Shared by conversion validation, per-layer
// error ranking and mixed precision — the one copy of this maths in EdgeLab. Sums run in float64, so
// float32-ranged inputs (|x| ≤ 3.4e38, squares ≤ 1.2e77) neither overflow nor lose their subnormals.

/**
 * SNR cap in dB: an exact match (zero error energy) reports +SNR_CAP_DB, a zero reference with a
 * non-zero error reports -SNR_CAP_DB, so every value stays finite and JSON-safe (api.ts ValidationMetrics).
 */
export const SNR_CAP_DB = 999;

function checkLengths(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what}: tensors differ in length (${a.length} vs ${b.length})`);
}

/**
 * Streaming form of the three metrics: `add` pairs of (reference, test) chunks — e.g. one tensor over many
 * frames — and read the metrics of everything added as if it were one flattened tensor. Holds 6 numbers.
 */
export class TensorAgreement {
  private signal = 0; // Σ ref²
  private noise = 0; // Σ (ref − test)²
  private dot = 0; // Σ ref·test
  private testEnergy = 0; // Σ test²
  private maxAbs = 0;
  private nan = false;
  count = 0;

  add(reference: ArrayLike<number>, test: ArrayLike<number>): this {
    checkLengths(reference, test, 'TensorAgreement');
    for (let i = 0; i < reference.length; i++) {
      const r = reference[i];
      const t = test[i];
      const d = r - t;
      this.signal += r * r;
      this.noise += d * d;
      this.dot += r * t;
      this.testEnergy += t * t;
      const a = Math.abs(d);
      if (a > this.maxAbs) this.maxAbs = a;
      else if (a !== a) this.nan = true;
    }
    this.count += reference.length;
    return this;
  }

  /** See snrDb(). */
  snrDb(): number {
    if (this.nan || Number.isNaN(this.signal) || Number.isNaN(this.noise)) return NaN;
    if (this.noise === 0) return SNR_CAP_DB;
    if (this.signal === 0) return -SNR_CAP_DB;
    return Math.max(-SNR_CAP_DB, Math.min(SNR_CAP_DB, 10 * Math.log10(this.signal / this.noise)));
  }

  /** See cosine(). */
  cosine(): number {
    const { dot, signal: na, testEnergy: nb } = this;
    if (this.nan || Number.isNaN(dot) || Number.isNaN(na) || Number.isNaN(nb)) return NaN;
    if (na === 0 && nb === 0) return 1;
    if (na === 0 || nb === 0) return 0;
    // Rounding can push |dot| a hair past √(na·nb); clamp into the mathematical range.
    return Math.max(-1, Math.min(1, dot / (Math.sqrt(na) * Math.sqrt(nb))));
  }

  /** See maxAbsError(). */
  maxAbsError(): number {
    return this.nan ? NaN : this.maxAbs;
  }
}

/**
 * Signal-to-noise ratio of `test` against `reference`, dB: 10·log10(Σ ref² / Σ (ref − test)²), clamped to
 * [-SNR_CAP_DB, SNR_CAP_DB]. Two empty or all-zero identical tensors give +SNR_CAP_DB. NaN anywhere → NaN.
 */
export function snrDb(reference: ArrayLike<number>, test: ArrayLike<number>): number {
  checkLengths(reference, test, 'snrDb');
  return new TensorAgreement().add(reference, test).snrDb();
}

/**
 * Cosine similarity of two flattened tensors, in [-1, 1]. Both all-zero (or empty) → 1 (identical);
 * exactly one all-zero → 0 (no direction in common). NaN anywhere → NaN.
 */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkLengths(a, b, 'cosine');
  return new TensorAgreement().add(a, b).cosine();
}

/** max_i |a_i − b_i|; 0 for empty tensors; NaN when any difference is NaN. */
export function maxAbsError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkLengths(a, b, 'maxAbsError');
  return new TensorAgreement().add(a, b).maxAbsError();
}
