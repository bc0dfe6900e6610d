// Interleaved latency on the bundled BlazeFace (real onnxruntime, 1 thread): one median per model in the order
// given, the first model's ratio to itself is exactly 1, a positive ratio for the others.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { interleavedLatency } from '../../../src-main/runtimes/interleaved-latency';
import { bundledModelsDir } from '../../../src-main/models/catalog';

const BLAZE = join(bundledModelsDir(), 'blazeface-front/face_detection_front_128x128.onnx');

describe('interleavedLatency', () => {
  it('times every model in interleaved rounds and gives its ratio to the first', async () => {
    const feed = { dtype: 'float32' as const, shape: [1, 128, 128, 3], data: new Float32Array(128 * 128 * 3).fill(0.25) };
    const r = await interleavedLatency([BLAZE, BLAZE], 'input:0', feed, 15, 2, 1);
    expect(r.medianMs).toHaveLength(2);
    for (const ms of r.medianMs) expect(ms).toBeGreaterThan(0);
    expect(r.ratioToFirst[0]).toBe(1);
    // a ratio per model (its value is the machine's: on a loaded 2-core machine the same model timed against
    // itself was measured anywhere from 0.1× to 3×, so no bound on it is asserted here)
    expect(Number.isFinite(r.ratioToFirst[1]) && r.ratioToFirst[1] > 0).toBe(true);
  });
});
