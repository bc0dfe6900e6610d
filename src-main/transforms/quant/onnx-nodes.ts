// ONNX pieces of quantization: QuantizeLinear / DequantizeLinear nodes with their scale / zero-point
// initializers, and the opset rule (per-axis DequantizeLinear needs opset ≥ 13). Element types come from
// formats/onnx (dtypes.ts, tensor-types.ts); generic graph edits from formats/onnx/edit.ts.
import type { onnx } from 'onnx-proto';
import { EdgeLabError } from '../../../src-shared/protocol';
import { onnxPb, type ModelProto, type TensorProto } from '../../formats/onnx/codec';
import { DT } from '../../formats/onnx/dtypes';
import { defaultOpset, initializer, uniqueName } from '../../formats/onnx/edit';

const ATTR_INT = 2;

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
