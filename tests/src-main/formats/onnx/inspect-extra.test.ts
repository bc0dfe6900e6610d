// inspect growth for ONNX: per-op parameter counts and quantization parameters, on BlazeFace (float) and its
// int8-weights variant (per-channel int8 + DequantizeLinear), both real.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { onnxReader } from '../../../../src-main/formats/onnx/reader';
import { int8WeightsOnnx } from '../../../../src-main/transforms/int8-weights-onnx';
import { bundledModelsDir } from '../../../../src-main/models/catalog';

const BLAZE = join(bundledModelsDir(), 'blazeface-front/face_detection_front_128x128.onnx');
let scratch: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-onnx-extra-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

describe('ONNX inspect: per-op parameters, weight tensors, quantization', () => {
  it('float BlazeFace: Conv holds most weights, no quantization', async () => {
    const r = await onnxReader.inspect(BLAZE);
    const perOp = Object.values(r.opParameters!).reduce((a, b) => a + b, 0);
    expect(perOp).toBeLessThanOrEqual(r.parameters);
    expect(r.opParameters!.Conv).toBeGreaterThan(0.8 * perOp);
    expect(Object.values(r.weightTensors!).reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
    expect(r.quantization).toEqual([]);
  });

  it('int8-weights BlazeFace: per-channel int8 scales on axis 0, parameters still counted for Conv', async () => {
    const outDir = join(scratch, 'w8');
    await fs.mkdir(outDir);
    const v = await int8WeightsOnnx.apply({ source: BLAZE, outDir, settings: {} }, { progress: () => {} });
    const r = await onnxReader.inspect(v.mainFile);
    const q = r.quantization!;
    expect(q.length).toBeGreaterThan(20);
    for (const p of q.filter((x) => x.role === 'weight')) {
      expect(p.dtype).toBe('int8');
      expect(p.zeroPoint!.every((z) => z === 0)).toBe(true);
      expect(p.scaleRange[0]).toBeGreaterThan(0);
      if (p.channels > 1) expect(p).toMatchObject({ scheme: 'per-channel', axis: 0 });
    }
    expect(r.weightDtypes.int8).toBeGreaterThan(0);
    expect(r.opParameters!.DequantizeLinear ?? 0).toBeLessThan(r.opParameters!.Conv);
  });
});
