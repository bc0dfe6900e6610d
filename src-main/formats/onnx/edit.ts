// ONNX graph edits shared by the transforms, taps and calibration: collision-free names, Cast nodes, typed
// initializers, float16 copies of initializers, and extra graph outputs. Edits mutate the ModelProto /
// GraphProto they are given; a name returned by uniqueName is reserved in `taken`.
import type { onnx } from 'onnx-proto';
import { encodeFloat16 } from '../half';
import { num, onnxPb, tensorElements, walkGraphs, type GraphProto, type ModelProto, type TensorProto } from './codec';
import { DT } from './dtypes';

const ATTR_INT = 2; // AttributeProto.AttributeType.INT

/** Every name in use in `g` and its subgraphs (tensors, nodes, initializers, value infos). */
export function namesInUse(g: GraphProto): Set<string> {
  const taken = new Set<string>();
  walkGraphs(g, (sg) => {
    for (const n of sg.node ?? []) for (const x of [...(n.input ?? []), ...(n.output ?? []), n.name ?? '']) taken.add(x);
    for (const t of sg.initializer ?? []) taken.add(t.name ?? '');
    for (const v of [...(sg.input ?? []), ...(sg.output ?? []), ...(sg.valueInfo ?? [])]) taken.add(v.name ?? '');
  });
  return taken;
}

/** `base`, or `base_1`, `base_2`… — the first not in `taken`; reserves it. */
export function uniqueName(base: string, taken: Set<string>): string {
  let n = base;
  for (let i = 1; taken.has(n); i++) n = `${base}_${i}`;
  taken.add(n);
  return n;
}

/** Cast(to) node reading `input` and writing `output`. `to` is a TensorProto.DataType (FLOAT, FLOAT16). */
export function castNode(input: string, output: string, to: number, taken: Set<string>): onnx.NodeProto {
  return onnxPb.NodeProto.create({
    name: uniqueName(`${output}__cast`, taken),
    opType: 'Cast',
    input: [input],
    output: [output],
    attribute: [onnxPb.AttributeProto.create({ name: 'to', type: ATTR_INT, i: to })],
  });
}

/** float32 values of an initializer (raw little-endian bytes or float_data). */
export function floatValues(t: TensorProto, count: number): Float32Array {
  const raw = t.rawData;
  if (raw && raw.length > 0) {
    const f = new Float32Array(count);
    new Uint8Array(f.buffer).set(raw); // copy: raw_data need not be 4-byte aligned
    return f;
  }
  return Float32Array.from(t.floatData ?? []);
}

/** A FLOAT16 copy of float32 initializer `t` under `name`. */
export function halfInitializer(t: TensorProto, name: string, file: string): TensorProto {
  const half = encodeFloat16(floatValues(t, tensorElements(t, file)));
  return onnxPb.TensorProto.create({ name, dims: t.dims, dataType: DT.FLOAT16, rawData: new Uint8Array(half.buffer), docString: t.docString ?? '' });
}

/** Initializer `name` holding `data` as raw little-endian bytes (copied) of TensorProto.DataType `dataType`. */
export function initializer(name: string, dataType: number, dims: number[], data: Float32Array | Int8Array | Uint8Array | Int32Array | BigInt64Array): TensorProto {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  return onnxPb.TensorProto.create({ name, dataType, dims, rawData: bytes });
}

/**
 * Lists each tensor of `outputs` as a graph output of `model` (tensors already listed stay as they are), declared
 * with its element type and no shape: requesting a tensor as an output keeps it through ORT's graph
 * optimisations, as onnxruntime's calibration tool augments a model. Returns the names added.
 */
export function addGraphOutputs(model: ModelProto, outputs: { name: string; elemType: number }[]): string[] {
  const g = model.graph!;
  g.output ??= [];
  const have = new Set(g.output.map((v) => v.name ?? ''));
  const added: string[] = [];
  for (const o of outputs) {
    if (have.has(o.name)) continue;
    g.output.push(onnxPb.ValueInfoProto.create({ name: o.name, type: onnxPb.TypeProto.create({ tensorType: onnxPb.TypeProto.Tensor.create({ elemType: o.elemType }) }) }));
    have.add(o.name);
    added.push(o.name);
  }
  return added;
}

/** ONNX default-domain opset of the model (0 when absent). */
export function defaultOpset(model: ModelProto): number {
  return num(model.opsetImport?.find((o) => !o.domain || o.domain === 'ai.onnx')?.version);
}
