// Test helper (not a test): tiny ONNX graphs (opset 13) built with onnx-proto for the per-op-family converter
// tests, and a runner comparing onnxruntime with LiteRT.js on the converted .tflite.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { onnxRuntime } from '../../../../src-main/runtimes/onnx-runtime';
import { tfliteRuntime } from '../../../../src-main/runtimes/tflite-runtime';
import type { HostTensor } from '../../../../src-main/runtimes/types';
import { convertOnnxToTflite, type ConvertedTflite } from '../../../../src-main/transforms/onnx-to-tflite/convert';
import { seeded } from '../../../support/onnx-build';

const pb = onnxProto.onnx;

/** Attribute values: number → INT, number[] → INTS, string → STRING, { f } → FLOAT. */
export type Attr = number | number[] | string | { f: number };
export interface TinyNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attrs?: Record<string, Attr>;
}
export interface TinyInit {
  name: string;
  dims: number[];
  values: ArrayLike<number>;
  /** 'float' (default) or 'int64'. */
  type?: 'float' | 'int64';
}
export interface TinyGraph {
  inputs: { name: string; shape: number[] }[];
  outputs: { name: string; type?: 'float' | 'int64' | 'int32' | 'bool' }[];
  nodes: TinyNode[];
  inits?: TinyInit[];
}

function attr(name: string, v: Attr) {
  if (typeof v === 'string') return pb.AttributeProto.create({ name, type: 3, s: new TextEncoder().encode(v) });
  if (Array.isArray(v)) return pb.AttributeProto.create({ name, type: 7, ints: v });
  if (typeof v === 'number') return pb.AttributeProto.create({ name, type: 2, i: v });
  return pb.AttributeProto.create({ name, type: 1, f: v.f });
}

const ELEM = { float: 1, int64: 7, int32: 6, bool: 9 } as const;

export function tinyOnnx(g: TinyGraph): Uint8Array {
  const vi = (name: string, elemType: number, shape?: number[]) =>
    pb.ValueInfoProto.create({
      name,
      type: pb.TypeProto.create({ tensorType: pb.TypeProto.Tensor.create({ elemType, ...(shape ? { shape: pb.TensorShapeProto.create({ dim: shape.map((d) => pb.TensorShapeProto.Dimension.create(d < 0 ? { dimParam: 'N' } : { dimValue: d })) }) } : {}) }) }),
    });
  const graph = pb.GraphProto.create({
    name: 'tiny',
    input: g.inputs.map((i) => vi(i.name, 1, i.shape)),
    output: g.outputs.map((o) => vi(o.name, ELEM[o.type ?? 'float'])),
    node: g.nodes.map((n, k) => pb.NodeProto.create({ name: `n${k}_${n.op}`, opType: n.op, input: n.inputs, output: n.outputs, attribute: Object.entries(n.attrs ?? {}).map(([a, v]) => attr(a, v)) })),
    initializer: (g.inits ?? []).map((t) => {
      const data = t.type === 'int64' ? new Uint8Array(BigInt64Array.from(Array.from(t.values), (v) => BigInt(v)).buffer) : new Uint8Array(Float32Array.from(t.values).buffer);
      return pb.TensorProto.create({ name: t.name, dims: t.dims, dataType: t.type === 'int64' ? 7 : 1, rawData: data });
    }),
  });
  const model = pb.ModelProto.create({ irVersion: 8, opsetImport: [pb.OperatorSetIdProto.create({ domain: '', version: 13 })], producerName: 'edgelab-test', graph });
  return pb.ModelProto.encode(model).finish();
}

/** Pseudo-random float values in [-scale, scale). */
export function values(n: number, seed: number, scale = 1): Float32Array {
  const r = seeded(seed);
  return Float32Array.from({ length: n }, () => r() * scale);
}

export interface Parity {
  converted: ConvertedTflite;
  /** Output name → max abs error of LiteRT.js vs onnxruntime. */
  maxAbs: Record<string, number>;
  tflite: string;
}

/** Writes the graph, converts it, runs both on seeded inputs; every output compared (shapes must match). */
export async function parity(g: TinyGraph, seed = 1): Promise<Parity> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-tflc-op-'));
  const onnxFile = join(dir, 'm.onnx');
  const tflite = join(dir, 'm.tflite');
  await fs.writeFile(onnxFile, tinyOnnx(g));
  const converted = await convertOnnxToTflite(onnxFile, tflite);
  const a = await onnxRuntime.load(onnxFile);
  const b = await tfliteRuntime.load(tflite);
  try {
    const feeds: Record<string, HostTensor> = {};
    g.inputs.forEach((i, k) => {
      const shape = i.shape.map((d) => (d < 0 ? 1 : d));
      feeds[i.name] = { data: values(shape.reduce((x, y) => x * y, 1), seed + k, 2), shape, dtype: 'float32' };
    });
    const ra = await a.run(feeds);
    const rb = await b.run(feeds);
    const maxAbs: Record<string, number> = {};
    for (const o of g.outputs) {
      const x = ra[o.name];
      const y = rb[o.name];
      if (!y) throw new Error(`LiteRT.js output '${o.name}' missing (has ${Object.keys(rb).join(', ')})`);
      if (x.shape.join() !== y.shape.join()) throw new Error(`output '${o.name}': onnxruntime [${x.shape}] vs LiteRT.js [${y.shape}]`);
      let d = 0;
      for (let i = 0; i < x.data.length; i++) d = Math.max(d, Number.isNaN(y.data[i]) ? Infinity : Math.abs(Number(x.data[i]) - Number(y.data[i])));
      maxAbs[o.name] = d;
    }
    return { converted, maxAbs, tflite };
  } finally {
    await a.dispose();
    await b.dispose();
  }
}
