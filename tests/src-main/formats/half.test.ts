import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { float16BitsToFloat32, float32ToFloat16Bits, encodeFloat16, decodeFloat16 } from '../../../src-main/formats/half';

const hex = (x: number) => '0x' + float32ToFloat16Bits(x).toString(16).toUpperCase().padStart(4, '0');

describe('float32 → float16', () => {
  it('known bit patterns', () => {
    expect(hex(1)).toBe('0x3C00');
    expect(hex(-2)).toBe('0xC000');
    expect(hex(0.5)).toBe('0x3800');
    expect(hex(65504)).toBe('0x7BFF'); // largest finite half
    expect(hex(1e6)).toBe('0x7C00'); // overflow → +Inf
    expect(hex(-1e6)).toBe('0xFC00');
    expect(hex(Infinity)).toBe('0x7C00');
    expect(hex(0)).toBe('0x0000');
    expect(hex(-0)).toBe('0x8000');
    expect(hex(2 ** -14)).toBe('0x0400'); // smallest normal
    expect(hex(2 ** -24)).toBe('0x0001'); // smallest subnormal
    expect(hex(1e-8)).toBe('0x0000'); // below half the smallest subnormal → 0
    expect(hex(6e-8)).toBe('0x0001'); // nearest is the smallest subnormal (5.96e-8)
    expect(hex(1e-5)).toBe('0x00A8'); // subnormal: 1e-5 / 2^-24 = 167.77 → 168
    expect(Number.isNaN(float16BitsToFloat32(float32ToFloat16Bits(NaN)))).toBe(true);
    expect(float32ToFloat16Bits(NaN) & 0x7c00).toBe(0x7c00);
  });

  it('rounds ties to even', () => {
    // 1 + 2^-11 lies halfway between 1 (0x3C00, even) and 1 + 2^-10 (0x3C01): goes to the even one.
    expect(hex(1 + 2 ** -11)).toBe('0x3C00');
    // 1 + 3·2^-11 lies halfway between 0x3C01 (odd) and 0x3C02 (even): goes up.
    expect(hex(1 + 3 * 2 ** -11)).toBe('0x3C02');
    // Just above the tie goes up.
    expect(hex(1 + 2 ** -11 + 2 ** -20)).toBe('0x3C01');
    // 65520 is the tie between 65504 (odd mantissa) and the next step (Inf): goes to Inf.
    expect(hex(65520)).toBe('0x7C00');
    expect(hex(65519)).toBe('0x7BFF');
    // Subnormal tie: 2^-25 is halfway between 0 (even) and 2^-24.
    expect(hex(2 ** -25)).toBe('0x0000');
    expect(hex(3 * 2 ** -25)).toBe('0x0002');
  });

  it('round-trips every finite half exactly', () => {
    const wrong: number[] = [];
    for (let h = 0; h < 0x10000; h++) {
      if ((h & 0x7c00) === 0x7c00) continue;
      if (float32ToFloat16Bits(float16BitsToFloat32(h)) !== h) wrong.push(h);
    }
    expect(wrong).toEqual([]);
  });

  it('property: the result is the nearest half, ties to even', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true, min: -65504, max: 65504 }), (x) => {
        const h = float32ToFloat16Bits(x);
        const d = float16BitsToFloat32(h);
        const err = Math.abs(x - d);
        // Neighbours in magnitude (same sign); none may be strictly closer, and a tie must pick even.
        for (const n of [h - 1, h + 1]) {
          if ((n & 0x7fff) === 0x7fff || (n & 0x8000) !== (h & 0x8000) || n < 0) continue;
          const dn = float16BitsToFloat32(n);
          if (!Number.isFinite(dn)) continue;
          const en = Math.abs(x - dn);
          if (en < err) return false;
          if (en === err && (h & 1) === 1) return false;
        }
        return Math.sign(d) === Math.sign(x) || d === 0;
      }),
      { numRuns: 20000, seed: 7 },
    );
  });

  it('encodes and decodes arrays', () => {
    const src = Float32Array.from([1, -0.333, 1e-5, 70000]);
    const back = decodeFloat16(encodeFloat16(src));
    expect(back[0]).toBe(1);
    expect(Math.abs(back[1] + 0.333)).toBeLessThan(2e-4);
    expect(back[3]).toBe(Infinity);
  });
});
