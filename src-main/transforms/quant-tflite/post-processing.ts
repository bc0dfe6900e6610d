// Post-processing stays float32 (the rule of the ONNX int8 path, transforms/quant/qdq-plan.ts, applied to TFLite):
// every op that is not itself a quantized weighted op (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED) and has none
// downstream of it — box decoding, packing boxes, scores and classes into one output (one int8 scale for values of
// 0…1 and 0…90 collapses the scores), the inputs of TOPK_V2 / GATHER / ARG_MAX — keeps float compute; the last
// weighted outputs are still int8 and reach it through a DEQUANTIZE. A weighted op kept float (by --exclude or for
// want of constant weights) counts as post-processing too. Graphs without any quantized weighted op are left alone.
// Relies on `operators` being in execution order (model-ir.ts invariant).
import type { TfliteModel } from '../../formats/tflite/model-ir';

/** Indices of the ops after the last quantized weighted op, given which ops are quantized weighted ones. */
export function postProcessingOps(m: TfliteModel, weighted: (k: number) => boolean): Set<number> {
  const n = m.operators.length;
  const tail = new Set<number>();
  if (!m.operators.some((_, k) => weighted(k))) return tail;
  const readers = new Map<number, number[]>();
  m.operators.forEach((op, k) => {
    for (const i of op.inputs) if (i >= 0) readers.set(i, [...(readers.get(i) ?? []), k]);
  });
  const feedsWeighted = new Array<boolean>(n).fill(false);
  for (let k = n - 1; k >= 0; k--) {
    feedsWeighted[k] = m.operators[k].outputs.some((o) => (readers.get(o) ?? []).some((j) => weighted(j) || feedsWeighted[j]));
  }
  for (let k = 0; k < n; k++) if (!weighted(k) && !feedsWeighted[k]) tail.add(k);
  return tail;
}
