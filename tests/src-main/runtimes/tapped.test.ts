// The tapped model (runtimes/tapped.ts) on small real models built here: named taps and every float
// intermediate, through the runtime registry, for ONNX (augmented copy) and TF.js (fetch by node name).
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openTapped } from '../../../src-main/runtimes/tapped';
import { ortSessionsOpen } from '../../../src-main/runtimes/onnx-runtime';
import { runtimeFor } from '../../../src-main/runtimes/registry';
import type { HostTensor } from '../../../src-main/runtimes/types';
import { EdgeLabError } from '../../../src-shared/protocol';
import { convChain, seeded, type ConvSpec } from '../../support/onnx-build';
import { writeTfjsConvChain } from '../../support/tfjs-build';

const LAYERS: ConvSpec[] = [
  { name: 'convA', shape: [8, 3, 3, 3], relu: true },
  { name: 'convB', shape: [4, 8, 1, 1] },
];

let scratch: string;
let onnxFile: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-tapped-'));
  onnxFile = join(scratch, 'chain.onnx');
  await fs.writeFile(onnxFile, convChain(LAYERS, 8));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

function frame(shape: number[]): HostTensor {
  const rnd = seeded(3);
  const n = shape.reduce((a, b) => a * b, 1);
  return { data: Float32Array.from({ length: n }, () => rnd()), shape, dtype: 'float32' };
}

describe('tapped model', () => {
  it('ONNX, named tensors: a graph input and an intermediate come back; the model output matches the plain runtime', async () => {
    const open0 = ortSessionsOpen();
    const x = frame([1, 3, 8, 8]);
    const t = await openTapped(onnxFile, 'onnx', { tensors: ['x', 'convA.out', 'y'] });
    try {
      expect(t.inputNames).toEqual(['x']);
      expect(t.taps.map((p) => [p.tensor, p.op])).toEqual([['x', 'Input'], ['convA.out', 'Conv'], ['y', 'Conv']]);
      expect(t.model.outputs.map((o) => o.name)).toEqual(expect.arrayContaining(['y', 'convA.out', 'x']));
      const out = await t.run({ x });
      expect([...out.get('x')!]).toEqual([...x.data]);
      expect(out.get('convA.out')!.length).toBe(8 * 8 * 8);
      const plain = await (await runtimeFor('onnx')).load(onnxFile);
      try {
        const ref = (await plain.run({ x })).y.data as Float32Array;
        expect([...out.get('y')!]).toEqual([...ref]);
      } finally {
        await plain.dispose();
      }
    } finally {
      await t.dispose();
    }
    expect(ortSessionsOpen()).toBe(open0);
  });

  it("ONNX, reduce: 'minmax': each tensor comes back as its [min, max], computed in the graph, equal to the full tensor's", async () => {
    const x = frame([1, 3, 8, 8]);
    const names = ['x', 'convA.out', 'convA.relu', 'y'];
    const full = await openTapped(onnxFile, 'onnx', { tensors: names });
    const red = await openTapped(onnxFile, 'onnx', { tensors: names, reduce: 'minmax' });
    try {
      // two scalar outputs per tensor, none of the tensors themselves
      expect(red.model.outputs.map((o) => o.name).filter((n) => n.includes('__edgelab_reduce_'))).toHaveLength(2 * names.length);
      expect(red.model.outputs.map((o) => o.name)).not.toContain('convA.out');
      const a = await full.run({ x });
      const b = await red.run({ x });
      for (const n of names) {
        const v = a.get(n)!;
        let lo = Infinity;
        let hi = -Infinity;
        for (const e of v) {
          lo = Math.min(lo, e);
          hi = Math.max(hi, e);
        }
        expect([...b.get(n)!]).toEqual([lo, hi]);
      }
    } finally {
      await full.dispose();
      await red.dispose();
    }
  });

  it("ONNX, memPattern: false (calibration's low-memory session) gives the same values as the default session", async () => {
    const x = frame([1, 3, 8, 8]);
    const names = ['convA.out', 'convA.relu', 'y'];
    const a = await openTapped(onnxFile, 'onnx', { tensors: names, reduce: 'minmax' });
    const b = await openTapped(onnxFile, 'onnx', { tensors: names, reduce: 'minmax' }, { memPattern: false });
    try {
      const [ra, rb] = [await a.run({ x }), await b.run({ x })];
      for (const n of names) expect([...rb.get(n)!]).toEqual([...ra.get(n)!]);
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });

  it('ONNX, every float intermediate: output 0 of each node, in graph order', async () => {
    const t = await openTapped(onnxFile, 'onnx', 'float-intermediates');
    try {
      expect(t.taps.map((p) => `${p.node}:${p.tensor}`)).toEqual(['convA:convA.out', 'convA_relu:convA.relu', 'convB:y']);
      const out = await t.run({ x: frame([1, 3, 8, 8]) });
      expect([...out.keys()]).toEqual(['convA.out', 'convA.relu', 'y']);
      expect(Math.min(...out.get('convA.relu')!)).toBeGreaterThanOrEqual(0);
    } finally {
      await t.dispose();
    }
  });

  it('TF.js, named nodes: fetched through the TF.js runtime', async () => {
    const m = await writeTfjsConvChain(join(scratch, 'tf'), [{ name: 'c1', shape: [3, 3, 3, 4], relu: true }], 8);
    const t = await openTapped(m.file, 'tfjs-graph', { tensors: ['c1/Conv2D', 'c1/Relu'] });
    try {
      expect(t.taps.map((p) => p.op)).toEqual(['Conv2D', 'Relu']);
      const out = await t.run({ [t.inputNames[0]]: frame([1, 8, 8, 3]) });
      expect(out.get('c1/Conv2D')!.length).toBe(8 * 8 * 4);
      expect(Math.min(...out.get('c1/Relu')!)).toBeGreaterThanOrEqual(0);
    } finally {
      await t.dispose();
    }
  });

  it('refuses a name the model does not hold (BAD_INPUT, ONNX and .tflite) and a format without taps (UNSUPPORTED)', async () => {
    const e1 = await openTapped(onnxFile, 'onnx', { tensors: ['nope'] }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(EdgeLabError);
    expect((e1 as EdgeLabError).code).toBe('BAD_INPUT');
    const e2 = await openTapped(join(process.cwd(), 'tests/fixtures/tflite/tiny_embedder_float.tflite'), 'tflite', { tensors: ['nope'] }).catch((e: unknown) => e);
    expect((e2 as EdgeLabError).code).toBe('BAD_INPUT');
    expect((e2 as EdgeLabError).message).toContain("no tensor named 'nope'");
    const e3 = await openTapped(onnxFile, 'tfjs-graph-unknown' as never, 'float-intermediates').catch((e: unknown) => e);
    expect((e3 as EdgeLabError).code).toBe('UNSUPPORTED');
  });
});
