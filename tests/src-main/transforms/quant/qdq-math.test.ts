// ONNX QuantizeLinear semantics: round half to even, saturation, zero exact, scale never 0, round trip ≤ scale/2.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  asymmetricUint8,
  dequantizeValue,
  quantizeBiasInt32,
  quantizePerChannelInt8,
  quantizeValue,
  roundHalfEven,
  symmetricInt8Scale,
} from '../../../../src-main/transforms/quant/qdq-math';

describe('roundHalfEven', () => {
  it('rounds ties to the even neighbour, everything else to the nearest', () => {
    expect([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5].map(roundHalfEven)).toEqual([0, 2, 2, 4, 0, -2, -2]);
    expect([0.49999, 0.50001, 2.4, 2.6, -2.6, -2.4].map(roundHalfEven)).toEqual([0, 1, 2, 3, -3, -2]);
  });
  it('quantizeValue uses it: 2.5·s → 2, 3.5·s → 4 (not Math.round’s 3, 4)', () => {
    expect(quantizeValue(2.5, 1, 0, 'int8')).toBe(2);
    expect(quantizeValue(3.5, 1, 0, 'int8')).toBe(4);
    expect(quantizeValue(-2.5, 1, 0, 'int8')).toBe(-2);
  });
});

describe('saturation', () => {
  it('clamps uint8 to [0, 255], int8 weights to [-127, 127]', () => {
    expect(quantizeValue(1e9, 0.1, 3, 'uint8')).toBe(255);
    expect(quantizeValue(-1e9, 0.1, 3, 'uint8')).toBe(0);
    expect(quantizeValue(1e9, 0.1, 0, 'int8')).toBe(127);
    expect(quantizeValue(-1e9, 0.1, 0, 'int8')).toBe(-127);
  });
  it('int32 bias saturates instead of wrapping', () => {
    const { q } = quantizeBiasInt32(Float32Array.of(1e30, -1e30), 1e-3, Float32Array.of(1e-3, 1e-3));
    expect([...q]).toEqual([2147483647, -2147483648]);
  });
});

describe('parameters', () => {
  it('uint8 asymmetric: range widened to contain 0, zero exactly representable', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.double({ min: 0, max: 1e4, noNaN: true }), (lo, width) => {
        const p = asymmetricUint8(lo, lo + width);
        expect(p.scale).toBeGreaterThan(0);
        expect(Number.isInteger(p.zeroPoint) && p.zeroPoint >= 0 && p.zeroPoint <= 255).toBe(true);
        expect(dequantizeValue(quantizeValue(0, p.scale, p.zeroPoint, 'uint8'), p.scale, p.zeroPoint) === 0).toBe(true);
      }),
    );
    expect(asymmetricUint8(0.5, 2).zeroPoint).toBe(0); // all-positive range starts at 0
    expect(asymmetricUint8(-2, -0.5).zeroPoint).toBe(255); // all-negative range ends at 0
  });
  it('scale is never 0: empty ranges and all-zero weights get scale 1', () => {
    expect(asymmetricUint8(0, 0)).toEqual({ scale: 1, zeroPoint: 0 });
    expect(symmetricInt8Scale(0)).toBe(1);
    expect(quantizePerChannelInt8(new Float32Array(6), [2, 3], 0).scales).toEqual(Float32Array.of(1, 1));
  });
  it('scales are float32 values (what the initializer stores)', () => {
    const p = asymmetricUint8(-1, 3);
    expect(Math.fround(p.scale)).toBe(p.scale);
  });
});

describe('round trip', () => {
  it('|dequantize(quantize(x)) − x| ≤ scale/2 inside the range (uint8 asymmetric)', () => {
    fc.assert(
      fc.property(fc.double({ min: -100, max: 0, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (lo, width, t) => {
        const hi = lo + width;
        const p = asymmetricUint8(lo, hi);
        const x = lo + t * width;
        const err = Math.abs(dequantizeValue(quantizeValue(x, p.scale, p.zeroPoint, 'uint8'), p.scale, p.zeroPoint) - x);
        expect(err).toBeLessThanOrEqual(p.scale / 2 + 1e-9 * Math.abs(x));
      }),
    );
  });
  it('per-channel int8 weights: error ≤ scale_c/2 for every element, one scale per output channel', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: -50, max: 50, noNaN: true }), { minLength: 12, maxLength: 12 }), (vals) => {
        const w = Float32Array.from(vals);
        for (const [dims, axis] of [[[3, 4], 0], [[3, 4], 1], [[2, 3, 2], 1]] as [number[], number][]) {
          const { q, scales } = quantizePerChannelInt8(w, dims, axis);
          expect(scales.length).toBe(dims[axis]);
          const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
          for (let i = 0; i < w.length; i++) {
            const c = Math.floor(i / inner) % dims[axis];
            expect(Math.abs(q[i] * scales[c] - w[i])).toBeLessThanOrEqual(scales[c] / 2 + 1e-6 * Math.abs(w[i]));
          }
        }
      }),
    );
  });
  it('per-channel axis picks the right channel: a channel of huge values does not coarsen the others', () => {
    // [2, 2] matrix: column 1 is 1000× larger. axis 1 → two scales; column 0 keeps its precision.
    const w = Float32Array.of(0.01, 10, 0.02, 20);
    const { q, scales } = quantizePerChannelInt8(w, [2, 2], 1);
    expect(scales[0]).toBeCloseTo(0.02 / 127, 9);
    expect(scales[1]).toBeCloseTo(20 / 127, 6);
    expect([...q]).toEqual([roundHalfEven(0.01 / scales[0]), roundHalfEven(10 / scales[1]), 127, 127]);
  });
  it('bias int32: scale = input scale × weight scale per channel, zero point 0', () => {
    const { q, scales } = quantizeBiasInt32(Float32Array.of(0.5, -0.25), 0.02, Float32Array.of(0.01, 0.05));
    expect(scales[0]).toBe(Math.fround(0.02 * 0.01));
    expect(scales[1]).toBe(Math.fround(0.02 * 0.05));
    expect([...q]).toEqual([roundHalfEven(0.5 / scales[0]), roundHalfEven(-0.25 / scales[1])]);
  });
});
