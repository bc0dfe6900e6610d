// ONNX pieces of quantization: typed initializers, QuantizeLinear / DequantizeLinear nodes, tensor element
// types (a small forward inference, so that only float tensors are ever quantized or calibrated) and the
// opset rule (per-axis DequantizeLinear needs opset ≥ 13).
import type { onnx } from 'onnx-proto';
import { EdgeLabError } from '../../../src-shared/protocol';
import { num, onnxPb, type GraphProto, type ModelProto, type TensorProto } from '../../models/onnx-model';
import { uniqueName } from '../onnx-edit';

/** TensorProto.DataType codes used here. */
export const DT = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7, BOOL: 9, FLOAT16: 10, DOUBLE: 11 } as const;
const ATTR_INT = 2;

export function initializer(name: string, dataType: number, dims: number[], data: Float32Array | Int8Array | Uint8Array | Int32Array): TensorProto {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  return onnxPb.TensorProto.create({ name, dataType, dims, rawData: bytes });
}

/** Scale (float32) and zero point initializers: scalars for per-tensor, 1-D [C] for per-axis. */
export function qparamInitializers(
  base: string,
  scales: Float32Array,
  zeroPoints: Int8Array | Uint8Array | Int32Array,
  zpType: number,
  perAxis: boolean,
  taken: Set<string>,
): { scale: TensorProto; zeroPoint: TensorProto } {
  const dims = perAxis ? [scales.length] : [];
  return {
    scale: initializer(uniqueName(`${base}_scale`, taken), DT.FLOAT, dims, scales),
    zeroPoint: initializer(uniqueName(`${base}_zero_point`, taken), zpType, dims, zeroPoints),
  };
}

export function quantizeNode(input: string, scale: string, zeroPoint: string, output: string, taken: Set<string>): onnx.NodeProto {
  return onnxPb.NodeProto.create({ name: uniqueName(`${output}_QuantizeLinear`, taken), opType: 'QuantizeLinear', input: [input, scale, zeroPoint], output: [output] });
}

export function dequantizeNode(input: string, scale: string, zeroPoint: string, output: string, taken: Set<string>, axis?: number): onnx.NodeProto {
  return onnxPb.NodeProto.create({
    name: uniqueName(`${output}_DequantizeLinear`, taken),
    opType: 'DequantizeLinear',
    input: [input, scale, zeroPoint],
    output: [output],
    attribute: axis === undefined ? [] : [onnxPb.AttributeProto.create({ name: 'axis', type: ATTR_INT, i: axis })],
  });
}

export function intAttr(n: onnx.INodeProto, name: string, dflt: number): number {
  const a = n.attribute?.find((x) => x.name === name);
  return a ? num(a.i) : dflt;
}

/** ONNX default-domain opset of the model (0 when absent). */
export function defaultOpset(model: ModelProto): number {
  return num(model.opsetImport?.find((o) => !o.domain || o.domain === 'ai.onnx')?.version);
}

/** Ops whose meaning changed at opset 13 (inputs instead of attributes, or axis semantics). */
const CHANGED_AT_13 = new Set(['Squeeze', 'Unsqueeze', 'ReduceSum', 'Split', 'Softmax', 'LogSoftmax', 'Hardmax']);

/**
 * Per-axis DequantizeLinear exists from opset 13. Models at 11–12 are moved to 13 when none of their ops
 * changed meaning at 13 (then the graph means the same); otherwise, or below 11, refuse naming the node.
 */
export function requireOpset13(model: ModelProto, file: string): { from: number; to: number } {
  const from = defaultOpset(model);
  if (from >= 13) return { from, to: from };
  if (from < 11) throw new EdgeLabError('UNSUPPORTED', `int8 needs ONNX opset 11–21 (model has opset ${from}); re-export it with opset ≥ 13`, file);
  const blocking = (model.graph?.node ?? []).find((n) => CHANGED_AT_13.has(n.opType ?? ''));
  if (blocking) {
    throw new EdgeLabError(
      'UNSUPPORTED',
      `per-channel int8 needs opset 13, and node '${blocking.name}' (${blocking.opType}) changed meaning at 13; re-export the model with opset ≥ 13`,
      file,
    );
  }
  for (const o of model.opsetImport ?? []) if (!o.domain || o.domain === 'ai.onnx') o.version = 13;
  return { from, to: 13 };
}

/**
 * Element type of every tensor of `g` that can be told without running it: value_info / inputs /
 * initializers first, then a forward pass over nodes (Shape → int64, Cast → to, comparisons → bool, most
 * ops → the type of their first typed input). Tensors left unknown are treated as not float.
 */
export function tensorTypes(g: GraphProto): Map<string, number> {
  const t = new Map<string, number>();
  for (const v of [...(g.input ?? []), ...(g.valueInfo ?? []), ...(g.output ?? [])]) {
    const e = v.type?.tensorType?.elemType;
    if (v.name && e) t.set(v.name, e);
  }
  for (const i of g.initializer ?? []) if (i.name) t.set(i.name, i.dataType ?? 0);
  const INT64_OUT = new Set(['Shape', 'Size', 'NonZero', 'ArgMax', 'ArgMin', 'NonMaxSuppression']);
  const BOOL_OUT = new Set(['Equal', 'Less', 'Greater', 'LessOrEqual', 'GreaterOrEqual', 'Not', 'And', 'Or', 'Xor', 'IsNaN', 'IsInf']);
  for (const n of g.node ?? []) {
    const op = n.opType ?? '';
    let out: number | undefined;
    if (INT64_OUT.has(op)) out = DT.INT64;
    else if (BOOL_OUT.has(op)) out = DT.BOOL;
    else if (op === 'Cast') out = intAttr(n, 'to', 0);
    else if (op === 'DequantizeLinear') out = DT.FLOAT;
    else if (op === 'QuantizeLinear') out = t.get(n.input?.[2] ?? '') ?? DT.UINT8;
    else if (op === 'Constant' || op === 'ConstantOfShape') out = n.attribute?.find((a) => a.name === 'value')?.t?.dataType ?? (op === 'ConstantOfShape' ? DT.FLOAT : undefined);
    else if (op === 'Where') out = t.get(n.input?.[1] ?? '');
    else out = (n.input ?? []).map((i) => t.get(i)).find((x) => x !== undefined);
    const outs = n.output ?? [];
    if (out !== undefined) for (let k = 0; k < outs.length; k++) if (!t.has(outs[k]) && (k === 0 || op === 'Split')) t.set(outs[k], out);
  }
  return t;
}
