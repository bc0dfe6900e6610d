// bench:load in small (3 replays of 2 frames, engine bound 1, inline engine, real HTTP on 127.0.0.1): every call
// succeeds, the queue held the others (queuedMax 2, positive waits reported), and after the burst the engine holds
// no ORT session and no tfjs tensor. Not a timing test: speed and memory figures are the bench's business.
import { describe, expect, it } from 'vitest';
import { load } from '../../../src-main/perf/load';

describe('bench:load', () => {
  it('3 concurrent replays through the server with maxJobs 1', async () => {
    const r = await load({ jobs: 3, frames: 2, model: 'blazeface-front', clip: 'cup', maxJobs: 1, engine: 'inline' });
    expect(r).toMatchObject({ jobs: 3, failed: 0, maxJobs: 1, queuedMax: 2, engineJobs: { limit: 1, running: 0, waiting: 0, queuedMax: 2, started: 4 } });
    expect(r.engineMemory).toMatchObject({ ortSessionsOpen: 0, tfjsTensors: 0 });
    for (const k of ['peakRssMb', 'rssAfterMb', 'p95QueueWaitMs', 'maxQueueWaitMs']) expect(typeof r[k]).toBe('number');
    expect(r.maxQueueWaitMs as number).toBeGreaterThan(0);
    expect(typeof r.cpu).toBe('string');
  }, 180_000);
});
