// The `layers` API method on a real engine: BlazeFace (bundled ONNX) against its fp16 variant, a model built
// in the test with a sidecar input spec and one damaged layer, bad input and cancellation.
import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fp16Onnx } from '../../../src-main/transforms/fp16-onnx';
import { EdgeLabError } from '../../../src-shared/protocol';
import { SNR_CAP_DB } from '../../../src-shared/metrics/tensor';
import { convChain, type ConvSpec } from '../../support/onnx-build';
import { BLAZEFACE, CUP, useTempEngine } from './helpers';
import { int8SimTfjs } from '../../../src-main/transforms/int8-sim-tfjs';
import { writeTfjsConvChain } from '../../support/tfjs-build';
import { openTapped } from '../../../src-main/runtimes/tapped';
import { decodeFrames } from '../../../src-main/media/decode';
import { preprocess } from '../../../src-main/pipeline/nodes/preprocess';
import { snrDb } from '../../../src-shared/metrics/tensor';
import type { InputSpec } from '../../../src-shared/types/model';

const engine = useTempEngine();
const LAYERS: ConvSpec[] = [
  { name: 'convA', shape: [8, 3, 3, 3], relu: true },
  { name: 'convB', shape: [8, 8, 3, 3], relu: true },
  { name: 'convC', shape: [4, 8, 1, 1] },
];
const META = { task: 'embedder', input: { name: 'x', width: 16, height: 16, layout: 'NCHW', dtype: 'float32', range: [0, 1], resize: 'stretch', channels: 'RGB' }, embedding: { output: 'y', dims: 1024 } };

async function chain(name: string, layers: ConvSpec[], withMeta: boolean): Promise<string> {
  const f = join(engine().dir, `${name}.onnx`);
  await fs.writeFile(f, convChain(layers, 16));
  if (withMeta) await fs.writeFile(join(engine().dir, `${name}.edgelab.json`), JSON.stringify(META));
  return f;
}

