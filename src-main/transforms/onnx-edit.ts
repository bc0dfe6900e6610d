// Small ONNX graph-editing helpers shared by the fp16 transforms: collision-free names and Cast nodes.
import type { onnx } from 'onnx-proto';
import { onnxPb, tensorElements, walkGraphs, type GraphProto, type TensorProto } from '../models/onnx-model';
import { encodeFloat16 } from './half';

export const FLOAT = 1;
export const FLOAT16 = 10;
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
  return onnxPb.TensorProto.create({ name, dims: t.dims, dataType: FLOAT16, rawData: new Uint8Array(half.buffer), docString: t.docString ?? '' });
}

