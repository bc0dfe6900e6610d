// A small ONNX graph builder: nodes in emission order (callers emit in topological order), initializers,
// collision-free names, and the final ModelProto (opset 13). Tensor names keep the TF.js names
// ("node" for output 0, "node:k" for output k) so that decoders and per-layer comparisons find them.
import type { onnx } from 'onnx-proto';
import { onnxPb } from '../../formats/onnx/codec';
import { DT, onnxDtypeCode } from '../../formats/onnx/dtypes';

export const OPSET = 13;

/** The dtypes the converter emits; their TensorProto.DataType codes come from the one ONNX table (formats/onnx/dtypes.ts). */
const EMITTED = new Set(['float32', 'uint8', 'int8', 'int32', 'int64', 'bool']);

/** TensorProto.DataType code of a dtype the converter emits, else undefined. */
export function onnxType(dtype: string): number | undefined {
  return EMITTED.has(dtype) ? onnxDtypeCode(dtype) : undefined;
}

/** Plain number = INT attribute; { f } = FLOAT; number[] = INTS; string = STRING; { fs } = FLOATS. */
export type Attr = number | number[] | string | { f: number } | { fs: number[] };

/** Host value of a tensor known at conversion time. */
export interface ConstValue {
  dtype: 'float32' | 'int32' | 'bool' | 'int64';
  shape: number[];
  data: Float32Array | Int32Array | Uint8Array | number[];
}

function attribute(name: string, v: Attr): onnx.AttributeProto {
  const A = onnxPb.AttributeProto;
  if (typeof v === 'number') return A.create({ name, type: 2, i: v });
  if (typeof v === 'string') return A.create({ name, type: 3, s: new TextEncoder().encode(v) });
  if (Array.isArray(v)) return A.create({ name, type: 7, ints: v });
  if ('f' in v) return A.create({ name, type: 1, f: v.f });
  return A.create({ name, type: 6, floats: v.fs });
}

function rawBytes(v: ConstValue): Uint8Array {
  const n = v.shape.reduce((a, b) => a * b, 1);
  let typed: ArrayBufferView;
  if (v.dtype === 'int64') typed = BigInt64Array.from(Array.from(v.data as ArrayLike<number>), (x) => BigInt(Math.trunc(x)));
  else if (v.dtype === 'float32') typed = v.data instanceof Float32Array ? v.data : Float32Array.from(v.data as ArrayLike<number>);
  else if (v.dtype === 'int32') typed = v.data instanceof Int32Array ? v.data : Int32Array.from(v.data as ArrayLike<number>);
  else typed = Uint8Array.from(v.data as ArrayLike<number>, (x) => (x ? 1 : 0));
  const bytes = new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
  if ((typed as unknown as { length: number }).length !== n) throw new Error(`constant has ${(typed as unknown as { length: number }).length} values for shape [${v.shape}]`);
  return bytes.slice();
}

export class OnnxBuilder {
  readonly nodes: onnx.NodeProto[] = [];
  readonly initializers: onnx.TensorProto[] = [];
  private readonly taken = new Set<string>();
  private readonly inits = new Set<string>();

  /** Reserves a name (TF names are reserved up front so temporaries never collide with them). */
  reserve(name: string): void {
    this.taken.add(name);
  }

  /** A fresh tensor/node name derived from `base`. */
  fresh(base: string): string {
    let n = base;
    for (let i = 1; this.taken.has(n); i++) n = `${base}_${i}`;
    this.taken.add(n);
    return n;
  }

  hasInitializer(name: string): boolean {
    return this.inits.has(name);
  }

  /** Adds an initializer named exactly `name` (once). */
  initializer(name: string, v: ConstValue): string {
    if (this.inits.has(name)) return name;
    this.inits.add(name);
    this.taken.add(name);
    this.initializers.push(onnxPb.TensorProto.create({ name, dims: v.shape, dataType: onnxType(v.dtype), rawData: rawBytes(v) }));
    return name;
  }

  /** Adds an initializer from raw little-endian bytes (a re-laid copy of another one). */
  rawInitializer(name: string, dims: number[], dataType: number, raw: Uint8Array): string {
    this.inits.add(name);
    this.taken.add(name);
    this.initializers.push(onnxPb.TensorProto.create({ name, dims, dataType, rawData: raw }));
    return name;
  }

  /** A fresh int64 initializer (shapes, axes, pads, sizes); `scalar` makes it 0-D. */
  int64(values: number[], base: string, scalar = false): string {
    return this.initializer(this.fresh(base), { dtype: 'int64', shape: scalar ? [] : [values.length], data: values });
  }

  float(values: number[], base: string, scalar = false): string {
    return this.initializer(this.fresh(base), { dtype: 'float32', shape: scalar ? [] : [values.length], data: Float32Array.from(values) });
  }

  /** Emits one node; returns its first output. */
  node(opType: string, inputs: string[], outputs: string[], attrs: Record<string, Attr> = {}, name?: string): string {
    for (const o of outputs) this.taken.add(o);
    this.nodes.push(
      onnxPb.NodeProto.create({
        name: this.fresh(name ?? `${outputs[0]}__${opType}`),
        opType,
        input: inputs,
        output: outputs,
        attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
      }),
    );
    return outputs[0];
  }

  /** Emits `opType` writing a fresh temporary named after `base`; returns it. */
  tmp(opType: string, inputs: string[], base: string, attrs: Record<string, Attr> = {}): string {
    return this.node(opType, inputs, [this.fresh(base)], attrs);
  }
}

export function valueInfo(name: string, dtype: string, shape: number[]): onnx.ValueInfoProto {
  return onnxPb.ValueInfoProto.create({
    name,
    type: onnxPb.TypeProto.create({
      tensorType: onnxPb.TypeProto.Tensor.create({
        elemType: onnxType(dtype) ?? DT.FLOAT,
        shape: onnxPb.TensorShapeProto.create({ dim: shape.map((d) => onnxPb.TensorShapeProto.Dimension.create({ dimValue: d })) }),
      }),
    }),
  });
}
