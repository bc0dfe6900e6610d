// Conv → CONV_2D (group 1; OIHW weights → OHWI) or DEPTHWISE_CONV_2D (group = C_in, C_out = C_in × multiplier;
// OIHW [C_out,1,kh,kw] → 1HWO), on the NHWC-stored input, output permuted (NHWC-stored NCHW). Pads equal to
// TF's SAME split → 'SAME', none → 'VALID', else an explicit PAD op then 'VALID'. Fusions (as TF's converter
// makes them), each only through a tensor with one consumer that is not a graph output: a following Mul / Add /
// Sub by a per-channel (or scalar) constant folds into weights and bias (the batch-norm left after export), and a
// following Relu / Clip(0,6) / Clip(0,∞) / Min(6)+Max(0) becomes fused_activation_function RELU / RELU6; a
// per-channel shift after a residual Add of the output moves into the bias too.
import type { onnx } from 'onnx-proto';
import { float32Const, addTensor } from '../../../formats/tflite/model-ir';
import type { EmitCtx } from '../context';
import { size, transposeData } from '../values';
import { clipBounds, intAttr, intsAttr, stringAttr, type OpEmitter } from './types';

/** TF SAME padding of one spatial dim: [before, after] and the output size. */
export function samePads(inSize: number, k: number, s: number, d: number): [number, number] {
  const out = Math.ceil(inSize / s);
  const total = Math.max((out - 1) * s + (k - 1) * d + 1 - inSize, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

export interface Window {
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  dh: number;
  dw: number;
  /** ONNX pads [top, left, bottom, right]. */
  pads: number[];
}

export function windowOf(n: onnx.INodeProto, inShape: number[], kernel: number[]): Window {
  const [sh, sw] = intsAttr(n, 'strides') ?? [1, 1];
  const [dh, dw] = intsAttr(n, 'dilations') ?? [1, 1];
  const [kh, kw] = kernel;
  const auto = stringAttr(n, 'auto_pad', 'NOTSET');
  let pads = intsAttr(n, 'pads') ?? [0, 0, 0, 0];
  if (auto === 'SAME_UPPER' || auto === 'SAME_LOWER') {
    const [t, b] = samePads(inShape[2], kh, sh, dh);
    const [l, r] = samePads(inShape[3], kw, sw, dw);
    pads = auto === 'SAME_UPPER' ? [t, l, b, r] : [b, r, t, l];
  } else if (auto === 'VALID') pads = [0, 0, 0, 0];
  return { kh, kw, sh, sw, dh, dw, pads };
}

/** 'SAME' / 'VALID' when the ONNX pads are one of them, else undefined (an explicit PAD is needed). */
export function paddingOf(w: Window, inShape: number[]): 'SAME' | 'VALID' | undefined {
  if (w.pads.every((p) => p === 0)) return 'VALID';
  const [t, b] = samePads(inShape[2], w.kh, w.sh, w.dh);
  const [l, r] = samePads(inShape[3], w.kw, w.sw, w.dw);
  return w.pads[0] === t && w.pads[1] === l && w.pads[2] === b && w.pads[3] === r ? 'SAME' : undefined;
}

/** Per-output-channel values of a constant that broadcasts along the channel axis of [1, C, H, W] only. */
function perChannel(cx: EmitCtx, name: string, channels: number): Float32Array | undefined {
  const v = cx.constVal(name);
  if (!v || v.kind !== 'float32' || v.shape.length > 4) return undefined;
  const s = [...new Array<number>(4 - v.shape.length).fill(1), ...v.shape];
  if (s[0] !== 1 || s[2] !== 1 || s[3] !== 1 || (s[1] !== 1 && s[1] !== channels)) return undefined;
  return s[1] === channels ? Float32Array.from(v.data) : new Float32Array(channels).fill(v.data[0]);
}

const conv: OpEmitter = (cx, n) => {
  const [x, wName, bName] = n.input ?? [];
  const wv = cx.constVal(wName);
  if (!wv || wv.kind !== 'float32' || wv.shape.length !== 4) return cx.fail(n, 'only 2-D convolutions with constant float weights are mapped');
  const inShape = cx.shape(x);
  const [O, Ig, kh, kw] = wv.shape;
  const group = intAttr(n, 'group', 1);
  const cin = inShape[1];
  const depthwise = group > 1 && group === cin && Ig === 1 && O % cin === 0;
  if (group !== 1 && !depthwise) cx.fail(n, `grouped convolution (group ${group} of ${cin} channels) has no TFLite op`);
  const w = windowOf(n, inShape, [kh, kw]);
  const weights = Float32Array.from(wv.data);
  const bias = bName ? Float32Array.from(cx.constVal(bName)?.data ?? cx.fail(n, 'bias must be a constant')) : new Float32Array(O);
  // fusions
  let outName = n.output![0];
  let act = 'NONE';
  const per = size([Ig, kh, kw]);
  for (;;) {
    const c = cx.soleConsumer(outName);
    if (!c || (c.opType !== 'Mul' && c.opType !== 'Add' && c.opType !== 'Sub')) break;
    const other = c.input![0] === outName ? c.input![1] : c.input![0];
    if (c.opType === 'Sub' && c.input![0] !== outName) break;
    const k = perChannel(cx, other, O);
    if (!k) break;
    for (let o = 0; o < O; o++) {
      if (c.opType === 'Mul') {
        for (let i = 0; i < per; i++) weights[o * per + i] *= k[o];
        bias[o] *= k[o];
      } else bias[o] += c.opType === 'Add' ? k[o] : -k[o];
    }
    cx.done.add(c);
    outName = c.output![0];
  }
  // a residual Add/Sum of this output whose result is then shifted by a per-channel constant (SSD's project convs:
  // Sum(conv, skip) then Add(bn_offset, ·)): the shift moves into this bias and that Add becomes an alias
  const res = cx.soleConsumer(outName);
  const shift = res && (res.opType === 'Add' || res.opType === 'Sum') && res.input?.length === 2 && res.input.every((i) => !cx.isConst(i)) ? cx.soleConsumer(res.output![0]) : undefined;
  if (shift && !cx.done.has(shift) && (shift.opType === 'Add' || (shift.opType === 'Sub' && shift.input![0] === res!.output![0]))) {
    const other = shift.input![0] === res!.output![0] ? shift.input![1] : shift.input![0];
    const k = perChannel(cx, other, O);
    if (k) {
      for (let o = 0; o < O; o++) bias[o] += shift.opType === 'Add' ? k[o] : -k[o];
      cx.done.add(shift);
      cx.aliasWhenDefined(shift.output![0], res!.output![0]);
    }
  }
  const a = cx.soleConsumer(outName);
  if (a?.opType === 'Relu' || a?.opType === 'Clip') {
    const [lo, hi] = a.opType === 'Relu' ? [0, Infinity] : clipBounds(cx, a);
    const fused = lo === 0 && hi === 6 ? 'RELU6' : lo === 0 && hi === Infinity ? 'RELU' : undefined;
    if (fused) {
      act = fused;
      cx.done.add(a);
      outName = a.output![0];
    }
  }
  // clip_by_value(x, 0, 6) exported as Min(·, 6) → Max(·, 0) (either order), after a Relu or not: RELU6
  if (act === 'NONE' || act === 'RELU') {
    const first = cx.soleConsumer(outName);
    const second = first && cx.soleConsumer(first.output![0]);
    const bound = (c: onnx.INodeProto | undefined, op: string): number | undefined => {
      if (c?.opType !== op) return undefined;
      const other = c.input![0] === (c === first ? outName : first!.output![0]) ? c.input![1] : c.input![0];
      const v = cx.constVal(other);
      return v && v.kind === 'float32' && v.data.length === 1 ? v.data[0] : undefined;
    };
    const minMax = bound(first, 'Min') === 6 && bound(second, 'Max') === 0;
    const maxMin = bound(first, 'Max') === 0 && bound(second, 'Min') === 6;
    if (minMax || maxMin) {
      act = 'RELU6';
      cx.done.add(first!);
      cx.done.add(second!);
      outName = second!.output![0];
    }
  }
  let input = cx.nhwc(x);
  let padding = paddingOf(w, inShape);
  if (!padding) {
    const [t, l, b, r] = w.pads;
    const padded = cx.activation(`${n.output![0]}/pad`, 'float32', [inShape[0], inShape[2] + t + b, inShape[3] + l + r, inShape[1]]);
    cx.op('PAD', [input, cx.int32(`${n.output![0]}/paddings`, [4, 2], [0, 0, t, b, l, r, 0, 0])], [padded]);
    input = padded;
    padding = 'VALID';
  }
  const filt = depthwise ? transposeData(weights, [O, 1, kh, kw], [1, 2, 3, 0]) : transposeData(weights, [O, Ig, kh, kw], [0, 2, 3, 1]);
  const wIdx = addTensor(cx.model, { ...float32Const(wName, depthwise ? [1, kh, kw, O] : [O, kh, kw, Ig], filt) });
  const bIdx = addTensor(cx.model, float32Const(bName || `${n.output![0]}/bias`, [O], bias));
  const shape = cx.shape(n.output![0]);
  const out = cx.activation(outName, 'float32', [shape[0], shape[2], shape[3], shape[1]]);
  cx.define(outName, out, true, shape);
  const common = { padding, stride_w: w.sw, stride_h: w.sh, fused_activation_function: act, dilation_w_factor: w.dw, dilation_h_factor: w.dh };
  if (depthwise) cx.op('DEPTHWISE_CONV_2D', [input, wIdx, bIdx], [out], { ...common, depth_multiplier: O / cin });
  else cx.op('CONV_2D', [input, wIdx, bIdx], [out], common);
};

export const convOps: Record<string, OpEmitter> = { Conv: conv };
