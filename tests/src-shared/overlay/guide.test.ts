import { describe, expect, it } from 'vitest';
import { guideFrames } from '../../../src-shared/overlay/guide';

describe('guideFrames', () => {
  it('shows the guide once nothing was drawn for guideAfterMs, counted from the clip start', () => {
    const pts = [0, 500, 1000, 1500, 2000, 2500, 3000];
    const has = [false, false, true, false, false, false, false];
    expect(guideFrames(pts, has, 1000)).toEqual([false, false, false, false, true, true, true]);
    expect(guideFrames(pts, has, 0)).toEqual([true, true, false, true, true, true, true]);
  });
});
