// SSD-MobileNetV2 (TF.js, with a while-loop of TensorArray ops that resizes each image): refused with the
// list of control-flow ops when auto cut is off; by default the graph starts after the loop, and only
// because the loop's output equals EdgeLab's own preprocess on real frames. Checked numerically.
import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { EdgeLabError } from '../../../../src-shared/protocol';
import { bundledModelPath, findBundledModel } from '../../../../src-main/models/catalog';
import { tfjsToOnnx } from '../../../../src-main/transforms/tfjs-to-onnx/convert';

const SSD = bundledModelPath(findBundledModel('ssd-mobilenet-v2-coco')!);
const CUT = 'Preprocessor/map/TensorArrayStack/TensorArrayGatherV3';

describe('SSD-MobileNetV2 TF.js → ONNX', () => {
  it('without auto cut: UNSUPPORTED listing the loop ops with counts, nothing written', async () => {
    const outDir = await fs.mkdtemp(join(tmpdir(), 'edgelab-ssd-onnx-'));
    const err = await tfjsToOnnx.apply({ source: SSD, outDir, settings: { autoCut: false } }, { progress: () => {} }).catch((e) => e);
    expect(err).toBeInstanceOf(EdgeLabError);
    expect(err.code).toBe('UNSUPPORTED');
    expect(err.message).toMatch(/cannot convert: Enter ×6, .*TensorArrayV3 ×2/);
    expect(err.message).toContain('settings.inputAt');
    expect(await fs.readdir(outDir)).toEqual([]);
  });

  it('by default starts after the resize loop (proven equal to EdgeLab preprocess) and matches TF.js', async () => {
    const outDir = await fs.mkdtemp(join(tmpdir(), 'edgelab-ssd-onnx-'));
    const out = await tfjsToOnnx.apply({ source: SSD, outDir, settings: {} }, { progress: () => {} });
    expect(out.settings?.inputAt).toEqual([CUT]);
    const moved = out.settings?.movedToPipeline as { ops: Record<string, number>; prefixMaxAbsDiff: number };
    expect(moved.ops).toMatchObject({ Enter: 6, TensorArrayV3: 2, ResizeBilinear: 1 });
    expect(moved.prefixMaxAbsDiff).toBe(0);
    const m = onnxProto.onnx.ModelProto.decode(await fs.readFile(out.mainFile));
    expect(m.graph!.input!.map((v) => v.name)).toEqual([CUT]);
    expect(m.graph!.input![0].type!.tensorType!.elemType).toBe(1); // float32: the loop output, not the int32 image
    const c = out.check!;
    expect(c.input).toContain("EdgeLab's preprocessed frame");
    expect(c.outputs['Postprocessor/Slice'].maxAbsError).toBeLessThan(1e-4);
    expect(c.outputs['Postprocessor/ExpandDims_1'].maxAbsError).toBeLessThan(1e-4);
    await fs.rm(outDir, { recursive: true, force: true });
  });
});
