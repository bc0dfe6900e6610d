// The augmented calibration model (onnxruntime's CalibraterBase idea, in TFLite): a copy of the float IR in which
// every float32 activation an op writes is also a subgraph output, so ONE LiteRT.js run per frame gives them all.
// Graph inputs are not tapped (their values are the frames themselves: the caller calibrates them from the feed).
// The copy shares constant bytes with the source (nothing is copied but the lists); the source is not modified.
import type { TfliteModel } from '../../formats/tflite/model-ir';

export interface Augmented {
  model: TfliteModel;
  /** Tapped tensors: index in the source model (same index in the copy) and name (the output name LiteRT.js reports). */
  taps: { index: number; name: string }[];
}

export function augmentForCalibration(src: TfliteModel): Augmented {
  const outputs = [...src.outputs];
  const seen = new Set(outputs);
  const taps: { index: number; name: string }[] = [];
  const inputs = new Set(src.inputs);
  const count = new Map<string, number>();
  for (const t of src.tensors) count.set(t.name, (count.get(t.name) ?? 0) + 1);
  const tensors = [...src.tensors];
  for (const op of src.operators) {
    for (const o of op.outputs) {
      const t = src.tensors[o];
      if (!t || t.type !== 'float32' || t.data !== undefined || inputs.has(o)) continue;
      // Outputs are fetched by name: a name several tensors share gets '#<index>' in the copy.
      const name = (count.get(t.name) ?? 0) > 1 ? `${t.name}#${o}` : t.name;
      if (name !== t.name) tensors[o] = { ...t, name };
      taps.push({ index: o, name });
      if (!seen.has(o)) {
        seen.add(o);
        outputs.push(o);
      }
    }
  }
  return { model: { ...src, tensors, outputs, description: `${src.description} (EdgeLab int8 calibration taps)` }, taps };
}
