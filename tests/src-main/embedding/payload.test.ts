// Payload encodings: real bytes of float32 / float16 / int8(+scale) vectors, and how much each loses.
import { describe, expect, it } from 'vitest';
import { decodeInt8, encodeFloat16, encodeFloat32, encodeInt8 } from '../../../src-main/embedding/payload';
import { float16BitsToFloat32 } from '../../../src-main/formats/half';

function vector(n: number): Float32Array {
  // deterministic, mixed signs and magnitudes
  return Float32Array.from({ length: n }, (_, i) => Math.sin(i * 1.7) * (1 + (i % 7)) * 0.01);
}

describe('embedding payloads', () => {
  it('sizes for a 1280-d vector: 5120 B float32, 2560 B float16, 1284 B int8 (+4 B scale)', () => {
    const v = vector(1280);
    expect(encodeFloat32(v).length).toBe(5120);
    expect(encodeFloat16(v).length).toBe(2560);
    expect(encodeInt8(v).length).toBe(1284);
  });

  it('float32 is exact little-endian; float16 and int8 decode within their quantisation step', () => {
    const v = vector(300);
    const f32 = encodeFloat32(v);
    expect(new Float32Array(f32.buffer.slice(0))).toEqual(v);
    const f16 = new DataView(encodeFloat16(v).buffer);
    let max = 0;
    for (const x of v) max = Math.max(max, Math.abs(x));
    for (let i = 0; i < v.length; i++) {
      const back = float16BitsToFloat32(f16.getUint16(i * 2, true));
      expect(Math.abs(back - v[i])).toBeLessThanOrEqual(Math.abs(v[i]) * 2 ** -11 + 2 ** -24);
    }
    const q = decodeInt8(encodeInt8(v));
    const step = max / 127;
    for (let i = 0; i < v.length; i++) expect(Math.abs(q[i] - v[i])).toBeLessThanOrEqual(step / 2 + 1e-9);
    // the largest magnitude maps to ±127 exactly
    const bytes = encodeInt8(v);
    const qs = new Int8Array(bytes.buffer, 4);
    expect(Math.max(...Array.from(qs, Math.abs))).toBe(127);
  });

  it('an all-zero vector encodes to zeros with scale 1 (no division by zero)', () => {
    const q = decodeInt8(encodeInt8(new Float32Array(8)));
    expect(Array.from(q)).toEqual(new Array(8).fill(0));
  });
});
