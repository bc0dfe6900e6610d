import { describe, expect, it } from 'vitest';
import { placeLabels } from '../../../src-renderer/lib/label-placement';

describe('placeLabels', () => {
  it('puts a lone label above its box', () => {
    expect(placeLabels([{ x: 100, y: 100, width: 50, height: 50 }], ['face 0.90'], 20, 480)).toEqual([{ x: 102, y: 96 }]);
  });
  it('moves a second label that would overprint the first below its own box', () => {
    const spots = placeLabels(
      [
        { x: 100, y: 100, width: 80, height: 60 },
        { x: 120, y: 102, width: 90, height: 70 },
      ],
      ['face 0.58', 'face 0.31'],
      20,
      480,
    );
    expect(spots[0]).toEqual({ x: 102, y: 96 });
    expect(spots[1]).toEqual({ x: 122, y: 102 + 70 + 20 });
  });
  it('keeps a label at the top edge inside the image', () => {
    const [s] = placeLabels([{ x: 0, y: 0, width: 50, height: 50 }], ['cup 0.50'], 20, 480);
    expect(s.y - 20).toBeGreaterThanOrEqual(0);
  });
});
