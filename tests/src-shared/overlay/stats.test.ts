// Overlay numbers over a run: boxes and held boxes per frame, flicker (a track's box gone and back within 0.5 s),
// guide shown time; flicker per minute only for runs of 10 s or more.
import { describe, expect, it } from 'vitest';
import { overlayStats } from '../../../src-shared/overlay/stats';
import type { OverlayBox, OverlayFrame } from '../../../src-shared/overlay/types';

const box = (trackId: number, held = false): OverlayBox => ({ box: [0, 0, 0.1, 0.1], score: 0.9, classId: 0, label: 'x', source: 'detected', trackId, held, text: 'x' });
const frame = (i: number, boxes: OverlayBox[], guide = false, stepMs = 100): OverlayFrame => ({ index: i, ptsMs: i * stepMs, boxes, guide, sourceFrame: i });

describe('overlayStats', () => {
  it('counts boxes, held boxes, blinks and guide time', () => {
    const frames = [frame(0, [box(1)]), frame(1, []), frame(2, [box(1), box(2, true)]), frame(3, [], true), frame(4, [], true)];
    const s = overlayStats(frames);
    expect(s.boxesPerFrame).toBe(3 / 5);
    expect(s.heldPerFrame).toBe(1 / 5);
    expect(s.flickers).toBe(1); // track 1 gone on frame 1, back on frame 2
    expect(s.guideShownMs).toBe(200);
    expect(s.durationMs).toBe(500);
    expect(s.flickerPerMin).toBeNull();
  });
  it('a box back after more than 0.5 s is a new appearance, not a flicker; long runs give a rate', () => {
    const frames = Array.from({ length: 120 }, (_, i) => frame(i, i === 0 || i === 10 ? [box(1)] : [], false, 100));
    const s = overlayStats(frames);
    expect(s.flickers).toBe(0);
    const blinky = overlayStats(Array.from({ length: 120 }, (_, i) => frame(i, i % 2 === 0 ? [box(1)] : [], false, 100)));
    expect(blinky.flickers).toBe(59);
    expect(blinky.flickerPerMin).toBeCloseTo(59 / 0.2, 9);
  });
});
