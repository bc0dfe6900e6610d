// Slices of an output tensor that mixes boxes and scores (yolo-v8 [1, 4+C, N] / [1, N, 4+C], yolo-v5 [1, N, 5+C],
// packed `detections` [1, K, M] with named columns): validation compares each slice on its own, because one SNR over
// pixel coordinates (0..640) and scores (0..1) hides collapsed scores behind accurate boxes.
import type { ModelMeta } from '../../src-shared/types/model';
import { yoloV8Layout } from '../pipeline/decoders/yolo-v8';
import type { HostTensor } from '../runtimes/types';

export interface Slice {
  /** `<output>[<part>]`, e.g. output0[scores]. */
  name: string;
  output: string;
  /** Axis of the columns (values of one anchor/row) and the column indices taken along it. */
  axis: number;
  columns: number[];
}

const range = (lo: number, hi: number) => Array.from({ length: Math.max(0, hi - lo) }, (_, i) => lo + i);

/** The slices of `meta`'s decoder over one frame's outputs (reference names); [] for decoders whose outputs do not mix. */
export function outputSlices(meta: ModelMeta, outputs: Record<string, HostTensor>): Slice[] {
  try {
    return slicesOf(meta, outputs);
  } catch {
    return []; // outputs the decoder does not fit: replay reports that in its own words
  }
}

function slicesOf(meta: ModelMeta, outputs: Record<string, HostTensor>): Slice[] {
  const kind = meta.decoder?.kind;
  const p = meta.decoder?.params ?? {};
  const names = Object.keys(outputs);
  const only = typeof p.output === 'string' ? p.output : names.length === 1 ? names[0] : undefined;
  const t = only === undefined ? undefined : outputs[only];
  if (!only || !t) return [];
  const make = (axis: number, parts: [string, number[]][]) => parts.filter(([, c]) => c.length).map(([part, columns]) => ({ name: `${only}[${part}]`, output: only, axis, columns }));
  const last = t.shape.length - 1;
  if (kind === 'yolo-v8') {
    const l = yoloV8Layout('yolo-v8', only, t.shape, typeof p.classes === 'number' ? p.classes : undefined);
    return make(l.channelsFirst ? last - 1 : last, [['boxes', range(0, 4)], ['scores', range(4, l.perRow)]]);
  }
  const perRow = t.shape[last] ?? 0;
  if (kind === 'yolo-v5' && perRow > 5) return make(last, [['boxes', range(0, 4)], ['objectness', [4]], ['classes', range(5, perRow)]]);
  if (kind === 'detections' && Array.isArray(p.columns)) {
    const cols = p.columns as string[];
    const at = (want: string[]) => cols.flatMap((c, i) => (want.includes(c) ? [i] : []));
    return make(last, [['boxes', at(['x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'w', 'h'])], ['scores', at(['score'])], ['classes', at(['class'])]]);
  }
  return [];
}

/** The values of `s` in a tensor: for each index before the axis, the slice's columns, each with what follows the axis. */
export function pickSlice(t: HostTensor, s: Slice): Float32Array {
  const axis = Math.min(s.axis, t.shape.length - 1);
  const outer = t.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const size = t.shape[axis] ?? 1;
  const inner = t.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const out = new Float32Array(outer * s.columns.length * inner);
  let k = 0;
  for (let o = 0; o < outer; o++) for (const c of s.columns) for (let i = 0; i < inner; i++) out[k++] = Number(t.data[(o * size + c) * inner + i]);
  return out;
}