describe('layers (engine)', () => {
  it('BlazeFace vs its fp16 variant: every float node compared, worst first, JSON-safe', async () => {
    const outDir = join(engine().dir, 'blaze-fp16');
    await fs.mkdir(outDir);
    const v = await fp16Onnx.apply({ source: BLAZEFACE, outDir, settings: { compute: 'float16' } }, { progress: () => {} });
    const progress: string[] = [];
    const r = await engine().engine.layers({ model: 'blazeface-front', variant: v.mainFile, frames: 2 }, { onProgress: (p) => progress.push(p.stage) });
    expect(r.frames).toBe(2);
    expect(r.format).toBe('onnx');
    expect(r.nodes.length).toBeGreaterThan(50);
    for (const n of r.nodes) {
      expect(Object.keys(n)).toEqual(expect.arrayContaining(['name', 'op', 'snrDb', 'cosine', 'maxAbsError']));
      expect(Number.isFinite(n.snrDb)).toBe(true);
    }
    for (let i = 1; i < r.nodes.length; i++) expect(r.nodes[i].snrDb).toBeGreaterThanOrEqual(r.nodes[i - 1].snrDb);
    // float16 compute: real but small per-layer error
    expect(r.nodes[0].snrDb).toBeLessThan(SNR_CAP_DB);
    expect(r.nodes[0].snrDb).toBeGreaterThan(20);
    expect(r.nodes.filter((n) => n.op === 'Conv').length).toBeGreaterThan(20);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(progress).toContain('layers: frames');
  });

  it('finds the damaged layer of a model with a sidecar input spec', async () => {
    const ref = await chain('ref', LAYERS, true);
    const bad = await chain('bad', LAYERS.map((l) => (l.name === 'convB' ? { ...l, noise: 0.4 } : l)), false);
    const r = await engine().engine.layers({ model: ref, variant: bad, frames: 1, clip: 'cup' });
    expect([...r.nodes].sort((a, b) => b.snrDropDb - a.snrDropDb)[0].name).toBe('convB');
    expect(r.nodes.find((n) => n.name === 'convA')!.snrDb).toBe(SNR_CAP_DB);
  });

  it('startFrame: the error of one frame is computed on that decoded frame (as a direct run of both models on it)', async () => {
    const ref = await chain('refk', LAYERS, true);
    const bad = await chain('badk', LAYERS.map((l) => (l.name === 'convB' ? { ...l, noise: 0.4 } : l)), false);
    const K = 150;
    const atK = await engine().engine.layers({ model: ref, variant: bad, frames: 1, startFrame: K, clip: CUP });
    const at0 = await engine().engine.layers({ model: ref, variant: bad, frames: 1, clip: CUP });
    expect(atK.frames).toBe(1);
    // Direct: decode frames 0..K, keep the K-th, preprocess by the sidecar spec, run both tapped models on it.
    let rgb: { rgb: Uint8Array; width: number; height: number } | undefined;
    let i = 0;
    for await (const f of decodeFrames(CUP, { maxFrames: K + 1 })) if (i++ === K) rgb = f;
    const x = preprocess(rgb!.rgb, rgb!.width, rgb!.height, META.input as InputSpec).tensor;
    const [ta, tb] = [await openTapped(ref, 'onnx', 'float-intermediates'), await openTapped(bad, 'onnx', 'float-intermediates')];
    try {
      for (const name of ['convB', 'convC']) {
        const node = atK.nodes.find((n) => n.name === name)!;
        const a = (await ta.run({ x }, [node.tensor])).get(node.tensor)!;
        const b = (await tb.run({ x }, [node.tensor])).get(node.tensor)!;
        expect(node.snrDb).toBeCloseTo(snrDb(a, b), 6);
        // and it is not frame 0's value
        expect(Math.abs(at0.nodes.find((n) => n.name === name)!.snrDb - node.snrDb)).toBeGreaterThan(1e-3);
      }
    } finally {
      await ta.dispose();
      await tb.dispose();
    }
    const past = await engine().engine.layers({ model: ref, variant: bad, frames: 1, startFrame: 100_000, clip: CUP }).catch((e) => e);
    expect(past).toMatchObject({ code: 'BAD_INPUT', file: CUP });
  });

  it('a simulated TF.js int8 variant: labelled simulated, quantized tensors compared under their own names', async () => {
    const dir = join(engine().dir, 'tiny-tfjs');
    const { file } = await writeTfjsConvChain(dir, [
      { name: 'c1', shape: [3, 3, 3, 8], relu: true },
      { name: 'c2', shape: [1, 1, 8, 4] },
    ], 16);
    const meta = { ...META, input: { ...META.input, layout: 'NHWC' }, embedding: { output: 'c2/BiasAdd', dims: 1024 } };
    await fs.writeFile(join(dir, 'model.edgelab.json'), JSON.stringify(meta));
    const outDir = join(engine().dir, 'tiny-sim');
    await fs.mkdir(outDir);
    const v = await int8SimTfjs.apply({ source: file, outDir, settings: { meta, calibration: CUP, frames: 2 } }, { progress: () => {} });
    const r = await engine().engine.layers({ model: file, variant: v.mainFile, frames: 1 });
    expect(r.simulated).toBe(true);
    const relu = r.nodes.find((n) => n.name === 'c1/Relu')!;
    expect(relu.snrDb).toBeGreaterThan(20); // 8-bit activations: ~40 dB expected, far from exact
    expect(relu.snrDb).toBeLessThan(80);
    expect(r.nodes.map((n) => n.name)).not.toContain('c1/Relu/edgelab_float');
  });

  it('refuses a model without input spec, naming the file', async () => {
    const ref = await chain('nometa', LAYERS, false);
    const e = await engine().engine.layers({ model: ref, variant: ref }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EdgeLabError);
    expect((e as EdgeLabError).code).toBe('BAD_INPUT');
    expect((e as Error).message).toContain(ref);
    expect((e as Error).message).toMatch(/input spec/);
  });

  it('refuses two unrelated networks', async () => {
    const ref = await chain('ref2', LAYERS, true);
    const e = await engine().engine.layers({ model: ref, variant: BLAZEFACE, frames: 1 }).catch((x: unknown) => x);
    expect((e as EdgeLabError).code).toBe('BAD_INPUT');
  });

  it('stops with CANCELLED when cancelled', async () => {
    const ac = new AbortController();
    const r = engine().engine.layers({ model: 'blazeface-front', variant: BLAZEFACE, frames: 20 }, { signal: ac.signal, onProgress: (p) => p.stage === 'layers: frames' && ac.abort() });
    await expect(r).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
