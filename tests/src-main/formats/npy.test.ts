// The .npy v1.0 writer: header layout (magic, version, 64-byte alignment, dict literal) and data, read back by a
// small independent reader (the one the predict tests use).
import { describe, expect, it } from 'vitest';
import { encodeNpy } from '../../../src-main/formats/npy';
import { readNpy } from './npy-reader';

describe('npy writer', () => {
  it('writes a v1.0 header aligned to 64 bytes and the data little-endian', () => {
    const b = encodeNpy(new Float32Array([1.5, -2, 3, 4, 5, 6]), [1, 2, 3]);
    expect(Array.from(b.subarray(0, 8))).toEqual([0x93, 78, 85, 77, 80, 89, 1, 0]);
    const hl = b[8] | (b[9] << 8);
    expect((10 + hl) % 64).toBe(0);
    const header = new TextDecoder().decode(b.subarray(10, 10 + hl));
    expect(header).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(1, 2, 3\), \} *\n$/);
    const r = readNpy(b);
    expect(r.shape).toEqual([1, 2, 3]);
    expect(Array.from(r.data)).toEqual([1.5, -2, 3, 4, 5, 6]);
  });
  it('every dtype predict writes, and 1-d shapes as (n,)', () => {
    for (const a of [new Int8Array([-128, 0, 127]), new Uint8Array([0, 9, 255]), new Int16Array([-300, 0, 300]), new Int32Array([-7, 0, 7])]) {
      const r = readNpy(encodeNpy(a, [3]));
      expect(r.shape).toEqual([3]);
      expect(r.data.constructor).toBe(a.constructor);
      expect(Array.from(r.data)).toEqual(Array.from(a));
    }
    expect(new TextDecoder().decode(encodeNpy(new Int8Array(3), [3]).subarray(10, 80))).toContain("'shape': (3,)");
    expect(() => encodeNpy(new Float32Array(5), [2, 2])).toThrow(/holds 4 values/);
  });
});
