// Pooling and reductions: MaxPool → MAX_POOL_2D, AveragePool (count_include_pad 0) → AVERAGE_POOL_2D (SAME or
// VALID pads only: TFLite pools have no explicit padding; MaxPool's SAME ignores the padded cells like ONNX),
// GlobalAveragePool and ReduceMean → MEAN (axes remapped on a permuted input; keepdims kept).
import { axisOf, constNumbers, intAttr, intsAttr, output, type OpEmitter } from './types';
import { LOGICAL_TO_STORED } from '../context';
import { paddingOf, windowOf } from './conv';

function pool(tfOp: 'MAX_POOL_2D' | 'AVERAGE_POOL_2D'): OpEmitter {
  return (cx, n) => {
    const x = n.input![0];
    const inShape = cx.shape(x);
    const kernel = intsAttr(n, 'kernel_shape') ?? cx.fail(n, 'no kernel_shape');
    if (kernel.length !== 2 || inShape.length !== 4) cx.fail(n, 'only 2-D pooling is mapped');
    if (intAttr(n, 'ceil_mode', 0) !== 0) cx.fail(n, 'ceil_mode=1 has no TFLite equivalent');
    const w = windowOf(n, inShape, kernel);
    if (w.dh !== 1 || w.dw !== 1) cx.fail(n, 'dilated pooling has no TFLite op');
    const padding = paddingOf(w, inShape);
    if (!padding) return cx.fail(n, `pads [${w.pads}] are neither SAME nor VALID (TFLite pools take no explicit padding)`);
    if (tfOp === 'AVERAGE_POOL_2D' && padding === 'SAME' && intAttr(n, 'count_include_pad', 0) !== 0) cx.fail(n, 'count_include_pad=1 with padding differs from TFLite');
    const input = cx.nhwc(x);
    cx.op(tfOp, [input], [output(cx, n.output![0], true)], {
      padding,
      stride_w: w.sw,
      stride_h: w.sh,
      filter_width: w.kw,
      filter_height: w.kh,
      fused_activation_function: 'NONE',
    });
  };
}

function mean(axes: number[], keep: boolean, cx: Parameters<OpEmitter>[0], n: Parameters<OpEmitter>[1]): void {
  const x = n.input![0];
  const rank = cx.shape(x).length;
  const norm = axes.map((a) => axisOf(a, rank));
  // On a permuted input the reduction reads the stored tensor; without keepdims that is right when the axes left
  // keep their logical order in storage (e.g. over H, W: [N, C] either way).
  const left = [...Array(rank).keys()].filter((a) => !norm.includes(a)).map((a) => LOGICAL_TO_STORED[a]);
  const onStored = cx.isPermuted(x) && (keep || left.every((v, i) => i === 0 || v > left[i - 1]));
  const input = onStored ? cx.nhwc(x) : cx.logical(x);
  const axes2 = onStored ? norm.map((a) => LOGICAL_TO_STORED[a]) : norm;
  cx.op('MEAN', [input, cx.int32(`${n.output![0]}/axes`, [axes2.length], axes2)], [output(cx, n.output![0], onStored && keep)], { keep_dims: keep });
}

export const poolOps: Record<string, OpEmitter> = {
  MaxPool: pool('MAX_POOL_2D'),
  AveragePool: pool('AVERAGE_POOL_2D'),
  GlobalAveragePool: (cx, n) => mean([2, 3], true, cx, n),
  ReduceMean: (cx, n) => {
    const rank = cx.shape(n.input![0]).length;
    const axes = intsAttr(n, 'axes') ?? (n.input?.[1] ? constNumbers(cx, n, n.input[1], 'axes') : [...Array(rank).keys()]);
    mean(axes, intAttr(n, 'keepdims', 1) !== 0, cx, n);
  },
};
