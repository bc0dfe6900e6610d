import { describe, it, expect } from 'vitest';
import { classAp, meanAp, COCO_IOUS, type ApBox } from '../../../src-shared/metrics/ap';
import type { Box } from '../../../src-shared/formats/run';

const b = (box: Box, score = 1, cls = 'cup'): ApBox => ({ box, score, cls });

describe('COCO AP', () => {
  it('uses the ten COCO IoU thresholds', () => {
    expect(COCO_IOUS.length).toBe(10);
    expect(COCO_IOUS[0]).toBe(0.5);
    expect(COCO_IOUS[9]).toBeCloseTo(0.95, 12);
  });

  it('is 1 when detections equal the ground truth', () => {
    const gt = [b([0.1, 0.1, 0.4, 0.4]), b([0.5, 0.5, 0.9, 0.9], 1, 'person')];
    const r = meanAp([{ gt, det: gt.map((g) => ({ ...g, score: 0.8 })) }]);
    expect(r.map50).toBe(1);
    expect(r.map).toBe(1);
    expect(r.perClass.map((c) => c.cls)).toEqual(['cup', 'person']);
  });

  it('interpolates precision at 101 recall points (hand-computed)', () => {
    // gt A, B; detections by score: A (tp), far box (fp), B (tp). Precision 1, 1/2, 2/3 at recall .5, .5, 1;
    // monotone envelope 1, 2/3, 2/3 → recall points 0..0.50 (51) read 1, 0.51..1 (50) read 2/3.
    const A: Box = [0, 0, 0.2, 0.2];
    const B: Box = [0.5, 0.5, 0.7, 0.7];
    const frames = [{ gt: [b(A), b(B)], det: [b(A, 0.9), b([0.8, 0.8, 0.9, 0.9], 0.8), b(B, 0.7)] }];
    expect(classAp(frames, 'cup', 0.5)).toBeCloseTo((51 + 50 * (2 / 3)) / 101, 12);
  });

  it('sorts detections across frames by score before accumulating', () => {
    // Frame 1 has a high-scoring false positive, frame 2 the true positive with a lower score: precision at
    // the only recall point (1.0) is 1/2.
    const g: Box = [0, 0, 0.5, 0.5];
    const frames = [
      { gt: [], det: [b([0.6, 0.6, 0.9, 0.9], 0.9)] },
      { gt: [b(g)], det: [b(g, 0.5)] },
    ];
    expect(classAp(frames, 'cup', 0.5)).toBeCloseTo(0.5, 12);
  });

  it('averages over IoU thresholds: a box of IoU 0.72 counts at .50–.70 only', () => {
    const r = meanAp([{ gt: [b([0, 0, 1, 1])], det: [b([0, 0, 0.72, 1])] }]);
    expect(r.map50).toBe(1);
    expect(r.map).toBeCloseTo(0.5, 12);
  });

  it('leaves classes without ground truth out of the mean, and a duplicate is a false positive', () => {
    const g: Box = [0.1, 0.1, 0.5, 0.5];
    const r = meanAp([{ gt: [b(g)], det: [b(g, 0.9), b(g, 0.8), b(g, 0.95, 'dog')] }]);
    expect(r.perClass.map((c) => c.cls)).toEqual(['cup']);
    // The duplicate comes after full recall: envelope stays 1 at every recall point.
    expect(r.map50).toBe(1);
    expect(classAp([{ gt: [], det: [b(g)] }], 'cup', 0.5)).toBeNull();
  });

  it('misses nothing and finds nothing → 1; finds something in an empty ground truth → 0', () => {
    expect(meanAp([{ gt: [], det: [] }]).map50).toBe(1);
    expect(meanAp([{ gt: [], det: [b([0, 0, 1, 1])] }]).map50).toBe(0);
  });
});
