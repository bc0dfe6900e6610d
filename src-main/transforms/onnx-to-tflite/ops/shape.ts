// Layout and shape ops: Transpose (an alias when it maps between the logical and the NHWC-stored layout, else
// TRANSPOSE composed with the stored layout), Identity (alias), Reshape / Flatten / Squeeze / Unsqueeze (RESHAPE
// of the logical tensor to the probed shape), Concat (→ CONCATENATION, axis remapped on permuted inputs; an
// activation between all-zero constants → PAD), Cast
// (int64 ↔ int32 and same-kind casts are aliases: TFLite carries int64 as int32; else CAST).
import { axisOf, intAttr, intsAttr, operand, output, permutedMode, type OpEmitter } from './types';
import { LOGICAL_TO_STORED, NHWC_TO_NCHW } from '../context';
import { kindOfOnnx } from '../values';

const alias: OpEmitter = (cx, n) => {
  const v = cx.val(n.input![0]);
  cx.define(n.output![0], v.index, v.permuted, v.shape);
};

const isIdentity = (p: number[]): boolean => p.every((x, i) => x === i);

const transpose: OpEmitter = (cx, n) => {
  const x = n.input![0];
  const rank = cx.shape(x).length;
  const perm = intsAttr(n, 'perm') ?? [...Array(rank).keys()].reverse();
  const v = cx.val(x);
  const name = n.output![0];
  // stored = transpose(logical, [0,2,3,1]) when permuted, so out = transpose(stored, q) with q[i] = NHWC_TO_NCHW[perm[i]]
  const q = v.permuted ? perm.map((p) => NHWC_TO_NCHW[p]) : perm;
  if (isIdentity(q)) return cx.define(name, v.index, false);
  if (rank === 4 && !v.permuted && perm.join() === NHWC_TO_NCHW.join()) return cx.define(name, v.index, true); // NHWC → NCHW: the storage already is
  cx.op('TRANSPOSE', [v.index, cx.int32(`${name}/perm`, [rank], q)], [output(cx, name, false)]);
};

const reshape: OpEmitter = (cx, n) => {
  const x = n.input![0];
  const name = n.output![0];
  const shape = cx.shape(name);
  const input = cx.logical(x);
  cx.op('RESHAPE', [input, cx.int32(`${name}/shape`, [shape.length], shape)], [output(cx, name, false)], { new_shape: shape });
};

const concat: OpEmitter = (cx, n) => {
  const ins = (n.input ?? []).filter((x) => x);
  const rank = cx.shape(n.output![0]).length;
  const axis = axisOf(intAttr(n, 'axis', 0), rank);
  const p = permutedMode(cx, ins) && ins.every((x) => cx.shape(x).length === 4);
  const stored = p ? LOGICAL_TO_STORED[axis] : axis;
  // one activation between all-zero constants (a channel pad exported as Concat with ConstantOfShape): PAD, which
  // XNNPACK runs (a constant CONCATENATION input keeps the op out of the delegate)
  const acts = ins.filter((x) => cx.vals.has(x) || !cx.isConst(x));
  const zero = (x: string): boolean => !acts.includes(x) && cx.constVal(x)!.kind === 'float32' && cx.constVal(x)!.data.every((v) => v === 0);
  if (acts.length === 1 && ins.every((x) => acts.includes(x) || zero(x))) {
    const at = ins.indexOf(acts[0]);
    const width = (xs: string[]) => xs.reduce((sum, x) => sum + cx.shape(x)[axis], 0);
    const pads = new Array<number>(rank * 2).fill(0);
    pads[stored * 2] = width(ins.slice(0, at));
    pads[stored * 2 + 1] = width(ins.slice(at + 1));
    const name = n.output![0];
    return cx.op('PAD', [operand(cx, acts[0], p), cx.int32(`${name}/paddings`, [rank, 2], pads)], [output(cx, name, p)]);
  }
  const idx = ins.map((x) => operand(cx, x, p));
  cx.op('CONCATENATION', idx, [output(cx, n.output![0], p)], { axis: stored, fused_activation_function: 'NONE' });
};

const cast: OpEmitter = (cx, n) => {
  const x = n.input![0];
  const to = kindOfOnnx(intAttr(n, 'to', 0)) ?? cx.fail(n, `cast to ONNX type ${intAttr(n, 'to', 0)} is not carried`);
  const from = cx.kind(x);
  if (from === to) return alias(cx, n);
  const p = cx.isPermuted(x);
  const input = operand(cx, x, p);
  cx.op('CAST', [input], [output(cx, n.output![0], p, to)], { in_data_type: from, out_data_type: to });
};

export const shapeOps: Record<string, OpEmitter> = {
  Identity: alias,
  Dropout: alias,
  Transpose: transpose,
  Reshape: reshape,
  Flatten: reshape,
  Squeeze: reshape,
  Unsqueeze: reshape,
  Concat: concat,
  Cast: cast,
};
