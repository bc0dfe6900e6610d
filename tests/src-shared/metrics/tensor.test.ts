import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cosine, maxAbsError, snrDb, SNR_CAP_DB, TensorAgreement } from '../../../src-shared/metrics/tensor';

describe('snrDb', () => {
  it('is 10·log10(signal/noise) on a worked case', () => {
    // signal = 3² + 4² = 25, noise = 0.5² = 0.25 → 10·log10(100) = 20 dB
    expect(snrDb([3, 4], [3, 4.5])).toBeCloseTo(20, 12);
    // noise equal to signal → 0 dB
    expect(snrDb([1, -1], [0, 0])).toBeCloseTo(0, 12);
  });
  it('caps identical and zero-reference cases so the result stays JSON-safe', () => {
    expect(snrDb([1, 2, 3], [1, 2, 3])).toBe(SNR_CAP_DB);
    expect(snrDb([], [])).toBe(SNR_CAP_DB);
    expect(snrDb([0, 0], [0, 1])).toBe(-SNR_CAP_DB);
  });
  it('propagates NaN and refuses mismatched lengths', () => {
    expect(snrDb([1, NaN], [1, 2])).toBeNaN();
    expect(() => snrDb([1, 2], [1])).toThrow(/length/);
  });
  it('falls by 6.02 dB when the error doubles (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 50 }), fc.double({ min: 0.001, max: 1, noNaN: true }), (xs, e) => {
        fc.pre(xs.some((x) => Math.abs(x) > 1e-3));
        const a = snrDb(xs, xs.map((x, i) => x + (i % 2 ? e : -e)));
        const b = snrDb(xs, xs.map((x, i) => x + (i % 2 ? 2 * e : -2 * e)));
        expect(a - b).toBeCloseTo(20 * Math.log10(2), 6);
      }),
    );
  });
});

describe('cosine', () => {
  it('is 1 for parallel, -1 for opposite, 0 for orthogonal vectors', () => {
    expect(cosine([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(cosine([1, 2, 3], [-1, -2, -3])).toBeCloseTo(-1, 12);
    expect(cosine([1, 0], [0, 5])).toBe(0);
    expect(cosine([1, 1], [1, 0])).toBeCloseTo(Math.SQRT1_2, 12);
  });
  it('handles zero vectors and stays within [-1, 1]', () => {
    expect(cosine([0, 0], [0, 0])).toBe(1);
    expect(cosine([0, 0], [1, 0])).toBe(0);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.float({ min: -1e3, max: 1e3, noNaN: true }), fc.float({ min: -1e3, max: 1e3, noNaN: true })), { maxLength: 40 }), (pairs) => {
        const c = cosine(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
        expect(c).toBeGreaterThanOrEqual(-1);
        expect(c).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('maxAbsError', () => {
  it('is the largest absolute difference', () => {
    expect(maxAbsError([1, 2, 3], [1.5, 0, 3])).toBe(2);
    expect(maxAbsError(new Float32Array([0.25]), new Float32Array([-0.25]))).toBe(0.5);
    expect(maxAbsError([], [])).toBe(0);
  });
  it('reports NaN instead of hiding it', () => {
    expect(maxAbsError([1, 2], [NaN, 2])).toBeNaN();
    expect(maxAbsError([1, 2], [1, NaN])).toBeNaN();
  });
});

describe('TensorAgreement (streaming)', () => {
  it('over chunks equals the one-shot metrics of the concatenation', () => {
    const ref = Array.from({ length: 300 }, (_, i) => Math.sin(i * 0.1));
    const test = ref.map((x, i) => x + 0.01 * Math.cos(i * 1.7));
    const acc = new TensorAgreement();
    for (let i = 0; i < 300; i += 100) acc.add(ref.slice(i, i + 100), test.slice(i, i + 100));
    expect(acc.count).toBe(300);
    expect(acc.snrDb()).toBeCloseTo(snrDb(ref, test), 10);
    expect(acc.cosine()).toBeCloseTo(cosine(ref, test), 12);
    expect(acc.maxAbsError()).toBe(maxAbsError(ref, test));
  });
  it('remembers a NaN seen in an earlier chunk', () => {
    const acc = new TensorAgreement().add([NaN], [1]).add([5], [6]);
    expect(acc.maxAbsError()).toBeNaN();
    expect(acc.snrDb()).toBeNaN();
  });
});
