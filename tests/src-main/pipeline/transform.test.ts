import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Box } from '../../../src-shared/formats/run';
import { boxToFrame, boxToInput, inputTransform } from '../../../src-main/pipeline/transform';

describe('inputTransform', () => {
  it('letterbox of 640×480 into 300×300 pads top and bottom', () => {
    const t = inputTransform(640, 480, { width: 300, height: 300, resize: 'letterbox' });
    expect([t.contentWidth, t.contentHeight]).toEqual([300, 225]);
    expect(t.offsetX).toBe(0);
    expect(t.offsetY * 300).toBe(37);
    // the whole frame maps onto the content area
    expect(boxToInput([0, 0, 1, 1], t).map((v) => Math.round(v * 300 * 1e6) / 1e6)).toEqual([0, 37, 300, 262]);
  });

  it('stretch is the identity in normalised coordinates', () => {
    const t = inputTransform(640, 480, { width: 128, height: 128, resize: 'stretch' });
    expect(boxToInput([0.1, 0.2, 0.3, 0.4], t)).toEqual([0.1, 0.2, 0.3, 0.4]);
  });

  it('round trip: a box mapped to input space and back is unchanged (any frame/input size)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 4000 }), fc.integer({ min: 16, max: 4000 }),
        fc.integer({ min: 16, max: 1024 }), fc.integer({ min: 16, max: 1024 }),
        fc.constantFrom('letterbox' as const, 'stretch' as const),
        fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
        (fw, fh, iw, ih, resize, [a, b]) => {
          const t = inputTransform(fw, fh, { width: iw, height: ih, resize });
          const box: Box = [Math.min(a, b), Math.min(a, b) / 2, Math.max(a, b), 0.9];
          const back = boxToFrame(boxToInput(box, t), t);
          back.forEach((v, i) => expect(v).toBeCloseTo(box[i], 9));
        },
      ),
    );
  });
});
