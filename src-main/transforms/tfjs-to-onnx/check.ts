// Numerical check of a conversion: the TF.js model and the ONNX result on the same real frames, per
// output max / mean absolute error and the reference's largest magnitude (for scale). When the ONNX
// graph starts at cut tensors, the caller decides what the ONNX side is fed (TF.js's cut values, or the
// pipeline's own preprocessed frame when the cut-off part is claimed to equal it).
import type { HostTensor, LoadedModel } from '../../runtimes/types';
import { checkCancelled, type JobContext } from '../../jobs/context';

export interface OutputCheck {
  /** Element-wise, position by position. */
  maxAbsError: number;
  meanAbsError: number;
  maxAbsReference: number;
  /**
   * For record-like outputs (rank ≥ 2, last axis ≤ 16, ≤ 2000 rows, e.g. top-k detections): each ONNX row
   * against its closest TF.js row, so that rows swapped by a near-tie in a TopK do not count as error.
   */
  rowMatchedMaxAbsError?: number;
  /** Rows whose position differs between the two (near-tie swaps), summed over frames. */
  rowsReordered?: number;
}

export interface ConversionCheck {
  clip: string;
  frames: number[];
  /** How inputs were prepared: the model's InputSpec, or a stated guess. */
  input: string;
  outputs: Record<string, OutputCheck>;
  /** Largest of the per-output max abs errors (element-wise). */
  maxAbsError: number;
  /** Largest per-output error with record outputs row-matched (rowMatchedMaxAbsError where given). */
  maxAbsErrorRowMatched: number;
}

const MAX_ROW_LEN = 16;
const MAX_ROWS = 2000;

/** max over b's rows of min over a's rows of the row's max abs difference; and rows not at their own position. */
function rowMatch(a: ArrayLike<number>, b: ArrayLike<number>, len: number): { err: number; moved: number } {
  const rows = a.length / len;
  let err = 0;
  let moved = 0;
  const rowDiff = (i: number, j: number) => {
    let d = 0;
    for (let k = 0; k < len; k++) d = Math.max(d, Math.abs(Number(b[i * len + k]) - Number(a[j * len + k])));
    return d;
  };
  for (let i = 0; i < rows; i++) {
    const own = rowDiff(i, i);
    let best = own;
    for (let j = 0; j < rows && best > 0; j++) best = Math.min(best, rowDiff(i, j));
    if (best < own) moved++;
    err = Math.max(err, best);
  }
  return { err, moved };
}

export async function compareOnFrames(
  tfModel: LoadedModel,
  onnxModel: LoadedModel,
  feeds: Record<string, HostTensor>[],
  outputs: string[],
  cuts: string[],
  /** ONNX feeds for frame f given the TF.js results (outputs + cuts) of that frame. */
  onnxFeeds: (f: number, ref: Record<string, HostTensor>) => Record<string, HostTensor>,
  ctx: JobContext,
  onFrame: (done: number) => void,
): Promise<Record<string, OutputCheck>> {
  const acc = new Map(outputs.map((o) => [o, { max: 0, sum: 0, n: 0, ref: 0, matched: undefined as number | undefined, moved: 0 }]));
  for (let f = 0; f < feeds.length; f++) {
    checkCancelled(ctx);
    const ref = await tfModel.run(feeds[f], [...outputs, ...cuts]);
    const got = await onnxModel.run(onnxFeeds(f, ref), outputs);
    for (const o of outputs) {
      const a = ref[o].data;
      const b = got[o].data;
      const s = acc.get(o) as { max: number; sum: number; n: number; ref: number; matched: number | undefined; moved: number };
      if (a.length !== b.length) throw new Error(`output ${o}: TF.js gives ${a.length} values, ONNX ${b.length}`);
      for (let i = 0; i < a.length; i++) {
        const d = Math.abs(Number(a[i]) - Number(b[i]));
        if (!(d <= s.max)) s.max = Number.isNaN(d) ? Infinity : d;
        s.sum += Number.isNaN(d) ? Infinity : d;
        s.ref = Math.max(s.ref, Math.abs(Number(a[i])));
      }
      s.n += a.length;
      const shape = ref[o].shape;
      const len = shape[shape.length - 1];
      if (shape.length >= 2 && len > 0 && len <= MAX_ROW_LEN && a.length / len <= MAX_ROWS) {
        const m = rowMatch(a, b, len);
        s.matched = Math.max(s.matched ?? 0, m.err);
        s.moved += m.moved;
      }
    }
    onFrame(f + 1);
  }
  return Object.fromEntries(
    [...acc].map(([o, s]) => [
      o,
      { maxAbsError: s.max, meanAbsError: s.n ? s.sum / s.n : 0, maxAbsReference: s.ref, ...(s.matched === undefined ? {} : { rowMatchedMaxAbsError: s.matched, rowsReordered: s.moved }) },
    ]),
  );
}

/** Max abs difference of two same-length tensors (Infinity when the shapes differ). */
export function maxAbsDiff(a: HostTensor, b: HostTensor): number {
  if (a.shape.join() !== b.shape.join()) return Infinity;
  let d = 0;
  for (let i = 0; i < a.data.length; i++) d = Math.max(d, Math.abs(Number(a.data[i]) - Number(b.data[i])));
  return d;
}
