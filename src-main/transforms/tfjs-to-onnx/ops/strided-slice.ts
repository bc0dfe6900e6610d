// StridedSlice with TF's full mask semantics (begin/end/ellipsis/new_axis/shrink_axis) → one ONNX Slice
// over the input axes that are actually cut, then a Reshape to the probed output shape (which adds the
// new axes and drops the shrunk ones). Sparse spec entry i refers to mask bit i; the ellipsis stands for
// as many full input axes as the other non-new-axis entries leave over.
import { attrInt } from '../attrs';
import { numbers, reshapeTo, type OpConverter } from './types';

/** Large enough to mean "to the end" in ONNX Slice (clamped by the runtime), exact in float64. */
const BIG = Number.MAX_SAFE_INTEGER;

export interface SliceAxis {
  axis: number;
  start: number;
  end: number;
  step: number;
}

/** The per-axis slices a StridedSlice spec makes on an input of `rank` axes (full-range axes omitted). */
export function planStridedSlice(
  rank: number,
  begin: number[],
  end: number[],
  strides: number[],
  masks: { begin: number; end: number; ellipsis: number; newAxis: number; shrink: number },
): SliceAxis[] {
  const bit = (m: number, i: number) => ((m >> i) & 1) === 1;
  const n = begin.length;
  let real = 0;
  for (let i = 0; i < n; i++) if (!bit(masks.ellipsis, i) && !bit(masks.newAxis, i)) real++;
  const out: SliceAxis[] = [];
  let axis = 0;
  let sawEllipsis = false;
  for (let i = 0; i < n; i++) {
    if (bit(masks.ellipsis, i)) {
      if (sawEllipsis) throw new Error('more than one ellipsis');
      sawEllipsis = true;
      axis += rank - real;
      continue;
    }
    if (bit(masks.newAxis, i)) continue;
    const step = strides[i] ?? 1;
    if (step === 0) throw new Error('stride 0');
    if (bit(masks.shrink, i)) {
      const b = begin[i];
      const start = b;
      const e = b === -1 ? BIG : b + 1;
      out.push({ axis, start, end: e, step: 1 });
    } else {
      const start = bit(masks.begin, i) ? (step > 0 ? 0 : BIG) : begin[i];
      const e = bit(masks.end, i) ? (step > 0 ? BIG : -BIG) : end[i];
      out.push({ axis, start, end: e, step });
    }
    axis++;
  }
  if (axis > rank) throw new Error(`spec covers ${axis} axes, input has ${rank}`);
  return out;
}

export const stridedSlice: OpConverter = (cx) => {
  const rank = cx.inShape(0).length;
  const masks = {
    begin: attrInt(cx.node, 'begin_mask', 0),
    end: attrInt(cx.node, 'end_mask', 0),
    ellipsis: attrInt(cx.node, 'ellipsis_mask', 0),
    newAxis: attrInt(cx.node, 'new_axis_mask', 0),
    shrink: attrInt(cx.node, 'shrink_axis_mask', 0),
  };
  let plan: SliceAxis[];
  try {
    plan = planStridedSlice(rank, numbers(cx.constant(1, 'begin')), numbers(cx.constant(2, 'end')), numbers(cx.constant(3, 'strides')), masks);
  } catch (e) {
    return cx.fail(`strided slice spec: ${(e as Error).message}`);
  }
  let x = cx.input(0);
  if (plan.length) {
    const name = cx.node.name;
    x = cx.b.tmp(
      'Slice',
      [x, cx.b.int64(plan.map((p) => p.start), `${name}/starts`), cx.b.int64(plan.map((p) => p.end), `${name}/ends`), cx.b.int64(plan.map((p) => p.axis), `${name}/axes`), cx.b.int64(plan.map((p) => p.step), `${name}/steps`)],
      `${name}/sliced`,
    );
  }
  reshapeTo(cx, x, cx.outShape(), cx.output());
};
