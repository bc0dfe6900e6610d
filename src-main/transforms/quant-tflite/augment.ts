// The augmented calibration model (onnxruntime's CalibraterBase idea, in TFLite): a copy of the float IR in which
// every float32 activation an op writes is also a subgraph output, so ONE LiteRT.js run per frame gives them all.
// With `reduce: 'minmax'` (the minmax calibrator needs only extremes) each tapped tensor x is instead reduced inside
// the graph — max = REDUCE_MAX(x), negMin = REDUCE_MAX(NEG(x)) over all axes, keep_dims (shape [1,…,1]) — and only
// those two scalars leave LiteRT.js per tensor (the activations stay in its arena). min = −negMin. The reductions
// follow the op that writes their tensor, so it is freed as soon as it is reduced.
// Graph inputs are not tapped (their values are the frames themselves: the caller calibrates them from the feed).
// The copy shares constant bytes with the source (nothing is copied but the lists); the source is not modified.
import { addTensor, int32Const, type TfliteModel } from '../../formats/tflite/model-ir';

export interface CalibrationTap {
  /** Index of the tapped tensor in the source model (same index in the copy). */
  index: number;
  /** Output name LiteRT.js reports for the tensor (unique in the copy). */
  name: string;
  /** reduce 'minmax': output names of its max and of the max of its negation. */
  max?: string;
  negMin?: string;
}

export interface Augmented {
  model: TfliteModel;
  taps: CalibrationTap[];
}

export function augmentForCalibration(src: TfliteModel, opts: { reduce?: 'minmax' } = {}): Augmented {
  // No SignatureDef in the copy: the source's would list only its own outputs, and LiteRT.js would show just those.
  // Operators are rebuilt in order: each source op, then the reductions of what it wrote (see below).
  const m: TfliteModel = { ...src, tensors: [...src.tensors], operators: [], outputs: [...src.outputs], signatures: undefined, description: `${src.description} (EdgeLab int8 calibration taps)` };
  const seen = new Set(m.outputs);
  const taps: CalibrationTap[] = [];
  const inputs = new Set(src.inputs);
  const count = new Map<string, number>();
  for (const t of src.tensors) count.set(t.name, (count.get(t.name) ?? 0) + 1);
  const axesByRank = new Map<number, number>();
  const reduceAll = (x: number, name: string): number => {
    const rank = m.tensors[x].shape.length;
    let axes = axesByRank.get(rank);
    if (axes === undefined) {
      axes = addTensor(m, int32Const(`edgelab/calibration/axes_rank${rank}`, [rank], Array.from({ length: rank }, (_, k) => k)));
      axesByRank.set(rank, axes);
    }
    const y = addTensor(m, { name, type: 'float32', shape: Array(rank).fill(1) as number[] });
    m.operators.push({ op: 'REDUCE_MAX', inputs: [x, axes], outputs: [y], options: { keep_dims: true } });
    m.outputs.push(y);
    return y;
  };
  for (const op of src.operators) {
    m.operators.push(op);
    // The reductions of an op's outputs run right after it: the interpreter runs operators in list order and keeps a
    // tensor (and its NEG copy) allocated until its last reader, so reductions appended at the end of the list kept
    // every activation of the frame alive at once.
    for (const o of op.outputs) {
      const t = src.tensors[o];
      if (!t || t.type !== 'float32' || t.data !== undefined || inputs.has(o)) continue;
      // Outputs are fetched by name: a name several tensors share gets '#<index>' in the copy.
      const name = (count.get(t.name) ?? 0) > 1 ? `${t.name}#${o}` : t.name;
      if (name !== t.name) m.tensors[o] = { ...t, name };
      if (opts.reduce === 'minmax' && t.shape.length > 0) {
        const neg = addTensor(m, { name: `${name}#neg`, type: 'float32', shape: [...t.shape] });
        m.operators.push({ op: 'NEG', inputs: [o], outputs: [neg] });
        reduceAll(o, `${name}#max`);
        reduceAll(neg, `${name}#negmin`);
        taps.push({ index: o, name, max: `${name}#max`, negMin: `${name}#negmin` });
        continue;
      }
      taps.push({ index: o, name });
      if (!seen.has(o)) {
        seen.add(o);
        m.outputs.push(o);
      }
    }
  }
  return { model: m, taps };
}
