// TrackNode on real frames of cup.mp4: delivered detections become tracks with ids, frames between carry them
// propagated; a late delivery (found on frame 0, delivered on frame 3) uses the pyramid kept for frame 0.
import { describe, expect, it } from 'vitest';
import type { Detection } from '../../../../src-shared/formats/run';
import { TrackNode } from '../../../../src-main/pipeline/nodes/track';
import type { FrameState } from '../../../../src-main/pipeline/frame';
import type { Packet } from '../../../../src-main/pipeline/packet';
import { CUP, framesAt } from '../fixtures';

const det: Detection = { box: [0.3, 0.25, 0.6, 0.75], score: 0.8, classId: 47, label: 'cup', source: 'detected' };

async function packets(n: number): Promise<Packet<FrameState>[]> {
  const frames = await framesAt(CUP, Array.from({ length: n }, (_, i) => 40 + i));
  return frames.map((f, i) => ({
    frameIndex: i,
    timestampMs: f.ptsMs,
    payload: { frame: f, runDetector: false, timings: { decodeMs: 0, preprocessMs: 0, inferenceMs: 0, postprocessMs: 0 } },
  }));
}

describe('TrackNode', () => {
  it('turns a delivered detection into track 1 and carries it (propagated) on the next frames', async () => {
    const ps = await packets(4);
    ps[0].payload.runDetector = true;
    ps[0].payload.delivered = { fromFrame: 0, detections: [det] };
    const node = new TrackNode({ iouMatch: 0.3, confirmHits: 1, maxAgeMs: 1000, smoothing: 0, flowMaxSide: 320 });
    node.open();
    for (const p of ps) node.process(p);
    expect(ps[0].payload.detections).toMatchObject([{ trackId: 1, source: 'detected', confirmed: true, label: 'cup' }]);
    expect(ps[0].payload.tracks![0].event).toBe('confirmed');
    for (const p of ps.slice(1)) {
      expect(p.payload.detections).toHaveLength(1);
      expect(p.payload.detections![0]).toMatchObject({ trackId: 1, source: 'propagated' });
      expect(p.payload.timings.trackMs).toBeGreaterThan(0);
    }
    expect(node.tracks).toEqual([{ id: 1, classId: 47, label: 'cup', firstFrame: 0, lastFrame: 3, confirmedFrame: 0, hits: 1, frames: 4 }]);
    expect(node.delivered).toBe(1);
  });

  it('a late delivery is matched to the track after being carried from its source frame', async () => {
    const ps = await packets(5);
    ps[0].payload.runDetector = true;
    ps[0].payload.delivered = { fromFrame: 0, detections: [det] };
    ps[1].payload.runDetector = true; // detection started on frame 1 …
    ps[4].payload.delivered = { fromFrame: 1, detections: [det] }; // … delivered on frame 4
    const node = new TrackNode({ iouMatch: 0.3, confirmHits: 2, maxAgeMs: 1000, smoothing: 0, flowMaxSide: 320 });
    for (const p of ps) node.process(p);
    expect(ps[4].payload.detections).toMatchObject([{ trackId: 1, source: 'detected', confirmed: true }]);
    expect(ps[4].payload.tracks![0].event).toBe('confirmed');
  });

  it('a delivery whose source frame was never started is an internal error (no silent mismatch)', async () => {
    const ps = await packets(2);
    ps[1].payload.delivered = { fromFrame: 0, detections: [det] };
    const node = new TrackNode();
    node.process(ps[0]);
    expect(() => node.process(ps[1])).toThrow(/no pyramid/);
  });
});
