import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deliveredSource } from '../../../src-shared/overlay/device-delay';

describe('deliveredSource', () => {
  it('shows each frame itself without latency', () => {
    expect(deliveredSource([0, 40, 80], 0)).toEqual([0, 1, 2]);
  });
  it('at 25 fps and 100 ms latency, frame i shows frame i−3 (nothing before 100 ms)', () => {
    const pts = Array.from({ length: 8 }, (_, i) => i * 40);
    expect(deliveredSource(pts, 100)).toEqual([null, null, null, 0, 1, 2, 3, 4]);
  });
  it('matches the brute-force definition for any non-decreasing times', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 40 }), fc.integer({ min: 1, max: 500 }), (steps, lat) => {
        const pts: number[] = [];
        let t = 0;
        for (const s of steps) pts.push((t += s));
        const got = deliveredSource(pts, lat);
        pts.forEach((ti, i) => {
          let want: number | null = null;
          for (let j = 0; j <= i; j++) if (pts[j]! + lat <= ti) want = j;
          expect(got[i]).toBe(want);
        });
      }),
    );
  });
});
