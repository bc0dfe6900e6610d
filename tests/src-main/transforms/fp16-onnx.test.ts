// fp16 storage of the real BlazeFace ONNX: size, valid model, stock onnxruntime-node loads it, outputs on a
// real frame close to float32, cancellation.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import { fp16Onnx, MIN_ELEMENTS } from '../../../src-main/transforms/fp16-onnx';
import { onnxReader } from '../../../src-main/formats/onnx/reader';
import { bundledModelsDir, samplesDir } from '../../../src-main/models/catalog';
import { EdgeLabError } from '../../../src-shared/protocol';
import { decodeFrame } from './real-frame';

const BLAZE = join(bundledModelsDir(), 'blazeface-front/face_detection_front_128x128.onnx');
const OUTPUTS = ['Identity:0', 'Identity_1:0', 'Identity_2:0', 'Identity_3:0'];

/** First frame of cup.mp4 at 128×128, mapped to [-1, 1] as BlazeFace wants. */
async function frame128(): Promise<Float32Array> {
  const rgb = await decodeFrame(join(samplesDir(), 'cup.mp4'), 128, 128);
  return Float32Array.from(rgb, (v) => v / 127.5 - 1);
}

async function runBlaze(file: string, x: Float32Array): Promise<ort.InferenceSession.OnnxValueMapType> {
  const s = await ort.InferenceSession.create(file);
  const out = await s.run({ 'input:0': new ort.Tensor('float32', x, [1, 128, 128, 3]) });
  await s.release();
  return out;
}

function maxDiff(a: Float32Array, b: Float32Array): { diff: number; max: number } {
  let diff = 0;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    max = Math.max(max, Math.abs(a[i]));
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
  }
  return { diff, max };
}

let scratch: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-fp16-onnx-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

describe('fp16-onnx on BlazeFace', () => {
  let res: Awaited<ReturnType<typeof fp16Onnx.apply>>;
  beforeAll(async () => {
    const outDir = join(scratch, 'blaze');
    await fs.mkdir(outDir);
    res = await fp16Onnx.apply({ source: BLAZE, outDir, settings: { compute: 'float32' } }, { progress: () => {} });
  });

  it('stores the large float32 initializers as float16 and shrinks ~2×', async () => {
    const ratio = (await fs.stat(res.mainFile)).size / (await fs.stat(BLAZE)).size;
    console.log(`BlazeFace fp16 size ratio ${ratio.toFixed(3)}`);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(0.6);
    const src = await onnxReader.inspect(BLAZE);
    const out = await onnxReader.inspect(res.mainFile);
    expect(out.inputs).toEqual(src.inputs);
    expect(out.outputs).toEqual(src.outputs);
    expect(out.parameters).toBe(src.parameters);
    expect(out.weightDtypes.float16).toBeGreaterThan(0.9 * src.weightDtypes.float32!);
    expect(out.weightDtypes.float16! + out.weightDtypes.float32!).toBe(src.weightDtypes.float32);
    expect(out.ops.Cast).toBe(res.settings?.convertedInitializers);
    expect(res.settings).toMatchObject({ storage: 'float16', compute: 'float32', minElements: MIN_ELEMENTS });
    // Every small float initializer is listed as kept, with its reason.
    const kept = res.keptFloat.filter((k) => k.name !== 'compute');
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((k) => /too small|graph input|graph output/.test(k.reason))).toBe(true);
    expect(res.keptFloat[0].name).toBe('compute');
  });

  it('loads in onnxruntime-node; outputs identical, since BlazeFace weights are fp16-exact', async () => {
    // The bundled BlazeFace came from a float16 TFLite model: its float32 weights are all representable
    // in half precision, so fp16 storage is lossless and the outputs are bit-identical.
    const x = await frame128();
    const a = await runBlaze(BLAZE, x);
    const b = await runBlaze(res.mainFile, x);
    for (const name of OUTPUTS) {
      expect(b[name].dims).toEqual(a[name].dims);
      expect(maxDiff(a[name].data as Float32Array, b[name].data as Float32Array).diff).toBe(0);
    }
  });

  it('on weights that are not fp16-exact: outputs change, and stay within 1% of float32', async () => {
    // BlazeFace with every large float initializer scaled by (1 + 1e-3·sin i): no longer fp16-exact.
    const m = onnxProto.onnx.ModelProto.decode(await fs.readFile(BLAZE));
    for (const t of m.graph?.initializer ?? []) {
      if (t.dataType !== 1 || !t.rawData || t.rawData.length < 4 * MIN_ELEMENTS) continue;
      const f = new Float32Array(Uint8Array.from(t.rawData).buffer);
      for (let i = 0; i < f.length; i++) f[i] *= 1 + 1e-3 * Math.sin(i);
      t.rawData = new Uint8Array(f.buffer);
    }
    const src = join(scratch, 'perturbed.onnx');
    await fs.writeFile(src, onnxProto.onnx.ModelProto.encode(m).finish());
    const outDir = join(scratch, 'perturbed-fp16');
    await fs.mkdir(outDir);
    const conv = await fp16Onnx.apply({ source: src, outDir, settings: { compute: 'float32' } }, { progress: () => {} });
    const x = await frame128();
    const a = await runBlaze(src, x);
    const b = await runBlaze(conv.mainFile, x);
    for (const name of OUTPUTS) {
      const { diff, max } = maxDiff(a[name].data as Float32Array, b[name].data as Float32Array);
      console.log(`BlazeFace (perturbed) ${name}: max |Δ| ${diff.toExponential(3)} (max |value| ${max.toFixed(2)})`);
      expect(diff).toBeGreaterThan(0);
      expect(diff / max).toBeLessThan(0.01);
    }
  });

  it('is idempotent on its own output (the float16 initializers are not float32 any more)', async () => {
    const outDir = join(scratch, 'twice');
    await fs.mkdir(outDir);
    const again = await fp16Onnx.apply({ source: res.mainFile, outDir, settings: { compute: 'float32' } }, { progress: () => {} });
    expect(again.settings?.convertedInitializers).toBe(0);
  });
});

