// The soak loop with 3 iterations (real engine, real onnxruntime and tfjs-wasm): after replays and conversions in a
// row, tfjs tensors and ORT sessions are back at their baseline. Not a timing test: speed is bench:soak's business.
import { describe, expect, it } from 'vitest';
import { soak } from '../../../src-main/perf/soak';
import { ortSessionsOpen } from '../../../src-main/runtimes/onnx-runtime';

describe('soak', () => {
  it('3 replays and 3 conversions: tensors and sessions return to baseline', async () => {
    const r = await soak({ iterations: 3, frames: 8 });
    expect(r.replays).toBe(3);
    expect(r.conversions).toBe(3);
    expect(r.perIteration).toHaveLength(3);
    expect(r.tfjsTensorsEnd).toBe(r.tfjsTensorsStart);
    for (const it of r.perIteration) expect(it.tfjsTensors).toBe(r.tfjsTensorsStart);
    expect(r.ortSessionsOpen).toBe(0);
    // Sessions were really opened during the loop (the counter is live), then all released.
    expect(r.ortSessionsCreated).toBeGreaterThanOrEqual(3);
    expect(ortSessionsOpen()).toBe(0);
    expect(r.rssPeakMb).toBeGreaterThanOrEqual(r.rssStartMb);
    // A loose bound (a leak of a model or a clip per iteration would pass it within a few rounds): 10 rounds grew
    // ~90 MB here, mostly the tfjs wasm heap reaching its high-water mark.
    expect(r.rssGrowthMb).toBeLessThan(300);
  }, 300_000);
});
