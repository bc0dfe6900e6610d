// .tflite → dynamic-range int8 ("weight-only"), as TF's converter writes it with Optimize.DEFAULT and no
// representative dataset (checked against TF 2.21's output): the float32 weights of CONV_2D, DEPTHWISE_CONV_2D and
// FULLY_CONNECTED become int8, symmetric (zero point 0), one scale per output channel — quantized_dimension 0 for
// CONV_2D filters [O,H,W,I] and FULLY_CONNECTED [out, in], 3 for DEPTHWISE_CONV_2D [1,H,W,O]. Biases and activations
// stay float32: TFLite's hybrid kernels quantize the float input on the fly and dequantize the accumulator. Op
// versions are raised to the ones that accept hybrid per-channel weights (tensorflow/lite/tools/versioning/
// op_version.cc, as TF 2.21 writes them): CONV_2D 5, DEPTHWISE_CONV_2D 6, FULLY_CONNECTED 12 with
// asymmetric_quantize_inputs. Like TF's quantizer, weights of fewer than MIN_WEIGHT_ELEMENTS stay float32.
// Both LiteRT.js and TF 2.21's interpreter run these hybrid ops, so no op falls back to int8 + DEQUANTIZE.
import { checkCancelled, type JobContext } from '../jobs/context';
import { float32Data, type TfliteModel } from '../formats/tflite/model-ir';
import { quantizePerChannelInt8 } from './quant/qdq-math';
import { consumersOf, excludeSet, readTfliteSource, tfliteOpName, writeTfliteVariant } from './tflite-variant';
import type { Transform, TransformInput, TransformOutput } from './types';

type Kept = { name: string; reason: string };

/** Weights with fewer elements stay float32 (TF's dynamic-range quantizer default, min_elements 1024). */
export const MIN_WEIGHT_ELEMENTS = 1024;

/** Op → per-channel axis of its weight (input 1) and the op version whose kernel takes hybrid per-channel weights. */
export const HYBRID_OPS: Readonly<Record<string, { axis: number; version: number }>> = {
  CONV_2D: { axis: 0, version: 5 },
  DEPTHWISE_CONV_2D: { axis: 3, version: 6 },
  FULLY_CONNECTED: { axis: 0, version: 12 },
};

/** Quantizes the hybrid ops' weights of `m` in place; returns what stayed float32 and the weights quantized. */
export function quantizeWeightsTflite(m: TfliteModel, exclude: Set<string>, ctx: JobContext, minElements = MIN_WEIGHT_ELEMENTS): { kept: Kept[]; quantized: string[] } {
  const consumers = consumersOf(m);
  const graphIo = new Set([...m.inputs, ...m.outputs]);
  const kept: Kept[] = [];
  const quantized: string[] = [];
  const done = new Set<number>();
  m.operators.forEach((op, k) => {
    if (k % 16 === 0) checkCancelled(ctx);
    const hybrid = HYBRID_OPS[op.op];
    const wi = op.inputs[1];
    if (!hybrid || wi === undefined || wi < 0 || done.has(wi)) return;
    const w = m.tensors[wi];
    const x = m.tensors[op.inputs[0]];
    if (!w.data || w.type !== 'float32' || x?.type !== 'float32') return; // already quantized, or not a constant weight
    done.add(wi);
    const readers = (consumers.get(wi) ?? []).map((c) => m.operators[c]);
    const name = tfliteOpName(m, op);
    const elements = w.shape.reduce((a, b) => a * b, 1);
    if (exclude.has(w.name) || readers.some((r) => exclude.has(tfliteOpName(m, r)))) kept.push({ name: w.name, reason: 'excluded by --exclude' });
    else if (elements < minElements) kept.push({ name: w.name, reason: `${elements} weights (< ${minElements}): kept float32, as TF's dynamic-range quantizer does` });
    else if (graphIo.has(wi)) kept.push({ name: w.name, reason: 'also a graph input or output: must stay float32' });
    else if (readers.some((r) => r.op !== op.op || r.inputs[1] !== wi)) kept.push({ name: w.name, reason: `shared with an op other than ${op.op} weights: stays float32` });
    else if (w.shape.length <= hybrid.axis) kept.push({ name: w.name, reason: `${op.op} '${name}' weight of rank ${w.shape.length}: no channel axis ${hybrid.axis}` });
    else {
      const { q, scales } = quantizePerChannelInt8(float32Data(w), w.shape, hybrid.axis);
      w.type = 'int8';
      w.data = new Uint8Array(q.buffer, q.byteOffset, q.byteLength);
      w.quant = { scale: Array.from(scales), zeroPoint: Array.from(scales, () => 0), quantizedDimension: hybrid.axis };
      for (const r of readers) {
        r.version = Math.max(r.version ?? 1, hybrid.version);
        if (r.op === 'FULLY_CONNECTED') r.options = { ...r.options, asymmetric_quantize_inputs: true };
      }
      quantized.push(w.name);
    }
    ctx.progress({ stage: 'int8-weights: weights', done: k + 1, total: m.operators.length, unit: 'ops', fraction: (0.9 * (k + 1)) / m.operators.length });
  });
  return { kept, quantized };
}

async function apply(input: TransformInput, ctx: JobContext): Promise<TransformOutput> {
  const m = await readTfliteSource(input.source);
  const { kept, quantized } = quantizeWeightsTflite(m, excludeSet(input), ctx);
  checkCancelled(ctx);
  const { mainFile } = await writeTfliteVariant(input, m);
  ctx.progress({ stage: 'int8-weights: written', fraction: 1 });
  return {
    mainFile,
    files: [mainFile],
    keptFloat: [{ name: 'activations', reason: 'dynamic-range quantization: activations, biases and compute outside the hybrid kernels stay float32' }, ...kept],
    settings: {
      weights: 'int8 symmetric per-channel',
      activations: 'float32',
      quantizedWeights: quantized.length,
      kernels: 'TFLite hybrid (CONV_2D v5, DEPTHWISE_CONV_2D v6, FULLY_CONNECTED v12)',
      minWeightElements: MIN_WEIGHT_ELEMENTS,
    },
  };
}

export const int8WeightsTflite: Transform = { kind: 'int8-weights', formats: ['tflite'], apply };
