// TF padding (SAME / VALID / EXPLICIT) → ONNX explicit `pads` [top, left, bottom, right] for a 2-D window.
// TF SAME: out = ceil(in / stride), total = max((out-1)·stride + (k-1)·dilation + 1 − in, 0), the odd
// pixel goes at the end (bottom/right) — what ONNX calls SAME_UPPER; written explicitly here because the
// input size is known and explicit pads behave the same in every runtime.
import { attrInts, attrString } from '../attrs';
import type { OpCtx } from './types';

export interface Window2d {
  kernel: [number, number];
  strides: [number, number];
  dilations: [number, number];
}

/** Pads for input spatial size [h, w]. */
export function tfPads(cx: OpCtx, inHW: [number, number], win: Window2d): number[] {
  const padding = attrString(cx.node, 'padding', 'VALID');
  if (padding === 'VALID') return [0, 0, 0, 0];
  if (padding === 'EXPLICIT') {
    const e = attrInts(cx.node, 'explicit_paddings') ?? [];
    if (e.length !== 8) cx.fail(`explicit_paddings must hold 8 values, has ${e.length}`);
    // NHWC pairs: [n0,n1, h0,h1, w0,w1, c0,c1]
    if (e[0] || e[1] || e[6] || e[7]) cx.fail('explicit padding of the batch or channel axis');
    return [e[2], e[4], e[3], e[5]];
  }
  if (padding !== 'SAME') cx.fail(`padding '${padding}'`);
  const before: number[] = [];
  const after: number[] = [];
  for (let a = 0; a < 2; a++) {
    const n = inHW[a];
    const s = win.strides[a];
    const k = (win.kernel[a] - 1) * win.dilations[a] + 1;
    const out = Math.ceil(n / s);
    const total = Math.max((out - 1) * s + k - n, 0);
    before.push(Math.floor(total / 2));
    after.push(total - Math.floor(total / 2));
  }
  return [before[0], before[1], after[0], after[1]];
}

/** strides / dilations / ksize attrs in NHWC order → their [h, w] pair. */
export function hw(cx: OpCtx, key: string, dflt: number): [number, number] {
  const v = attrInts(cx.node, key);
  if (!v || v.length === 0) return [dflt, dflt];
  if (v.length !== 4) cx.fail(`${key} must have 4 entries, has ${v.length}`);
  if (v[0] !== 1 || v[3] !== 1) cx.fail(`${key} over the batch or channel axis (${v.join(',')})`);
  return [v[1], v[2]];
}

/** Refuses NCHW data_format (TF.js graph models are NHWC; an NCHW graph only runs on GPU TF anyway). */
export function requireNhwc(cx: OpCtx): void {
  const f = attrString(cx.node, 'data_format', 'NHWC');
  if (f !== 'NHWC') cx.fail(`data_format ${f} (only NHWC is converted)`);
}
