// .tflite through the engine like any runnable model (LiteRT.js): predict (with .npy input/outputs that parse back
// and reproduce the outputs when fed again), replay of a TFLite_Detection_PostProcess detector by its sidecar
// (`detections` decoder), a .tflite embedder inside a replay, compare of such runs, bench-model, import.
// Fixtures: tests/fixtures/tflite (small TF-converter files; no trained TFLite detector is reachable offline).
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tfliteRuntime } from '../../../src-main/runtimes/tflite-runtime';
import { dequantizeValues } from '../../../src-main/formats/tflite/quantize';
import { readNpy } from '../formats/npy-reader';
import { REPO, useTempEngine } from './helpers';

const engine = useTempEngine();
const FIX = join(REPO, 'tests/fixtures/tflite');
const DET = join(FIX, 'tiny_ssd_postprocess.tflite');
const EMB_F = join(FIX, 'tiny_embedder_float.tflite');
const EMB_Q = join(FIX, 'tiny_embedder_int8io.tflite');

describe('.tflite in the engine', () => {
  it('predict: detector by sidecar, decoded detections; every tensor saved as .npy, fed again gives the same outputs', async () => {
    const out = join(engine().dir, 'pred-det');
    const r = await engine().engine.predict({ model: DET, clip: 'cup', frame: 2, saveOutputs: out });
    expect(r.model).toMatchObject({ format: 'tflite', runtime: 'litert' });
    expect(r.task).toBe('detector');
    expect(r.detections!.length).toBeGreaterThan(0);
    for (const d of r.detections!) {
      expect(['a', 'b', 'c']).toContain(d.label);
      for (const v of d.box) expect(v >= 0 && v <= 1).toBe(true);
    }
    expect(r.inputs).toEqual([{ name: 'serving_default_image:0', shape: [1, 64, 64, 3], dtype: 'float32', file: join(out, 'input-0-serving_default_image_0.npy') }]);
    expect(r.outputs.map((o) => o.name).sort()).toEqual(['PartitionedCall:0', 'PartitionedCall:1', 'PartitionedCall:2', 'PartitionedCall:3']);
    const x = readNpy(await fs.readFile(r.inputs[0].file!));
    expect(x.shape).toEqual([1, 64, 64, 3]);
    const m = await tfliteRuntime.load(DET);
    try {
      const again = await m.run({ [r.inputs[0].name]: { data: x.data as Float32Array, shape: x.shape, dtype: 'float32' } });
      for (const o of r.outputs) {
        const saved = readNpy(await fs.readFile(o.file!));
        expect(saved.shape).toEqual(o.shape);
        expect(Array.from(saved.data)).toEqual(Array.from(again[o.name].data));
      }
    } finally {
      await m.dispose();
    }
  });

  it('predict: int8-I/O embedder — the .npy hold the int8 tensors the file takes and gives; the embedding is their dequantized output', async () => {
    const out = join(engine().dir, 'pred-emb');
    const r = await engine().engine.predict({ model: EMB_Q, clip: 'cup', frame: 0, saveOutputs: out });
    expect(r.task).toBe('embedder');
    expect(r.inputs[0]).toMatchObject({ dtype: 'int8', shape: [1, 64, 64, 3], quantization: { zeroPoint: 0 } });
    expect(r.outputs[0]).toMatchObject({ name: 'StatefulPartitionedCall_1:0', dtype: 'int8', shape: [1, 16] });
    const x = readNpy(await fs.readFile(r.inputs[0].file!));
    expect(x.data).toBeInstanceOf(Int8Array);
    const q = r.inputs[0].quantization!;
    const m = await tfliteRuntime.load(EMB_Q);
    try {
      const again = await m.run({ [r.inputs[0].name]: { data: dequantizeValues(x.data, q.scale, q.zeroPoint), shape: x.shape, dtype: 'float32' } });
      const y = readNpy(await fs.readFile(r.outputs[0].file!));
      const oq = r.outputs[0].quantization!;
      const deq = dequantizeValues(y.data, oq.scale, oq.zeroPoint);
      expect(Array.from(again['StatefulPartitionedCall_1:0'].data)).toEqual(Array.from(deq));
      const norm = Math.hypot(...deq);
      r.embedding!.forEach((v, i) => expect(v).toBeCloseTo(deq[i] / norm, 6));
    } finally {
      await m.dispose();
    }
  });

  it('predict refuses a truncated .tflite with BAD_INPUT naming it', async () => {
    const bad = join(REPO, 'tests/fixtures/bad/models/truncated.tflite');
    const e = (await engine().engine.predict({ model: bad, clip: 'cup' }).catch((x: unknown) => x)) as { code: string; file?: string; message: string };
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message + (e.file ?? '')).toContain(bad);
  });

  it('replay of the .tflite detector (sidecar, detections decoder) writes model.format "tflite"; compare reads it', async () => {
    const a = await engine().engine.replay({ model: DET, clip: 'cup', frames: 6 });
    expect(a.model.format).toBe('tflite');
    expect(a.model.runtime).toBe('litert');
    expect(a.detectionsPerFrame).toBeGreaterThan(0);
    const run = await engine().engine.getRun({ run: a.id });
    expect(run.model.format).toBe('tflite');
    const b = await engine().engine.replay({ model: DET, clip: 'cup', frames: 6 });
    const c = await engine().engine.compare({ baseline: a.id, variant: b.id });
    expect(c.detection.map50).toBeCloseTo(1, 6); // same file, same frames: deterministic
  });

  it('replay with .tflite embedders: float32 vs int8-I/O embeddings compared (cosine)', async () => {
    const f = await engine().engine.replay({ model: 'blazeface-front', clip: 'cup', frames: 8, embedder: EMB_F });
    const q = await engine().engine.replay({ model: 'blazeface-front', clip: 'cup', frames: 8, embedder: EMB_Q });
    const c = await engine().engine.compare({ baseline: f.id, variant: q.id });
    console.log(`tflite embedder int8-I/O vs float32 on tracked crops: cosine mean ${c.embedding.cosineMean}, p5 ${c.embedding.cosineP5}, pairs ${c.embedding.pairs}`);
    expect(c.embedding.pairs).toBeGreaterThan(0);
    expect(c.embedding.cosineMean!).toBeGreaterThan(0.9); // a tiny random-weight embedder (not a trained one): int8 I/O costs a few %
  });

  it('bench-model on a .tflite stores a latency record for this machine (LiteRT.js)', async () => {
    const rec = await engine().engine.benchModel({ model: EMB_F, runs: 5, warmup: 1 });
    expect(rec.runtime).toBe('litert');
    expect(rec.delegate).toBe('wasm-xnnpack');
    expect(rec.runtimeVersion).toBe('2.5.3');
    expect(rec.latencyMs.count).toBe(5);
    const wrong = (await engine().engine.benchModel({ model: EMB_F, runtime: 'onnx', runs: 1 }).catch((x: unknown) => x)) as { code: string };
    expect(wrong.code).toBe('BAD_INPUT');
  });

  it('layers on .tflite: a float32 file (EdgeLab-written from the BlazeFace ONNX) vs its int8 variant, tensor by tensor', async () => {
    const e = engine().engine;
    const f32 = join(engine().dir, 'layers', 'face.tflite');
    const i8 = join(engine().dir, 'layers', 'face-int8.tflite');
    await e.convertModel({ model: 'blazeface-front', to: 'tflite', out: f32 });
    await e.convertModel({ model: f32, to: 'int8', out: i8, frames: 8 });
    const same = await e.layers({ model: f32, variant: f32, frames: 1 });
    expect(same.nodes.length).toBeGreaterThan(40);
    for (const l of same.nodes) expect(l.snrDb).toBeGreaterThan(100);
    const r = await e.layers({ model: f32, variant: i8, frames: 2 });
    // The int8 file's activations are int8 (dequantized in the tapped copy) under the float file's tensor names.
    expect(r.nodes.length).toBeGreaterThan(40);
    const snrs = r.nodes.map((l) => l.snrDb);
    console.log(`BlazeFace .tflite int8 vs float32 per layer: ${r.nodes.length} tensors, SNR ${Math.min(...snrs).toFixed(1)}…${Math.max(...snrs).toFixed(1)} dB`);
    for (const s of snrs) {
      expect(Number.isFinite(s)).toBe(true);
      expect(s).toBeLessThan(100); // quantized: not equal to float
      expect(s).toBeGreaterThan(0); // and not noise
    }
  }, 300_000);

  it('import copies a .tflite into the workspace (format tflite) and replays it by id', async () => {
    const m = await engine().engine.importModel({ source: DET });
    expect(m.format).toBe('tflite');
    expect((await engine().engine.listModels({})).map((x) => x.id)).toContain(m.id);
    const r = await engine().engine.replay({ model: m.id, clip: 'cup', frames: 2 });
    expect(r.model.format).toBe('tflite');
  });
});
