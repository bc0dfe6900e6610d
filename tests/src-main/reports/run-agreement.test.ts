// Key-frame choice and wording on hand-made frame diffs (pure logic).
import { describe, expect, it } from 'vitest';
import { describeDiff, worstFrames, type FrameDiff } from '../../../src-main/reports/run-agreement';
import { frameDisagreement, matchFrame, type FrameMatch } from '../../../src-shared/metrics/match';

function diff(frame: number, match: FrameMatch): FrameDiff {
  return { frame, match, baseline: [], variant: [], disagreement: frameDisagreement(match) };
}
const missed = (frame: number, n: number) => diff(frame, { pairs: [], missed: Array.from({ length: n }, (_, i) => i), extra: [] });

describe('worstFrames', () => {
  it('ranks by disagreement, skips identical frames, and spreads picks apart', () => {
    const diffs = [missed(0, 0), missed(1, 2), missed(2, 2), missed(3, 2), missed(10, 1), missed(20, 2), missed(21, 3)];
    expect(worstFrames(diffs, 3, 5).map((d) => d.frame)).toEqual([21, 1, 10]);
    expect(worstFrames(diffs, 3, 1).map((d) => d.frame)).toEqual([21, 1, 2]);
    expect(worstFrames([missed(0, 0)], 3)).toEqual([]);
  });
});

describe('describeDiff', () => {
  it('names missed, extra and the lowest IoU', () => {
    const m = matchFrame(
      [
        { box: [0, 0, 0.5, 0.5], score: 0.9, classId: 1 },
        { box: [0.6, 0.6, 0.9, 0.9], score: 0.9, classId: 2 },
      ],
      [
        { box: [0, 0, 0.5, 0.4], score: 0.8, classId: 1 },
        { box: [0.1, 0.6, 0.2, 0.7], score: 0.5, classId: 3 },
      ],
      0.5,
    );
    expect(describeDiff(diff(4, m))).toBe('1 missed, 1 extra, lowest IoU 0.80');
    expect(describeDiff(missed(1, 0))).toBe('identical');
  });
});