describe('fp16-onnx on an IR 3 model (initializers listed as graph inputs)', () => {
  it('moves to IR 4 and converts the initializer; onnxruntime agrees with the source', async () => {
    const vi = (name: string, dims: number[]) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } });
    const w = Array.from({ length: 32 }, (_, i) => (i - 16) / 8); // fp16-exact values
    const m = onnxProto.onnx.ModelProto.create({
      irVersion: 3,
      opsetImport: [{ domain: '', version: 8 }],
      graph: {
        name: 'g',
        node: [{ opType: 'Mul', input: ['x', 'w'], output: ['y'] }],
        initializer: [{ name: 'w', dims: [1, 32], dataType: 1, floatData: w }],
        input: [vi('x', [1, 32]), vi('w', [1, 32])],
        output: [vi('y', [1, 32])],
      },
    });
    const src = join(scratch, 'ir3.onnx');
    await fs.writeFile(src, onnxProto.onnx.ModelProto.encode(m).finish());
    const outDir = join(scratch, 'ir3-out');
    await fs.mkdir(outDir);
    const res = await fp16Onnx.apply({ source: src, outDir, settings: { compute: 'float32' } }, { progress: () => {} });
    expect(res.settings).toMatchObject({ convertedInitializers: 1, irVersion: '3 → 4 (initializers no longer listed as graph inputs)' });
    const out = onnxProto.onnx.ModelProto.decode(await fs.readFile(res.mainFile));
    expect(Number(out.irVersion)).toBe(4);
    expect(out.graph?.input?.map((v) => v.name)).toEqual(['x']);
    const s = await ort.InferenceSession.create(res.mainFile);
    const x = Float32Array.from({ length: 32 }, () => 2);
    const r = await s.run({ x: new ort.Tensor('float32', x, [1, 32]) });
    await s.release();
    expect(Array.from(r.y.data as Float32Array)).toEqual(w.map((v) => 2 * v));
  });
});

describe('fp16-onnx cancellation and bad input', () => {
  it('throws CANCELLED and writes nothing', async () => {
    const outDir = join(scratch, 'cancelled');
    await fs.mkdir(outDir);
    const ac = new AbortController();
    let seen = 0;
    const err = await fp16Onnx
      .apply({ source: BLAZE, outDir, settings: { compute: 'float32' } }, { signal: ac.signal, progress: () => ++seen === 10 && ac.abort() })
      .catch((e: unknown) => e);
    expect((err as EdgeLabError).code).toBe('CANCELLED');
    expect(await fs.readdir(outDir)).toEqual([]);
  });

  it('refuses a truncated model with BAD_INPUT naming it', async () => {
    const f = join(scratch, 'cut.onnx');
    await fs.writeFile(f, (await fs.readFile(BLAZE)).subarray(0, 100_000));
    const outDir = join(scratch, 'cut-out');
    await fs.mkdir(outDir);
    const err = await fp16Onnx.apply({ source: f, outDir, settings: { compute: 'float32' } }, { progress: () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EdgeLabError);
    expect((err as EdgeLabError).code).toBe('BAD_INPUT');
    expect((err as EdgeLabError).message).toContain(f);
    expect(await fs.readdir(outDir)).toEqual([]);
  });
});
