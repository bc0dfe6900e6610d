import jpeg from 'jpeg-js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jpegSize } from '../../../src-main/media/jpeg-size';

function encode(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4).map((_, i) => (i * 31) % 256);
  return jpeg.encode({ data, width, height }, 70).data;
}

describe('jpegSize', () => {
  it('reads the size jpeg-js decodes, for any size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), (w, h) => {
        const bytes = encode(w, h);
        const d = jpeg.decode(bytes, { useTArray: true });
        expect(jpegSize(bytes)).toEqual({ width: d.width, height: d.height });
      }),
      { numRuns: 25, seed: 7 },
    );
  });

  it('gives null for what is not a JPEG or is cut before its frame header', () => {
    const bytes = encode(64, 48);
    expect(jpegSize(new TextEncoder().encode('not a jpeg'))).toBeNull();
    expect(jpegSize(bytes.subarray(0, 10))).toBeNull();
    expect(jpegSize(new Uint8Array(0))).toBeNull();
  });
});
