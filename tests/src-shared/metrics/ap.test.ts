import { describe, it, expect } from 'vitest';
import { classAp, meanAp, numpyLinspace, COCO_IOUS, COCO_RECALLS, type ApBox } from '../../../src-shared/metrics/ap';
import type { Box } from '../../../src-shared/formats/run';

const b = (box: Box, score = 1, cls = 'cup'): ApBox => ({ box, score, cls });

describe('COCO AP', () => {
  it("uses pycocotools' thresholds: the very doubles of np.linspace", () => {
    // Printed by numpy 2.4.6: np.linspace(.5, 0.95, 10) and np.linspace(0, 1, 101) (repr of each float).
    expect(COCO_IOUS).toEqual([0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95]);
    expect(COCO_RECALLS.length).toBe(101);
    expect(COCO_RECALLS[35]).toBe(0.35000000000000003);
    expect(COCO_RECALLS[57]).toBe(0.5700000000000001);
    expect(COCO_RECALLS[95]).toBe(0.9500000000000001);
    expect(COCO_RECALLS[100]).toBe(1);
    // numpy differs from k/100 at exactly these ten points (numpy: [k for k in range(101) if r[k] != k/100]).
    const off = COCO_RECALLS.map((r, k) => (r !== k / 100 ? k : -1)).filter((k) => k >= 0);
    expect(off).toEqual([35, 41, 47, 57, 69, 70, 82, 83, 94, 95]);
    expect(numpyLinspace(0, 1, 3)).toEqual([0, 0.5, 1]);
  });

  it('matches pycocotools where recall lands exactly on 0.35 (not on its recall point 0.35000000000000003)', () => {
    // 20 cups in a 5×4 grid (1000×1000 px frame, 100 px boxes); detections by score: 7 hits, 3 misses, 13 hits.
    // Recall after the 7th hit is 7/20 = 0.35 < COCO_RECALLS[35], so that point reads the precision after the misses
    // (likewise 14/20 at 0.7000000000000001 and 19/20 at 0.9500000000000001).
    // Reference: pycocotools 2.0 COCOeval (bbox, maxDets 100, area all) on the same boxes in pixels:
    // stats[0] = 0.9147653895824366, stats[1] = 0.9147653895824365 (/tmp script, not in the repo).
    const px = (x: number, y: number, w: number, h: number): Box => [x / 1000, y / 1000, (x + w) / 1000, (y + h) / 1000];
    const gt = Array.from({ length: 20 }, (_, k) => b(px((k % 5) * 200 + 10, Math.floor(k / 5) * 200 + 10, 100, 100)));
    const det: ApBox[] = [];
    let s = 1;
    for (let k = 0; k < 7; k++) det.push({ ...gt[k], score: (s -= 0.01) });
    for (let k = 0; k < 3; k++) det.push(b(px(k * 300 + 10, 900, 50, 50), (s -= 0.01)));
    for (let k = 7; k < 20; k++) det.push({ ...gt[k], score: (s -= 0.01) });
    // Summation order differs from numpy (pairwise mean over all thresholds): agreement to ~2e-15; k/100 recall points
    // would be off by ~4e-3.
    const r = meanAp([{ gt, det }]);
    expect(Math.abs(r.map50 - 0.9147653895824365)).toBeLessThan(1e-12);
    expect(Math.abs(r.map - 0.9147653895824366)).toBeLessThan(1e-12);
  });

  it('counts a box of IoU exactly 0.85 as a hit at the 0.85 threshold, as pycocotools does', () => {
    // Reference: pycocotools COCOeval, gt [0,0,1000,1000], detection [0,0,850,1000] px: stats[0] = 0.7999999999999999
    // (hit at 8 of the 10 thresholds), stats[1] = 0.9999999999999999 (pycocotools divides by tp + fp + 2.2e-16).
    const r = meanAp([{ gt: [b([0, 0, 1, 1])], det: [b([0, 0, 0.85, 1], 0.9)] }]);
    expect(Math.abs(r.map - 0.7999999999999999)).toBeLessThan(1e-15);
    expect(r.map50).toBe(1);
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
