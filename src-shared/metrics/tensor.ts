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
 * Signal-to-noise ratio of `test` against `reference`, dB: 10·log10(Σ ref² / Σ (ref − test)²), clamped to
 * [-SNR_CAP_DB, SNR_CAP_DB]. Two empty or all-zero identical tensors give +SNR_CAP_DB. NaN anywhere → NaN.
 */
export function snrDb(reference: ArrayLike<number>, test: ArrayLike<number>): number {
  checkLengths(reference, test, 'snrDb');
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i];
    const d = r - test[i];
    signal += r * r;
    noise += d * d;
  }
  if (Number.isNaN(signal) || Number.isNaN(noise)) return NaN;
  if (noise === 0) return SNR_CAP_DB;
  if (signal === 0) return -SNR_CAP_DB;
  const db = 10 * Math.log10(signal / noise);
  return Math.max(-SNR_CAP_DB, Math.min(SNR_CAP_DB, db));
}

/**
 * Cosine similarity of two flattened tensors, in [-1, 1]. Both all-zero (or empty) → 1 (identical);
 * exactly one all-zero → 0 (no direction in common). NaN anywhere → NaN.
 */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkLengths(a, b, 'cosine');
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  if (Number.isNaN(dot) || Number.isNaN(na) || Number.isNaN(nb)) return NaN;
  if (na === 0 && nb === 0) return 1;
  if (na === 0 || nb === 0) return 0;
  // Rounding can push |dot| a hair past √(na·nb); clamp into the mathematical range.
  return Math.max(-1, Math.min(1, dot / (Math.sqrt(na) * Math.sqrt(nb))));
}

/** max_i |a_i − b_i|; 0 for empty tensors; NaN when any difference is NaN. */
export function maxAbsError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkLengths(a, b, 'maxAbsError');
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (Number.isNaN(d)) return NaN;
    if (d > m) m = d;
  }
  return m;
}
