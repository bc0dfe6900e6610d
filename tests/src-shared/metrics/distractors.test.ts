import { describe, it, expect } from 'vitest';
import { distractorMatches, type LabelRow } from '../../../src-shared/metrics/distractors';
import type { Box } from '../../../src-shared/formats/run';

const row = (box: Box, distractor = false): LabelRow => ({ box, distractor });

describe('distractor matching (TrackEval MOTChallenge preprocessing step 2)', () => {
  it('removes a prediction matched to a distractor row, keeps one matched to a scored row', () => {
    const rows = [row([0, 0, 0.2, 0.4]), row([0.5, 0.5, 0.7, 0.8], true)];
    expect(distractorMatches(rows, [[0, 0, 0.2, 0.4], [0.5, 0.5, 0.7, 0.8]])).toEqual([1]);
  });

  it('forbids pairs under IoU 0.5: a prediction overlapping a distractor by less stays (then a false positive)', () => {
    // IoU of [0,0,1,1] and [0,0,0.49,1] is 0.49.
    expect(distractorMatches([row([0, 0, 1, 1], true)], [[0, 0, 0.49, 1]])).toEqual([]);
    expect(distractorMatches([row([0, 0, 1, 1], true)], [[0, 0, 0.5, 1]])).toEqual([0]);
  });

  it('is a maximum-IoU-sum assignment (Hungarian), not greedy', () => {
    // P overlaps the pedestrian A (IoU 0.6) and the distractor D (IoU 0.7); Q overlaps D only (IoU 0.9).
    // Best total: P–A 0.6 + Q–D 0.9 = 1.5 > P–D 0.7 alone, so Q is removed and P kept (greedy by IoU would remove P).
    const A: Box = [0, 0, 1, 1];
    const D: Box = [0, 0, 0.7, 1];
    const P: Box = [0, 0, 0.6, 1]; // IoU(P, A) = 0.6, IoU(P, D) = 0.6/0.7 ≈ 0.857
    const Q: Box = [0, 0, 0.7, 0.9]; // IoU(Q, D) = 0.9, IoU(Q, A) = 0.63
    // Totals: P–A + Q–D = 0.6 + 0.9 = 1.5; P–D + Q–A = 0.857 + 0.63 = 1.487 → P–A, Q–D.
    expect(distractorMatches([row(A), row(D, true)], [P, Q])).toEqual([1]);
  });

  it('does nothing without distractor rows or predictions', () => {
    expect(distractorMatches([row([0, 0, 1, 1])], [[0, 0, 1, 1]])).toEqual([]);
    expect(distractorMatches([row([0, 0, 1, 1], true)], [])).toEqual([]);
  });
});
