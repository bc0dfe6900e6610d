// Pooling and reductions. MaxPool/AvgPool run in NCHW (per-op Transposes, see types.ts) with explicit
// pads from TF's SAME rule; TF's AvgPool never counts padding, nor does ONNX with count_include_pad = 0.
// Mean/Sum/Max/Min/Prod with constant axes → ONNX Reduce* on the NHWC tensor itself (no layout change).
// Opset 13: ReduceSum takes axes as an int64 input, the others as an attribute. TF with an empty axes
// list reduces nothing (Identity); ONNX with no axes would reduce everything — handled explicitly.
import { attrBool } from '../attrs';
import { hw, requireNhwc, tfPads } from './padding';
import { numbers, toNchw, toNhwc, type OpConverter, type OpCtx } from './types';

function pool(onnxOp: 'MaxPool' | 'AveragePool'): OpConverter {
  return (cx) => {
    requireNhwc(cx);
    const s = cx.inShape(0);
    if (s.length !== 4) cx.fail(`input must be 4-D NHWC, is [${s}]`);
    const kernel = hw(cx, 'ksize', 1);
    const strides = hw(cx, 'strides', 1);
    const pads = tfPads(cx, [s[1], s[2]], { kernel, strides, dilations: [1, 1] });
    const attrs: Record<string, number | number[]> = { kernel_shape: kernel, strides, pads };
    if (onnxOp === 'AveragePool') attrs.count_include_pad = 0;
    const y = cx.b.tmp(onnxOp, [toNchw(cx, cx.input(0))], `${cx.node.name}/pool_nchw`, attrs);
    toNhwc(cx, y, cx.output());
  };
}

function reduce(onnxOp: string): OpConverter {
  return (cx: OpCtx) => {
    const rank = cx.inShape(0).length;
    const axes = [...new Set(numbers(cx.constant(1, 'reduction axes')).map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
    const keepdims = attrBool(cx.node, 'keep_dims', false) ? 1 : 0;
    if (axes.length === 0) {
      cx.b.node('Identity', [cx.input(0)], [cx.output()]);
      return;
    }
    if (onnxOp === 'ReduceSum') cx.b.node(onnxOp, [cx.input(0), cx.b.int64(axes, `${cx.node.name}/axes`)], [cx.output()], { keepdims });
    else cx.b.node(onnxOp, [cx.input(0)], [cx.output()], { axes, keepdims });
  };
}

export const poolOps: Record<string, OpConverter> = {
  MaxPool: pool('MaxPool'),
  AvgPool: pool('AveragePool'),
  Mean: reduce('ReduceMean'),
  Sum: reduce('ReduceSum'),
  Max: reduce('ReduceMax'),
  Min: reduce('ReduceMin'),
  Prod: reduce('ReduceProd'),
};
