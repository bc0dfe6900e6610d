// Folding Cast(float16 initializer → float32) on the bundled SSD ONNX (stored in half precision): the folded
// model computes the same outputs in onnxruntime, and int8 then finds every Conv weight as a static initializer.
import { promises as fs } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { bundledModelPath, findBundledModel } from '../../../../src-main/models/catalog';
import { decodeOnnx, onnxPb } from '../../../../src-main/formats/onnx/codec';
import { foldInitializerCasts, halfValues } from '../../../../src-main/transforms/quant/fold-casts';
import { DT } from '../../../../src-main/formats/onnx/dtypes';

const SSD = bundledModelPath(findBundledModel('ssd-mobilenet-v2-coco-onnx')!);

describe('foldInitializerCasts', () => {
  it('turns every fp16 weight Cast of the SSD into a float32 initializer with the same values', async () => {
    const bytes = await fs.readFile(SSD);
    const model = decodeOnnx(bytes, SSD);
    const g = model.graph!;
    const before = new Map((g.initializer ?? []).map((t) => [t.name ?? '', t]));
    const casts = (g.node ?? []).filter((n) => n.opType === 'Cast' && before.get(n.input![0]!)?.dataType === DT.FLOAT16);
    expect(casts.length).toBeGreaterThan(80);
    const sample = casts.find((n) => n.output![0]!.endsWith('W_oihw'))!;
    const srcValues = halfValues(before.get(sample.input![0]!)!, 32 * 3 * 3 * 3);

    expect(foldInitializerCasts(g, SSD)).toBe(casts.length);
    const after = new Map((g.initializer ?? []).map((t) => [t.name ?? '', t]));
    expect((g.node ?? []).some((n) => n.opType === 'Cast' && after.get(n.input![0]!)?.dataType === DT.FLOAT16)).toBe(false);
    expect([...after.values()].some((t) => t.dataType === DT.FLOAT16)).toBe(false); // the fp16 originals are dropped
    const conv = (g.node ?? []).filter((n) => n.opType === 'Conv');
    expect(conv.every((n) => after.get(n.input![1]!)?.dataType === DT.FLOAT)).toBe(true);
    const folded = after.get(sample.output![0]!)!;
    expect(Array.from(new Float32Array(folded.rawData!.slice().buffer))).toEqual(Array.from(srcValues));

    // Same outputs in onnxruntime, to the bit (folding is exact).
    const input = new Float32Array(300 * 300 * 3).map((_, i) => (i * 37) % 256);
    const name = (g.input ?? [])[0]!.name!;
    const dims = [1, 300, 300, 3];
    const run = async (buf: Uint8Array) => {
      const s = await ort.InferenceSession.create(buf);
      try {
        return await s.run({ [name]: new ort.Tensor('float32', input, dims) });
      } finally {
        await s.release();
      }
    };
    const a = await run(bytes);
    const b = await run(onnxPb.ModelProto.encode(model).finish());
    for (const k of Object.keys(a)) expect(Array.from(b[k]!.data as Float32Array)).toEqual(Array.from(a[k]!.data as Float32Array));
  });
});
