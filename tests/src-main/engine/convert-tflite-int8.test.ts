// The real SSD as full-integer int8 .tflite through the engine's convertModel: the bundled SSD ONNX converted to a
// float32 .tflite (the 'tflite' transform), then `--to int8` calibrated on cup, validated against the float32 file on
// real frames (LiteRT.js both sides); size ≤ 0.3× the float32 file; the written file's convs are int8.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTfliteModel } from '../../../src-main/formats/tflite/read-model';
import { useTempEngine } from './helpers';

const engine = useTempEngine();

describe('convertModel: SSD .tflite → int8 .tflite', () => {
  it('is ≤ 0.3× the float32 file, int8 inside, float32 I/O, and keeps the float32 detections on real frames', async () => {
    const float32 = join(engine().dir, 'ssd.tflite');
    await engine().engine.convertModel({ model: 'ssd-mobilenet-v2-coco-onnx', to: 'tflite', out: float32 });
    const out = join(engine().dir, 'ssd-int8.tflite');
    const r = await engine().engine.convertModel({ model: float32, to: 'int8', frames: 16, out });
    const ratio = r.sizeBytes / r.sourceSizeBytes;
    const v = r.validation!;
    console.log(
      `SSD int8 .tflite: size ${ratio.toFixed(4)}× float32; ${v.frames} frames: ` +
        v.perOutput!.map((o) => `${o.name} SNR ${o.snrDb} dB cosine ${o.cosine.toFixed(5)}`).join('; ') +
        `; detections recall50 ${v.detection?.recall50} precision50 ${v.detection?.precision50}; kept float: ${r.keptFloat.map((k) => k.name).join(', ')}`,
    );
    expect(r.output).toBe(out);
    expect(r.variant.format).toBe('tflite');
    expect(ratio).toBeLessThanOrEqual(0.3);
    expect(v.frames).toBe(16);
    // boxes (ExpandDims_1) agree closely; scores pass LOGISTIC's fixed 1/256 output step, detections must survive
    expect(v.perOutput!.find((o) => o.name === 'Postprocessor/ExpandDims_1')!.cosine).toBeGreaterThanOrEqual(0.99);
    expect(v.detection!.referenceBoxes).toBeGreaterThan(10);
    expect(v.detection!.recall50).toBeGreaterThanOrEqual(0.8);
    // the box decoding and score packing after the heads stay float (post-processing), EXP has no int8 rule anyway
    expect(r.keptFloat.map((k) => k.name).sort()).toEqual(['Postprocessor/Decode/Exp', 'Postprocessor/Decode/Exp_1', 'post-processing']);
    const m = readTfliteModel(new Uint8Array(await fs.readFile(out)), out);
    const convs = m.operators.filter((o) => o.op === 'CONV_2D' || o.op === 'DEPTHWISE_CONV_2D');
    expect(convs.length).toBe(88);
    for (const c of convs) expect(c.inputs.map((i) => m.tensors[i].type)).toEqual(['int8', 'int8', 'int32']);
    expect([...m.inputs, ...m.outputs].every((i) => m.tensors[i].type === 'float32')).toBe(true);
  }, 300_000);
});
