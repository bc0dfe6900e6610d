import { describe, expect, it } from 'vitest';
import { nms } from '../../../../src-main/pipeline/decoders/nms';

describe('nms', () => {
  const dets = [
    { box: [0, 0, 0.5, 0.5] as [number, number, number, number], score: 0.9, classId: 1 },
    { box: [0.02, 0.02, 0.52, 0.52] as [number, number, number, number], score: 0.8, classId: 1 }, // overlaps #0, same class
    { box: [0.02, 0.02, 0.52, 0.52] as [number, number, number, number], score: 0.7, classId: 2 }, // overlaps, other class
    { box: [0.6, 0.6, 0.9, 0.9] as [number, number, number, number], score: 0.6, classId: 1 },
  ];
  it('suppresses same-class overlaps only, best first', () => {
    expect(nms(dets, 0.5, 10).map((d) => d.score)).toEqual([0.9, 0.7, 0.6]);
  });
  it('keeps overlaps below the IoU threshold', () => {
    expect(nms(dets, 0.95, 10)).toHaveLength(4);
  });
  it('stops at maxDetections', () => {
    expect(nms(dets, 0.5, 2).map((d) => d.score)).toEqual([0.9, 0.7]);
  });
});
