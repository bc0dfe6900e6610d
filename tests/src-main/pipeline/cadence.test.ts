// DetectorClock: a detection started at t is delivered on the first frame at ≥ t + latency; the detector is busy
// in between; every-N and realtime cadences; stepClock is deterministic for a given latency.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DetectorClock, stepClock } from '../../../src-main/pipeline/cadence';

const FPS = 30;
const pts = (i: number) => (i * 1000) / FPS;

function simulate(mode: 'every' | 'realtime', every: number, latencyMs: number, frames: number) {
  const clock = new DetectorClock(mode === 'every' ? { mode, every } : { mode });
  return Array.from({ length: frames }, (_, i) => ({ i, ...stepClock(clock, i, pts(i), latencyMs) }));
}

describe('DetectorClock', () => {
  it('latency 0, every 3: starts and delivers on frames 0, 3, 6…', () => {
    const s = simulate('every', 3, 0, 10);
    expect(s.filter((f) => f.start).map((f) => f.i)).toEqual([0, 3, 6, 9]);
    expect(s.map((f) => f.deliveredFrom)).toEqual([0, null, null, 3, null, null, 6, null, null, 9]);
  });

  it('realtime, 120 ms at 30 fps: started at t, delivered at the first frame ≥ t + 120 ms (frame +4), restarted there', () => {
    const s = simulate('realtime', 1, 120, 13);
    expect(s.filter((f) => f.start).map((f) => f.i)).toEqual([0, 4, 8, 12]);
    expect(s.filter((f) => f.deliveredFrom !== null).map((f) => [f.i, f.deliveredFrom])).toEqual([
      [4, 0],
      [8, 4],
      [12, 8],
    ]);
  });

  it('every 2 with 100 ms latency: busy frames are skipped, the next start waits for a multiple of 2', () => {
    const s = simulate('every', 2, 100, 12);
    // start 0 → ready 100 ms → frame 3 (100 ms); free at 3, next multiple of 2 is 4 → ready 233 → frame 7; start 8.
    expect(s.filter((f) => f.start).map((f) => f.i)).toEqual([0, 4, 8]);
    expect(s.filter((f) => f.deliveredFrom !== null).map((f) => [f.i, f.deliveredFrom])).toEqual([
      [3, 0],
      [7, 4],
      [11, 8],
    ]);
  });

  it('property: every delivery is at ≥ start + latency, on the first such frame, one in flight at a time', () => {
    fc.assert(
      fc.property(fc.constantFrom<'every' | 'realtime'>('every', 'realtime'), fc.integer({ min: 1, max: 5 }), fc.double({ min: 0, max: 500, noNaN: true }), (mode, every, lat) => {
        const s = simulate(mode, every, lat, 60);
        let inflight: number | null = null;
        for (const f of s) {
          if (f.deliveredFrom !== null) {
            expect(f.deliveredFrom).toBe(inflight ?? f.i);
            expect(pts(f.i) + 1e-6).toBeGreaterThanOrEqual(pts(f.deliveredFrom) + lat);
            if (f.i > 0 && f.deliveredFrom !== f.i) expect(pts(f.i - 1)).toBeLessThan(pts(f.deliveredFrom) + lat);
            inflight = null;
          }
          if (f.start) {
            expect(inflight).toBeNull();
            if (f.deliveredFrom !== f.i) inflight = f.i;
          }
        }
      }),
      { numRuns: 200, seed: 7 },
    );
    const c = new DetectorClock({ mode: 'realtime' });
    c.start(0, 0, 50);
    expect(() => c.start(1, 33, 50)).toThrow(/busy/);
  });
});
