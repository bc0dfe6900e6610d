// The `modelGraph` API on .tflite files (formats/tflite/model-graph.ts): a float32 .tflite EdgeLab wrote from the
// BlazeFace ONNX and its int8 variant — one node per operator (recounted from the file), edges from producer to
// consumer, weights with their stored dtype, quantization parameters on the int8 nodes; the diff reads the int8
// file as "the same graph + QUANTIZE/DEQUANTIZE", and the per-layer rows of `layers` name graph nodes.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTfliteModel } from '../../../src-main/formats/tflite/read-model';
import { diffGraphs } from '../../../src-shared/graph/diff';
import { useTempEngine } from './helpers';

const engine = useTempEngine();
let f32: string;
let i8: string;

beforeAll(async () => {
  const e = engine().engine;
  f32 = join(engine().dir, 'g', 'face.tflite');
  i8 = join(engine().dir, 'g', 'face-int8.tflite');
  await e.convertModel({ model: 'blazeface-front', to: 'tflite', out: f32 });
  await e.convertModel({ model: f32, to: 'int8', out: i8, frames: 4 });
}, 300_000);

describe('modelGraph of .tflite files', () => {
  it('one node per operator, valid edges, float32 weights; the int8 file has int8 weights and quantization parameters', async () => {
    const e = engine().engine;
    const g = await e.modelGraph({ model: f32 });
    const m = readTfliteModel(new Uint8Array(await fs.readFile(f32)), f32);
    expect(g.format).toBe('tflite');
    expect(g.nodes).toHaveLength(m.operators.length);
    const names = new Set(g.nodes.map((n) => n.name));
    expect(names.size).toBe(g.nodes.length);
    for (const ed of g.edges) {
      expect(names.has(ed.from) && names.has(ed.to)).toBe(true);
      expect(g.nodes.find((n) => n.name === ed.to)!.inputs).toContain(ed.tensor);
    }
    expect(g.inputs[0].nodes.length).toBeGreaterThan(0);
    expect(g.outputs.every((o) => o.nodes.length === 1)).toBe(true);
    const conv = g.nodes.find((n) => n.op === 'CONV_2D')!;
    expect(conv.weights[0].dtype).toBe('float32');
    expect(conv.attributes.padding).toMatch(/SAME|VALID/);

    const q = await e.modelGraph({ model: i8 });
    const qconv = q.nodes.find((n) => n.op === 'CONV_2D')!;
    expect(qconv.weights.map((w) => w.dtype)).toEqual(expect.arrayContaining(['int8', 'int32']));
    expect(qconv.quantization!.some((p) => p.scheme === 'per-channel')).toBe(true);

    const d = diffGraphs(g, q);
    console.log(`BlazeFace .tflite float32 → int8 diff: added ${d.added.map((x) => x.op).join(',')}; removed ${d.removed.length}; changed ${d.changed.length}; same ${d.same}`);
    expect(d.added.length).toBeGreaterThan(0);
    expect(d.added.every((x) => x.op === 'QUANTIZE' || x.op === 'DEQUANTIZE')).toBe(true);
    expect(d.removed).toHaveLength(0);
    expect(d.same).toBeGreaterThan(g.nodes.length * 0.9);
  });

  it("layers' node names are graph node names (SNR colours land on nodes)", async () => {
    const g = await engine().engine.modelGraph({ model: f32 });
    const r = await engine().engine.layers({ model: f32, variant: i8, frames: 1 });
    const names = new Set(g.nodes.map((n) => n.name));
    expect(r.nodes.length).toBeGreaterThan(40);
    for (const l of r.nodes) expect(names.has(l.name)).toBe(true);
  });
});
