// Dense layers and Softmax: MatMul by a constant [K, N] matrix and Gemm (constant B, transA 0) → FULLY_CONNECTED with
// TFLite's [N, K] weights (keep_num_dims for rank > 2; Gemm's alpha/beta/C folded into weights and bias); Softmax
// over the last axis → SOFTMAX (beta 1; on a permuted 4-D input the channel axis is the stored last axis).
import { float32Const, addTensor } from '../../../formats/tflite/model-ir';
import { LOGICAL_TO_STORED } from '../context';
import { transposeData } from '../values';
import { axisOf, floatAttr, intAttr, output, type OpEmitter } from './types';
import type { EmitCtx } from '../context';
import type { onnx } from 'onnx-proto';

function dense(cx: EmitCtx, n: onnx.INodeProto, a: string, kn: Float32Array, K: number, N: number, bias: Float32Array): void {
  const aShape = cx.shape(a);
  if (aShape[aShape.length - 1] !== K) cx.fail(n, `inner dimensions differ (${aShape[aShape.length - 1]} vs ${K})`);
  const name = n.output![0];
  const w = addTensor(cx.model, float32Const(`${name}/weights`, [N, K], transposeData(kn, [K, N], [1, 0])));
  const b = addTensor(cx.model, float32Const(`${name}/bias`, [N], bias));
  cx.op('FULLY_CONNECTED', [cx.logical(a), w, b], [output(cx, name, false)], { fused_activation_function: 'NONE', keep_num_dims: aShape.length > 2 });
}

const matmul: OpEmitter = (cx, n) => {
  const [a, bName] = n.input ?? [];
  const bv = cx.constVal(bName);
  if (!bv || bv.kind !== 'float32' || bv.shape.length !== 2 || cx.vals.has(bName)) return cx.fail(n, 'only MatMul by a constant 2-D float matrix maps to FULLY_CONNECTED');
  const [K, N] = bv.shape;
  dense(cx, n, a, Float32Array.from(bv.data), K, N, new Float32Array(N));
};

const gemm: OpEmitter = (cx, n) => {
  const [a, bName, cName] = n.input ?? [];
  const bv = cx.constVal(bName);
  if (!bv || bv.kind !== 'float32' || bv.shape.length !== 2 || intAttr(n, 'transA', 0) !== 0) return cx.fail(n, 'only Gemm with transA 0 and a constant B maps to FULLY_CONNECTED');
  const alpha = floatAttr(n, 'alpha') ?? 1;
  const beta = floatAttr(n, 'beta') ?? 1;
  const transB = intAttr(n, 'transB', 0) !== 0;
  const [K, N] = transB ? [bv.shape[1], bv.shape[0]] : bv.shape;
  const scaled = Float32Array.from(bv.data, (v) => v * alpha);
  const kn = transB ? transposeData(scaled, [N, K], [1, 0]) : scaled; // [K, N]
  const bias = new Float32Array(N);
  if (cName) {
    const c = cx.constVal(cName);
    if (!c || c.kind !== 'float32' || (c.data.length !== 1 && c.data.length !== N)) return cx.fail(n, 'C must be a constant scalar or row of N values');
    for (let j = 0; j < N; j++) bias[j] = beta * c.data[c.data.length === 1 ? 0 : j];
  }
  dense(cx, n, a, kn, K, N, bias);
};

const softmax: OpEmitter = (cx, n) => {
  const x = n.input![0];
  const rank = cx.shape(x).length;
  const axis = axisOf(intAttr(n, 'axis', -1), rank);
  const permuted = cx.isPermuted(x) && LOGICAL_TO_STORED[axis] === 3;
  if (!permuted && axis !== rank - 1) return cx.fail(n, 'Softmax over another axis than the last is not mapped');
  const input = permuted ? cx.nhwc(x) : cx.logical(x);
  cx.op('SOFTMAX', [input], [output(cx, n.output![0], permuted)], { beta: 1 });
};

export const matmulOps: Record<string, OpEmitter> = { MatMul: matmul, Gemm: gemm, Softmax: softmax };
