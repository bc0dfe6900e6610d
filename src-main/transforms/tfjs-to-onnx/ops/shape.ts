// Shape-moving ops. Every shape is concrete (the probe run fixed them), so Reshape/Squeeze/ExpandDims and
// the rank changes of Pack/Unpack/StridedSlice become one Reshape to the probed output shape.
// Shape/Size/Rank and anything computed only from constants never reach these converters: convert.ts
// folds them to initializers (values taken from the TF.js probe run).
import { attrInt } from '../attrs';
import { numbers, reshapeTo, type OpConverter, type OpCtx } from './types';
import { stridedSlice } from './strided-slice';

const toOutShape: OpConverter = (cx) => {
  reshapeTo(cx, cx.input(0), cx.outShape(), cx.output());
};

function axisOf(cx: OpCtx, i: number, rank: number): number {
  const a = numbers(cx.constant(i, 'axis'));
  if (a.length !== 1) cx.fail(`axis must be a scalar, has ${a.length} values`);
  return a[0] < 0 ? a[0] + rank : a[0];
}

const concat: OpConverter = (cx) => {
  const n = cx.arity - 1;
  const axis = axisOf(cx, n, cx.outShape().length);
  cx.b.node('Concat', Array.from({ length: n }, (_, i) => cx.input(i)), [cx.output()], { axis });
};

const pack: OpConverter = (cx) => {
  const out = cx.outShape();
  const axis = attrInt(cx.node, 'axis', 0) < 0 ? attrInt(cx.node, 'axis', 0) + out.length : attrInt(cx.node, 'axis', 0);
  const parts = Array.from({ length: cx.arity }, (_, i) => {
    const s = [...cx.inShape(i)];
    s.splice(axis, 0, 1);
    return reshapeTo(cx, cx.input(i), s);
  });
  cx.b.node('Concat', parts, [cx.output()], { axis });
};

const unpack: OpConverter = (cx) => {
  const inShape = cx.inShape(0);
  const axis = attrInt(cx.node, 'axis', 0) < 0 ? attrInt(cx.node, 'axis', 0) + inShape.length : attrInt(cx.node, 'axis', 0);
  const n = inShape[axis];
  const pieces = Array.from({ length: n }, (_, k) => cx.b.fresh(`${cx.output(k)}/piece`));
  cx.b.node('Split', [cx.input(0), cx.b.int64(new Array(n).fill(1), `${cx.node.name}/split`)], pieces, { axis });
  const outShape = inShape.filter((_, i) => i !== axis); // every output has the input's shape minus `axis`
  pieces.forEach((p, k) => reshapeTo(cx, p, outShape, cx.output(k)));
};

const transpose: OpConverter = (cx) => {
  cx.b.node('Transpose', [cx.input(0)], [cx.output()], { perm: numbers(cx.constant(1, 'perm')) });
};

const slice: OpConverter = (cx) => {
  const begin = numbers(cx.constant(1, 'begin'));
  const size = numbers(cx.constant(2, 'size'));
  const shape = cx.inShape(0);
  const ends = size.map((s, i) => (s < 0 ? shape[i] : begin[i] + s));
  const axes = begin.map((_, i) => i);
  cx.b.node('Slice', [cx.input(0), cx.b.int64(begin, `${cx.node.name}/starts`), cx.b.int64(ends, `${cx.node.name}/ends`), cx.b.int64(axes, `${cx.node.name}/axes`)], [cx.output()]);
};

const gather: OpConverter = (cx) => {
  if (attrInt(cx.node, 'batch_dims', 0) !== 0) cx.fail('GatherV2 with batch_dims ≠ 0');
  const rank = cx.inShape(0).length;
  const axis = cx.node.op === 'Gather' ? 0 : axisOf(cx, 2, rank);
  cx.b.node('Gather', [cx.input(0), cx.input(1)], [cx.output()], { axis });
};

const tile: OpConverter = (cx) => {
  cx.b.node('Tile', [cx.input(0), cx.b.int64(numbers(cx.constant(1, 'multiples')), `${cx.node.name}/repeats`)], [cx.output()]);
};

const pad: OpConverter = (cx) => {
  const p = numbers(cx.constant(1, 'paddings')); // [[before, after] per axis]
  const rank = p.length / 2;
  const pads = [...Array.from({ length: rank }, (_, i) => p[2 * i]), ...Array.from({ length: rank }, (_, i) => p[2 * i + 1])];
  const inputs = [cx.input(0), cx.b.int64(pads, `${cx.node.name}/pads`)];
  if (cx.node.op === 'PadV2' && cx.arity > 2) inputs.push(cx.input(2));
  cx.b.node('Pad', inputs, [cx.output()], { mode: 'constant' });
};

const fill: OpConverter = (cx) => {
  cx.b.node('Expand', [cx.input(1), cx.b.int64(cx.outShape(), `${cx.node.name}/dims`)], [cx.output()]);
};

const shapeOf: OpConverter = (cx) => {
  const s = cx.inShape(0);
  cx.b.initializer(cx.output(), { dtype: 'int32', shape: [s.length], data: Int32Array.from(s) });
};

export const shapeOps: Record<string, OpConverter> = {
  Reshape: toOutShape,
  Squeeze: toOutShape,
  ExpandDims: toOutShape,
  ConcatV2: concat,
  Pack: pack,
  Unpack: unpack,
  Transpose: transpose,
  Slice: slice,
  StridedSlice: stridedSlice,
  GatherV2: gather,
  Gather: gather,
  Tile: tile,
  Pad: pad,
  PadV2: pad,
  Fill: fill,
  Shape: shapeOf,
};
