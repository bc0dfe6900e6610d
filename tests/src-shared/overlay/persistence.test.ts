import { describe, expect, it } from 'vitest';
import { persistBoxes } from '../../../src-shared/overlay/persistence';
import { det } from './helpers';

describe('persistBoxes', () => {
  const pts = [0, 100, 200, 300, 400];
  const frames = [[det(1, 0.2), det(undefined, 0.7)], [], [], [], [det(1, 0.3)]];
  it('holds a lost track for persistMs at its last place, then drops it', () => {
    const out = persistBoxes(frames, pts, 250);
    expect(out[0]!.map((h) => h.held)).toEqual([false, false]);
    expect(out[1]!).toHaveLength(1); // the untracked box is not held
    expect(out[1]![0]!.held).toBe(true);
    expect(out[1]![0]!.detection.box[0]).toBeCloseTo(0.1);
    expect(out[2]!).toHaveLength(1);
    expect(out[3]!).toHaveLength(0); // 300 ms > 250 ms
    expect(out[4]!.map((h) => h.held)).toEqual([false]);
  });
  it('holds nothing at persistMs 0', () => {
    expect(persistBoxes(frames, pts, 0)[1]).toEqual([]);
  });
});
