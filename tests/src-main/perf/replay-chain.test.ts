// bench:replay's detector chain (perf/replay.ts detectorChain): busy = Σ model runs, wait = Σ idle gaps before each
// call since the detector was last free (or the replay started), critical path = busy + wait = end of the last run.
import { describe, expect, it } from 'vitest';
import { detectorChain } from '../../../src-main/perf/replay';
import type { ReplayTrace } from '../../../src-main/pipeline/replay';

const trace = (startMs: number, calls: [number, number][]): ReplayTrace => ({
  startMs,
  endMs: 1000,
  calls: calls.map(([s, e], i) => ({ frame: 3 * i, startMs: s, endMs: e, postEndMs: e + 1 })),
  waitMs: {},
  overlapped: true,
  graphFrames: true,
  modelThread: 'worker',
});

describe('detectorChain', () => {
  it('sums the runs and the idle gaps before them; the critical path ends with the last run', () => {
    const c = detectorChain(trace(100, [[110, 130], [130, 150], [170, 190]]));
    expect(c).toEqual({ detectorBusyMs: 60, detectorWaitMs: 10 + 0 + 20, criticalPathMs: 90 });
    expect(c.criticalPathMs).toBe(190 - 100);
  });

  it('no calls: nothing busy, nothing waited', () => {
    expect(detectorChain(trace(5, []))).toEqual({ detectorBusyMs: 0, detectorWaitMs: 0, criticalPathMs: 0 });
  });
});
