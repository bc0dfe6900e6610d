// Conv2D, DepthwiseConv2dNative and tfjs's fused forms (_FusedConv2D, FusedDepthwiseConv2dNative with
// fused_ops [BiasAdd?, activation?]). Layout: per op (see types.ts) — the NHWC input is transposed to
// NCHW, the ONNX Conv runs, the fused activation applies in NCHW, and the result is transposed back.
// Weights are static and re-laid at conversion time:
//   Conv2D filter [kh, kw, in, out] (HWIO)            → ONNX W [out, in, kh, kw], group 1;
//   depthwise filter [kh, kw, C, M] (channel mult. M)  → ONNX W [C·M, 1, kh, kw], group C
//   (TF output channel c·M + m reads input channel c, as ONNX group c's m-th filter does).
import { attrStrings } from '../attrs';
import type { ConstValue } from '../builder';
import { applyActivation, FUSED_ACTIVATIONS } from './activation';
import { hw, requireNhwc, tfPads } from './padding';
import { toNchw, toNhwc, type OpConverter, type OpCtx } from './types';

/** HWIO float32 → OIHW. */
function hwioToOihw(w: ConstValue): ConstValue {
  const [kh, kw, ci, co] = w.shape;
  const src = w.data as Float32Array;
  const dst = new Float32Array(src.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < ci; i++)
        for (let o = 0; o < co; o++) dst[((o * ci + i) * kh + y) * kw + x] = src[((y * kw + x) * ci + i) * co + o];
  return { dtype: 'float32', shape: [co, ci, kh, kw], data: dst };
}

/** Depthwise [kh, kw, C, M] → [C·M, 1, kh, kw]. */
function depthwiseToOihw(w: ConstValue): ConstValue {
  const [kh, kw, c, m] = w.shape;
  const src = w.data as Float32Array;
  const dst = new Float32Array(src.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let ch = 0; ch < c; ch++)
        for (let k = 0; k < m; k++) dst[((ch * m + k) * kh + y) * kw + x] = src[((y * kw + x) * c + ch) * m + k];
  return { dtype: 'float32', shape: [c * m, 1, kh, kw], data: dst };
}

function convert(cx: OpCtx, depthwise: boolean, fused: boolean): void {
  requireNhwc(cx);
  const w = cx.constant(1, 'filter');
  if (w.dtype !== 'float32' || w.shape.length !== 4) cx.fail(`filter must be a float32 4-D constant, is ${w.dtype} [${w.shape}]`);
  const inShape = cx.inShape(0);
  if (inShape.length !== 4) cx.fail(`input must be 4-D NHWC, is [${inShape}]`);
  const weight = depthwise ? depthwiseToOihw(w) : hwioToOihw(w);
  const strides = hw(cx, 'strides', 1);
  const dilations = hw(cx, 'dilations', 1);
  const kernel: [number, number] = [w.shape[0], w.shape[1]];
  const pads = tfPads(cx, [inShape[1], inShape[2]], { kernel, strides, dilations });
  const outChannels = weight.shape[0];
  const group = depthwise ? w.shape[2] : 1;
  if (!depthwise && inShape[3] !== w.shape[2]) {
    // Grouped conv in TF: in channels = groups × filter in-channels.
    if (inShape[3] % w.shape[2] !== 0) cx.fail(`input has ${inShape[3]} channels, filter expects ${w.shape[2]}`);
  }
  const groups = depthwise ? group : inShape[3] / w.shape[2];

  let fusedOps: string[] = [];
  if (fused) {
    fusedOps = attrStrings(cx.node, 'fused_ops');
    const bad = fusedOps.filter((o, i) => !(i === 0 && o === 'BiasAdd') && !FUSED_ACTIVATIONS.has(o));
    if (bad.length) cx.fail(`fused ops ${bad.join(', ')}`);
  }
  const hasBias = fusedOps[0] === 'BiasAdd';
  const act = fusedOps.find((o) => FUSED_ACTIVATIONS.has(o));
  const inputs = [toNchw(cx, cx.input(0)), cx.b.initializer(cx.b.fresh(`${cx.node.name}/W_oihw`), weight)];
  if (hasBias) {
    const bias = cx.value(2);
    if (bias && bias.shape.length === 1 && bias.shape[0] === outChannels) inputs.push(cx.input(2));
    else if (bias) cx.fail(`bias of shape [${bias.shape}] for ${outChannels} output channels`);
    else cx.fail('bias is not a constant');
  }
  let y = cx.b.tmp('Conv', inputs, `${cx.node.name}/conv_nchw`, {
    kernel_shape: kernel,
    strides,
    dilations,
    pads,
    group: groups,
  });
  if (act) {
    const slopeIdx = hasBias ? 3 : 2;
    y = applyActivation(cx, act, y, undefined, act === 'Prelu' ? { slope: cx.input(slopeIdx), rank: 4, channelAxis: 1, channels: outChannels } : undefined);
  }
  toNhwc(cx, y, cx.output());
}

export const convOps: Record<string, OpConverter> = {
  Conv2D: (cx) => convert(cx, false, false),
  DepthwiseConv2dNative: (cx) => convert(cx, true, false),
  _FusedConv2D: (cx) => convert(cx, false, true),
  FusedDepthwiseConv2dNative: (cx) => convert(cx, true, true),
};
