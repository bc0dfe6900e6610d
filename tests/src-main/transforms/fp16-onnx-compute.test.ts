// fp16 compute (allow-listed ops in float16, Casts at the boundaries): a small graph whose every boundary
// kind is checked exactly, and the real BlazeFace against float32 on a real frame, in stock onnxruntime.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import { fp16Onnx } from '../../../src-main/transforms/fp16-onnx';
import { onnxReader } from '../../../src-main/formats/onnx/reader';
import { bundledModelsDir, samplesDir } from '../../../src-main/models/catalog';
import { decodeFrame } from './real-frame';

const { onnx } = onnxProto;
const BLAZE = join(bundledModelsDir(), 'blazeface-front/face_detection_front_128x128.onnx');

let scratch: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-fp16-compute-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

async function convert(source: string, name: string) {
  const outDir = join(scratch, name);
  await fs.mkdir(outDir);
  return fp16Onnx.apply({ source, outDir, settings: { compute: 'float16' } }, { progress: () => {} });
}

describe('fp16 compute boundaries', () => {
  it('casts in and out around fp16 ops, keeps others float32, keeps graph I/O float32', async () => {
    // r = Relu(x) [fp16, also a graph output]; f = Floor(r) [not allow-listed]; y = Add(f, w) [fp16].
    const vi = (name: string) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 1 }, { dimValue: 4 }] } } } });
    const m = onnx.ModelProto.create({
      irVersion: 7,
      opsetImport: [{ domain: '', version: 13 }],
      graph: {
        name: 'g',
        node: [
          { opType: 'Relu', input: ['x'], output: ['r'], name: 'relu' },
          { opType: 'Floor', input: ['r'], output: ['f'], name: 'floor' },
          { opType: 'Add', input: ['f', 'w'], output: ['y'], name: 'add' },
        ],
        initializer: [{ name: 'w', dims: [1, 4], dataType: 1, floatData: [1, 2, 3, 4] }],
        input: [vi('x')],
        output: [vi('y'), vi('r')],
      },
    });
    const src = join(scratch, 'small.onnx');
    await fs.writeFile(src, onnx.ModelProto.encode(m).finish());
    const res = await convert(src, 'small');
    expect(res.settings).toMatchObject({ compute: 'float16', fp16Nodes: 2, boundaryCasts: 4, fp16Initializers: 1 });
    expect(res.keptFloat).toEqual([{ name: 'op:Floor', reason: '1 node(s) kept in float32: not in the fp16 allow-list' }]);

    const info = await onnxReader.inspect(res.mainFile);
    expect(info.inputs).toEqual([{ name: 'x', shape: [1, 4], dtype: 'float32' }]);
    expect(info.outputs.map((o) => [o.name, o.dtype])).toEqual([['y', 'float32'], ['r', 'float32']]);
    expect(info.ops).toEqual({ Cast: 4, Relu: 1, Floor: 1, Add: 1 });
    expect(info.weightDtypes).toEqual({ float16: 4 });

    const s = await ort.InferenceSession.create(res.mainFile);
    const out = await s.run({ x: new ort.Tensor('float32', Float32Array.from([1.5, -2, 3.25, 0.5]), [1, 4]) });
    await s.release();
    expect(Array.from(out.r.data as Float32Array)).toEqual([1.5, 0, 3.25, 0.5]);
    expect(Array.from(out.y.data as Float32Array)).toEqual([2, 2, 6, 4]);
  });
});

describe('fp16 compute on BlazeFace', () => {
  it('loads in onnxruntime-node and stays close to float32 on a real frame', async () => {
    const res = await convert(BLAZE, 'blaze');
    const info = await onnxReader.inspect(res.mainFile);
    const src = await onnxReader.inspect(BLAZE);
    expect(info.inputs).toEqual(src.inputs);
    expect(info.outputs).toEqual(src.outputs);
    expect(info.ops.Conv).toBe(37);
    expect(info.ops.Cast).toBe((res.settings!.boundaryCasts as number) + (res.settings!.convertedInitializers as number));
    expect(res.settings!.fp16Nodes).toBeGreaterThan(70);
    expect(res.keptFloat.map((k) => k.name)).toContain('op:ConstantOfShape');
    const ratio = (await fs.stat(res.mainFile)).size / (await fs.stat(BLAZE)).size;
    expect(ratio).toBeLessThan(0.6);

    const rgb = await decodeFrame(join(samplesDir(), 'cup.mp4'), 128, 128);
    const x = new ort.Tensor('float32', Float32Array.from(rgb, (v) => v / 127.5 - 1), [1, 128, 128, 3]);
    const timeRuns = async (file: string) => {
      const s = await ort.InferenceSession.create(file, { intraOpNumThreads: 1 });
      let out = await s.run({ 'input:0': x });
      const t0 = performance.now();
      for (let i = 0; i < 10; i++) out = await s.run({ 'input:0': x });
      const ms = (performance.now() - t0) / 10;
      await s.release();
      return { out, ms };
    };
    const a = await timeRuns(BLAZE);
    const b = await timeRuns(res.mainFile);
    console.log(`BlazeFace on 1 thread: fp32 ${a.ms.toFixed(2)} ms, fp16-compute ${b.ms.toFixed(2)} ms`);
    for (const name of src.outputs.map((o) => o.name)) {
      const da = a.out[name].data as Float32Array;
      const db = b.out[name].data as Float32Array;
      let diff = 0;
      let max = 0;
      for (let i = 0; i < da.length; i++) {
        max = Math.max(max, Math.abs(da[i]));
        diff = Math.max(diff, Math.abs(da[i] - db[i]));
      }
      console.log(`BlazeFace fp16-compute ${name}: max |Δ| ${diff.toExponential(3)} (max |value| ${max.toFixed(2)})`);
      expect(diff).toBeGreaterThan(0);
      expect(diff / max).toBeLessThan(0.02);
    }
  });
});

describe('fp16 default', () => {
  it('without settings, fp16 means float16 compute (weights and maths), I/O float32', async () => {
    const outDir = join(scratch, 'default');
    await fs.mkdir(outDir);
    const res = await fp16Onnx.apply({ source: BLAZE, outDir, settings: {} }, { progress: () => {} });
    expect(res.settings).toMatchObject({ storage: 'float16', compute: 'float16' });
    expect(res.settings!.fp16Nodes).toBeGreaterThan(70);
    const info = await onnxReader.inspect(res.mainFile);
    expect(info.inputs.map((i) => i.dtype)).toEqual(['float32']);
    expect(new Set(info.outputs.map((o) => o.dtype))).toEqual(new Set(['float32']));
  });
});
