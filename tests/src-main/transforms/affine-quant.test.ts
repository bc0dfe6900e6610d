// Affine uint8/uint16 weight maths against the stock tfjs converter's definition (quantization.py) and the
// stock decoder (tfjs-core io decodeWeight): worked cases, zero exactly representable, ties to even, saturation.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { affineParams, dequantizeAffine, quantizeAffine, roundHalfEven } from '../../../src-main/transforms/affine-quant';
import { EdgeLabError } from '../../../src-shared/protocol';

describe('roundHalfEven', () => {
  it('rounds ties to the even neighbour, others to nearest', () => {
    expect([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.4999, 2.5001, -3.2].map(roundHalfEven)).toEqual([0, 2, 2, 4, -0, -2, -2, 2, 3, -3]);
  });
});

describe('quantizeAffine (uint8)', () => {
  it('reproduces the converter docstring example: [0, -0.1, 1.2] → [20, 0, 255]', () => {
    // tensorflowjs/write_weights.py `_quantize_entry` docstring: data [0, -0.1, 1.2] float32 →
    // [20, 0, 255], min -0.10196078817, scale 0.00509803940852.
    const q = quantizeAffine(new Float32Array([0, -0.1, 1.2]), 'uint8');
    expect(Array.from(q.values)).toEqual([20, 0, 255]);
    expect(q.scale).toBeCloseTo(0.00509803940852, 12);
    expect(q.min).toBeCloseTo(-0.10196078817, 9);
  });
  it('decodes zero exactly whenever the range spans it (property)', () => {
    fc.assert(
      fc.property(fc.float({ min: Math.fround(-100), max: Math.fround(-1e-3), noNaN: true }), fc.float({ min: Math.fround(1e-3), max: Math.fround(100), noNaN: true }), (lo, hi) => {
        const q = quantizeAffine(new Float32Array([lo, 0, hi]), 'uint8');
        expect(dequantizeAffine(q.values, q)[1]).toBe(0);
        // the stored code of 0 is the nudged zero point
        expect(q.values[1]).toBe(roundHalfEven(-lo / ((hi - lo) / 255)));
      }),
    );
  });
  it('keeps every value within half a step, saturating at the nudged ends', () => {
    const data = new Float32Array(1000).map((_, i) => Math.sin(i) * 3 - 0.7);
    const q = quantizeAffine(data, 'uint8');
    const back = dequantizeAffine(q.values, q);
    const p = affineParams(Math.min(...data), Math.max(...data), 'uint8');
    for (let i = 0; i < data.length; i++) {
      const clipped = Math.min(p.max, Math.max(p.min, data[i]));
      expect(Math.abs(back[i] - clipped)).toBeLessThanOrEqual(q.scale / 2 + 1e-6);
      // the nudge moves the range by at most half a step, so saturation costs at most that
      expect(Math.abs(back[i] - data[i])).toBeLessThanOrEqual(q.scale + 1e-6);
    }
    expect(Math.min(...q.values)).toBe(0);
    expect(Math.max(...q.values)).toBeGreaterThanOrEqual(254);
  });
  it('does not nudge an all-positive range: min stays the data minimum', () => {
    const q = quantizeAffine([1, 2, 3.55], 'uint8');
    expect(q.min).toBe(1);
    expect(q.scale).toBeCloseTo(2.55 / 255, 15);
    expect(Array.from(q.values)).toEqual([0, 100, 255]);
  });
  it('breaks rounding ties to even', () => {
    // range [0, 255] → scale 1; 1.5 → 2, 2.5 → 2, 3.5 → 4
    const q = quantizeAffine([0, 1.5, 2.5, 3.5, 255], 'uint8');
    expect(q.scale).toBe(1);
    expect(Array.from(q.values)).toEqual([0, 2, 2, 4, 255]);
  });
  it('stores a constant tensor as zeros with scale 1 and min = the constant', () => {
    const q = quantizeAffine([0.25, 0.25, 0.25], 'uint8');
    expect(q).toMatchObject({ scale: 1, min: 0.25 });
    expect(Array.from(dequantizeAffine(q.values, q))).toEqual([0.25, 0.25, 0.25]);
  });
  it('refuses non-finite weights, naming the weight and file', () => {
    const e = (() => {
      try {
        quantizeAffine([1, NaN], 'uint8', 'conv1/kernel', '/m/model.json');
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(EdgeLabError);
    expect((e as EdgeLabError).code).toBe('BAD_INPUT');
    expect((e as Error).message).toMatch(/conv1\/kernel.*non-finite/);
    expect((e as Error).message).toContain('/m/model.json');
  });
});

describe('quantizeAffine (uint16)', () => {
  it('uses 65535 steps and is 257× finer than uint8 on the same range', () => {
    const data = new Float32Array(4096).map((_, i) => Math.cos(i * 0.37) * 0.05);
    const q8 = quantizeAffine(data, 'uint8');
    const q16 = quantizeAffine(data, 'uint16');
    expect(q16.values).toBeInstanceOf(Uint16Array);
    expect(q8.scale / q16.scale).toBeCloseTo(65535 / 255, 6);
    const err = (q: typeof q8) => Math.max(...dequantizeAffine(q.values, q).map((v, i) => Math.abs(v - data[i])));
    expect(err(q16)).toBeLessThan(err(q8) / 100);
  });
});
