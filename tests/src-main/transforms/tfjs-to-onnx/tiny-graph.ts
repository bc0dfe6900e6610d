// Test helper (not a test): builds small TF.js graph models on disk — model.json in tfjs-converter's
// layout (attrs as tfjs writes them: ints as strings, strings base64) plus one float32/int32 weight shard —
// converts them with the real transform, and runs TF.js and onnxruntime side by side on a random input.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tfjsToOnnx } from '../../../../src-main/transforms/tfjs-to-onnx/convert';
import { tfjsRuntime } from '../../../../src-main/runtimes/tfjs-runtime';
import { onnxRuntime } from '../../../../src-main/runtimes/onnx-runtime';
import type { TransformOutput } from '../../../../src-main/transforms/types';
import type { HostTensor } from '../../../../src-main/runtimes/types';

type Attr = Record<string, unknown>;
export const str = (x: string): Attr => ({ s: Buffer.from(x).toString('base64') });
export const ints = (xs: number[]): Attr => ({ list: { i: xs.map(String) } });
export const strs = (xs: string[]): Attr => ({ list: { s: xs.map((x) => Buffer.from(x).toString('base64')) } });
export const int = (x: number): Attr => ({ i: String(x) });
export const bool = (b: boolean): Attr => ({ b });
export const F = { type: 'DT_FLOAT' };
export const I = { type: 'DT_INT32' };

export class TinyGraph {
  readonly nodes: { name: string; op: string; input?: string[]; attr?: Record<string, Attr> }[] = [];
  private readonly weights: { name: string; shape: number[]; dtype: 'float32' | 'int32'; data: Float32Array | Int32Array }[] = [];

  constructor(readonly inputShape: number[]) {
    this.nodes.push({ name: 'x', op: 'Placeholder', attr: { dtype: F, shape: { shape: { dim: inputShape.map((d) => ({ size: String(d) })) } } } });
  }

  op(name: string, op: string, input: string[], attr: Record<string, Attr> = {}): string {
    this.nodes.push({ name, op, input, attr: { T: F, ...attr } });
    return name;
  }

  const(name: string, values: number[] | Float32Array | Int32Array, shape: number[], dtype: 'float32' | 'int32' = 'float32'): string {
    const data = dtype === 'float32' ? Float32Array.from(values as ArrayLike<number>) : Int32Array.from(values as ArrayLike<number>);
    this.weights.push({ name, shape, dtype, data });
    this.nodes.push({ name, op: 'Const', attr: { dtype: dtype === 'float32' ? F : I, value: { tensor: { dtype: dtype === 'float32' ? 'DT_FLOAT' : 'DT_INT32', tensorShape: { dim: shape.map((d) => ({ size: String(d) })) } } } } });
    return name;
  }

  /** Deterministic pseudo-random float32 constant in [-1, 1). */
  rand(name: string, shape: number[], seed = 1): string {
    const n = shape.reduce((a, b) => a * b, 1);
    return this.const(name, pseudoRandom(n, seed), shape);
  }

  /** Writes model.json + w.bin into a fresh temp dir; returns the model.json path. */
  async write(): Promise<string> {
    const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-tiny-'));
    const bin = Buffer.concat(this.weights.map((w) => Buffer.from(w.data.buffer, w.data.byteOffset, w.data.byteLength)));
    await fs.writeFile(join(dir, 'w.bin'), bin);
    const json = {
      format: 'graph-model',
      generatedBy: 'edgelab-test',
      convertedBy: 'edgelab-test',
      modelTopology: { node: this.nodes, library: {}, versions: {} },
      weightsManifest: [{ paths: ['w.bin'], weights: this.weights.map((w) => ({ name: w.name, shape: w.shape, dtype: w.dtype })) }],
    };
    const file = join(dir, 'model.json');
    await fs.writeFile(file, JSON.stringify(json));
    return file;
  }
}

export function pseudoRandom(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

export interface RoundTrip {
  out: TransformOutput;
  /** Max abs difference TF.js vs ONNX per output on a random input, computed here (not by the transform). */
  diff: Record<string, number>;
  tf: Record<string, HostTensor>;
  onnx: Record<string, HostTensor>;
}

/** Converts the graph, then runs both runtimes on a random input in [-1, 1). */
export async function roundTrip(g: TinyGraph, settings: Record<string, unknown> = {}): Promise<RoundTrip> {
  const file = await g.write();
  const outDir = await fs.mkdtemp(join(tmpdir(), 'edgelab-tiny-out-'));
  const out = await tfjsToOnnx.apply({ source: file, outDir, settings: { checkFrames: 1, ...settings } }, { progress: () => {} });
  const n = g.inputShape.reduce((a, b) => a * b, 1);
  const feed: Record<string, HostTensor> = { x: { data: pseudoRandom(n, 7), shape: g.inputShape, dtype: 'float32' } };
  const a = await tfjsRuntime.load(file);
  const b = await onnxRuntime.load(out.mainFile);
  try {
    const tf = await a.run(feed);
    const onnx = await b.run(feed, Object.keys(tf));
    const diff: Record<string, number> = {};
    for (const k of Object.keys(tf)) {
      if (tf[k].shape.join() !== onnx[k].shape.join()) throw new Error(`${k}: shape [${tf[k].shape}] vs [${onnx[k].shape}]`);
      let d = 0;
      for (let i = 0; i < tf[k].data.length; i++) d = Math.max(d, Math.abs(Number(tf[k].data[i]) - Number(onnx[k].data[i])));
      diff[k] = d;
    }
    return { out, diff, tf, onnx };
  } finally {
    await a.dispose();
    await b.dispose();
  }
}
