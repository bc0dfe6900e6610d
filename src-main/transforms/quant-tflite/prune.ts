// Drops tensors no operator, graph input or graph output refers to (e.g. float32 weights replaced by their int8
// copies) and renumbers the rest, keeping their order, SignatureDef entries included. Rewrites the model in place.
import type { TfliteModel } from '../../formats/tflite/model-ir';

export function pruneTensors(m: TfliteModel): { removed: number } {
  const used = new Set<number>([...m.inputs, ...m.outputs]);
  for (const op of m.operators) for (const i of [...op.inputs, ...op.outputs]) if (i >= 0) used.add(i);
  for (const sg of m.signatures ?? []) for (const e of [...sg.inputs, ...sg.outputs]) used.add(e.tensor);
  const map = new Map<number, number>();
  const kept = m.tensors.filter((_, i) => {
    if (!used.has(i)) return false;
    map.set(i, map.size);
    return true;
  });
  const removed = m.tensors.length - kept.length;
  const re = (i: number): number => (i < 0 ? i : map.get(i)!);
  m.tensors = kept;
  m.inputs = m.inputs.map(re);
  m.outputs = m.outputs.map(re);
  for (const op of m.operators) {
    op.inputs = op.inputs.map(re);
    op.outputs = op.outputs.map(re);
  }
  if (m.signatures) {
    m.signatures = m.signatures.map((sg) => ({
      ...sg,
      inputs: sg.inputs.map((e) => ({ ...e, tensor: re(e.tensor) })),
      outputs: sg.outputs.map((e) => ({ ...e, tensor: re(e.tensor) })),
    }));
  }
  return { removed };
}
