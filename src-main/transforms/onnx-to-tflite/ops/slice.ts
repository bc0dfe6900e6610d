// Slicing ops: Slice (→ STRIDED_SLICE, positive steps, begin/end clamped to the dims), Split (→ SPLIT_V), Gather
// (→ GATHER). Axes are remapped on a 4-D permuted input (Slice, Split); Gather reads the logical tensor.
import { axisOf, constNumbers, intAttr, intsAttr, operand, output, type OpEmitter } from './types';
import { LOGICAL_TO_STORED } from '../context';

const slice: OpEmitter = (cx, n) => {
  const [x, s, e, a, st] = n.input ?? [];
  const inShape = cx.shape(x);
  const rank = inShape.length;
  const starts = s ? constNumbers(cx, n, s, 'starts') : (intsAttr(n, 'starts') ?? []);
  const ends = e ? constNumbers(cx, n, e, 'ends') : (intsAttr(n, 'ends') ?? []);
  const axes = (a ? constNumbers(cx, n, a, 'axes') : (intsAttr(n, 'axes') ?? starts.map((_, i) => i))).map((v) => axisOf(v, rank));
  const steps = st ? constNumbers(cx, n, st, 'steps') : starts.map(() => 1);
  const begin = new Array<number>(rank).fill(0);
  const end = inShape.slice();
  const stride = new Array<number>(rank).fill(1);
  axes.forEach((ax, i) => {
    if (steps[i] <= 0) cx.fail(n, 'negative or zero steps are not mapped');
    const d = inShape[ax];
    const clamp = (v: number): number => Math.max(0, Math.min(d, v < 0 ? v + d : v));
    begin[ax] = clamp(starts[i]);
    end[ax] = clamp(ends[i]);
    stride[ax] = steps[i];
  });
  const p = cx.isPermuted(x);
  const m = (arr: number[]): number[] => (p ? [0, 1, 2, 3].map((st2) => arr[LOGICAL_TO_STORED.indexOf(st2)]) : arr);
  const input = operand(cx, x, p);
  const name = n.output![0];
  cx.op('STRIDED_SLICE', [input, cx.int32(`${name}/begin`, [rank], m(begin)), cx.int32(`${name}/end`, [rank], m(end)), cx.int32(`${name}/strides`, [rank], m(stride))], [output(cx, name, p)], {
    begin_mask: 0,
    end_mask: 0,
    ellipsis_mask: 0,
    new_axis_mask: 0,
    shrink_axis_mask: 0,
  });
};

const split: OpEmitter = (cx, n) => {
  const x = n.input![0];
  const rank = cx.shape(x).length;
  const axis = axisOf(intAttr(n, 'axis', 0), rank);
  const outs = n.output ?? [];
  const sizes = outs.map((o) => cx.shape(o)[axis]);
  const p = cx.isPermuted(x);
  const input = operand(cx, x, p);
  const name = outs[0];
  const axisT = cx.int32(`${name}/axis`, [], [p ? LOGICAL_TO_STORED[axis] : axis]);
  cx.op('SPLIT_V', [input, cx.int32(`${name}/size_splits`, [sizes.length], sizes), axisT], outs.map((o) => output(cx, o, p)), { num_splits: outs.length });
};

const gather: OpEmitter = (cx, n) => {
  const [x, ind] = n.input ?? [];
  const rank = cx.shape(x).length;
  const axis = axisOf(intAttr(n, 'axis', 0), rank);
  const iv = cx.constVal(ind);
  if (iv && Array.from(iv.data).some((v) => v < 0)) cx.fail(n, 'negative constant indices are not mapped');
  cx.op('GATHER', [cx.logical(x), operand(cx, ind, false)], [output(cx, n.output![0], false)], { axis, batch_dims: 0 });
};

export const sliceOps: Record<string, OpEmitter> = { Slice: slice, Split: split, Gather: gather };
