// Advice of a conversion whose detections disagree with float32 (validation/detections.ts), on the bundled CenterNet
// ONNX, int8, 8 calibration frames of cup (real onnxruntime): its decoder reads one output written by a Concat of
// the box post-processing, which the int8 variant computes in float32. The warnings must not tell the user to
// --exclude that node — following that advice gave the same variant and the same advice — but point upstream, and
// give the advice once even when both warnings (scores collapsed, recall under 0.5) are raised.
import { describe, expect, it } from 'vitest';
import { floatComputeNodes } from '../../../src-shared/graph/float-compute';
import { readOnnxModelGraph } from '../../../src-main/formats/onnx/model-graph';
import { MIN_RECALL } from '../../../src-main/validation/detections';
import { useTempEngine } from './helpers';

const engine = useTempEngine();
const PRODUCER = 'tower_0/concat_1__Concat';

describe('convert warnings: the output producer already in float', () => {
  it('CenterNet int8: no --exclude of a float32 node; the advice names it as float32 and points upstream, once', async () => {
    const r = await engine().engine.convertModel({ model: 'centernet-mobilenet-v3-coco-onnx', to: 'int8', frames: 8 });
    expect(r.output).toMatch(/\.onnx$/);
    expect(floatComputeNodes(await readOnnxModelGraph(r.output!))).toContain(PRODUCER);
    const d = r.validation!.detection!;
    // 8 frames of cup: CenterNet's float32 scores sit at 0.30–0.32, int8 keeps none of its boxes (on CPUs with and
    // without VNNI: 0 of 8 with 8-bit and with 7-bit weights)
    expect(d.recall50).toBeLessThan(MIN_RECALL);
    expect(r.warnings?.length).toBeGreaterThan(0);
    const text = r.warnings!.join('\n');
    expect(text).not.toContain('--exclude');
    expect(text.split(`(${PRODUCER}) already compute in float32`)).toHaveLength(2);
    expect(text.split('edgelab layers shows where the SNR drops, and --target-snr <dB> keeps the most sensitive nodes in float')).toHaveLength(2);
  }, 300_000);
});
