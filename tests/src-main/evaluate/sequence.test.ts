import { describe, it, expect } from 'vitest';
import { ANY_CLASS, classAgnostic, durationMs, runSequence, truncate } from '../../../src-main/evaluate/sequence';
import { detectionScores } from '../../../src-main/evaluate/detection';
import { trackSteps, trackingScores } from '../../../src-main/evaluate/tracking';
import type { RunFile } from '../../../src-shared/formats/run';

describe('sequence', () => {
  it('reads every shown box of a run with its track id; untracked boxes get unique negative ids', () => {
    const run = {
      clip: { width: 640, height: 480 },
      frames: [
        { ptsMs: 0, detections: [{ box: [0, 0, 0.5, 0.5], score: 0.9, classId: 47, label: 'cup', source: 'detected', trackId: 3 }, { box: [0.5, 0.5, 1, 1], score: 0.4, classId: 1, label: 'person', source: 'detected' }] },
        { ptsMs: 40, detections: [{ box: [0, 0, 0.5, 0.5], score: 0.9, classId: 47, label: 'cup', source: 'propagated', trackId: 3 }, { box: [0.5, 0.5, 1, 1], score: 0.4, classId: 1, label: 'person', source: 'detected' }] },
      ],
    } as unknown as RunFile;
    const s = runSequence(run);
    expect(s.frames.map((f) => f.map((b) => [b.id, b.cls]))).toEqual([[[3, 'cup'], [-1, 'person']], [[3, 'cup'], [-2, 'person']]]);
    expect([s.width, s.height]).toEqual([640, 480]);
    expect(durationMs(s)).toBe(80);
    expect(truncate(s, 1).frames.length).toBe(1);
  });

  it('classAgnostic: every box takes one class, so a cup labelled "kite" matches (hand-computed)', () => {
    const box = [0.1, 0.1, 0.4, 0.4] as [number, number, number, number];
    const mk = (cls: string) => ({ frames: [[{ id: 1, box, score: 0.8, cls }], [{ id: 1, box, score: 0.8, cls }]], ptsMs: [0, 40], width: 100, height: 100 });
    const gt = mk('cup');
    const det = mk('kite');
    // class-aware: no same-class pair → AP 0, precision/recall 0, MOTA (0 − 2 FP − 0)/2 = −1
    const aware = detectionScores(gt, det);
    expect([aware.map50, aware.precision, aware.recall]).toEqual([0, 0, 0]);
    expect(trackingScores(trackSteps(gt, det)).mota).toBe(-1);
    const [g, d] = [classAgnostic(gt), classAgnostic(det)];
    expect(g.frames.flat().every((b) => b.cls === ANY_CLASS)).toBe(true);
    expect(gt.frames[0][0].cls).toBe('cup'); // the input is not changed
    const agn = detectionScores(g, d);
    expect([agn.map50, agn.map, agn.precision, agn.recall]).toEqual([1, 1, 1, 1]);
    expect(agn.perClass.map((c) => c.cls)).toEqual([ANY_CLASS]);
    expect(trackingScores(trackSteps(g, d)).mota).toBe(1);
  });
});
