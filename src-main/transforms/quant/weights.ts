// Weights of Conv / Gemm / MatMul → int8 symmetric per output channel, stored as INT8 initializers and
// dequantized at run time by a per-axis DequantizeLinear (opset ≥ 13). The output-channel axis depends on
// the op and its layout:
//   Conv      W [M, C/group, kH, kW]           → axis 0 (M output channels)
//   ConvTranspose W [C, M/group, kH, kW]       → axis 1
//   Gemm      B [K, N] (transB = 0)            → axis 1;  B [N, K] (transB = 1) → axis 0
//   MatMul    B [K, N] (rank 2, right operand) → axis 1 (the last dim: one scale per output column)
import type { onnx } from 'onnx-proto';
import { tensorElements, type GraphProto, type TensorProto } from '../../formats/onnx/codec';
import { floatValues, initializer, uniqueName } from '../../formats/onnx/edit';
import { INT8_QMAX, quantizePerChannelInt8 } from './qdq-math';
import { DT } from '../../formats/onnx/dtypes';
import { dequantizeNode, qparamInitializers } from './onnx-nodes';
import { intAttr, num, walkGraphs } from '../../formats/onnx/codec';

/** Output-channel axis of input `index` of `node` when it is a weight EdgeLab quantizes per channel, else undefined. */
export function weightAxis(node: onnx.INodeProto, index: number, rank: number): number | undefined {
  const op = node.opType;
  if (index !== 1) return undefined;
  if (op === 'Conv' && rank >= 3) return 0;
  if (op === 'ConvTranspose' && rank >= 3) return 1;
  if (op === 'Gemm' && rank === 2) return intAttr(node, 'transB', 0) ? 0 : 1;
  if (op === 'MatMul' && rank === 2) return 1;
  return undefined;
}

export interface QuantizedWeight {
  /** Float tensor (output of the DequantizeLinear) to feed the consumer. */
  output: string;
  /** Per-channel float32 scales, length dims[axis] (length 1 when per-tensor). */
  scales: Float32Array;
  /** -1 when per-tensor. */
  axis: number;
  node: onnx.NodeProto;
}

/**
 * Replaces float32 initializer `t` in `g` by `<name>_quantized` (INT8) + scale + zero point, and returns a
 * DequantizeLinear node (not yet inserted) producing `<name>_dequantized`. The float initializer is removed
 * once no other node reads it (the caller rewires the consumers).
 */
export function quantizeWeight(g: GraphProto, t: TensorProto, axis: number | 'tensor', taken: Set<string>, file: string, qmax = INT8_QMAX): QuantizedWeight {
  const name = t.name ?? '';
  const dims = (t.dims ?? []).map((d) => num(d));
  const values = floatValues(t, tensorElements(t, file));
  const perAxis = axis !== 'tensor';
  // Per-tensor = one channel over the flattened tensor.
  const { q, scales } = perAxis ? quantizePerChannelInt8(values, dims, axis, qmax) : quantizePerChannelInt8(values, [1, values.length], 0, qmax);
  const qName = uniqueName(`${name}_quantized`, taken);
  const params = qparamInitializers(name, scales, new Int8Array(scales.length), DT.INT8, perAxis, taken);
  g.initializer!.push(initializer(qName, DT.INT8, dims, q), params.scale, params.zeroPoint);
  const output = uniqueName(`${name}_dequantized`, taken);
  const node = dequantizeNode(qName, params.scale.name!, params.zeroPoint.name!, output, taken, perAxis ? axis : undefined);
  return { output, scales, axis: perAxis ? axis : -1, node };
}

/** Drops initializers no node input, subgraph or graph output refers to any more. */
export function dropUnusedInitializers(g: GraphProto): void {
  const used = new Set<string>();
  walkGraphs(g, (sg) => {
    for (const n of sg.node ?? []) for (const i of n.input ?? []) used.add(i);
  });
  for (const o of g.output ?? []) used.add(o.name ?? '');
  for (const v of g.input ?? []) used.add(v.name ?? '');
  g.initializer = (g.initializer ?? []).filter((t) => used.has(t.name ?? ''));
}
