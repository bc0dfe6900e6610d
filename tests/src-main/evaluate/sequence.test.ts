import { describe, it, expect } from 'vitest';
import { durationMs, runSequence, truncate } from '../../../src-main/evaluate/sequence';
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
});
