// .tflite → full-integer int8 .tflite with float32 input/output, as TF's converter makes it with a representative
// dataset (optimizations DEFAULT + supported_ops TFLITE_BUILTINS_INT8, inference types float32): the file is read
// into the IR (formats/tflite/read-model.ts), calibrated on real frames with one augmented model in LiteRT.js
// (quant-tflite/calibrate.ts; minmax | percentile | entropy, as the ONNX int8 transform), rewritten with int8
// activations (per-tensor asymmetric), int8 per-channel weights and int32 biases (quant-tflite/apply.ts, op registry
// quant-tflite/registry.ts) and written (formats/tflite/writer.ts); float16 weights behind DEQUANTIZE (a TF fp16
// file) are folded to float32 first (quant-tflite/fold-dequantize.ts). Settings: calibration (absolute clip or image
// folder), meta (ModelMeta: the input spec tells how to preprocess frames), frames, method, percentile, exclude
// (ops by their first output tensor's name, or an op name such as LOGISTIC), postProcessing ('int8': quantize the
// ops after the last weighted op too, as TF's converter does; default: they stay float32 as in ONNX int8).
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import type { InputSpec, ModelMeta } from '../../src-shared/types/model';
import { calibrationFrames } from '../calibration/reader';
import { checkCancelled, subJob, type JobContext } from '../jobs/context';
import type { TfliteModel } from '../formats/tflite/model-ir';
import { calibrationSettings, methodText, readCalibrationOptions } from './calibration-options';
import { quantizeTflite } from './quant-tflite/apply';
import { calibrateTflite } from './quant-tflite/calibrate';
import { foldFloat16Dequantize } from './quant-tflite/fold-dequantize';
import { excludeSet, readTfliteSource, tfliteOpName, writeTfliteVariant } from './tflite-variant';
import type { Transform, TransformInput, TransformOutput } from './types';

/** The one image input frames are fed to, checked against the input spec (BAD_INPUT naming the tensor when not). */
export function tfliteCalibrationInput(m: TfliteModel, meta: ModelMeta | undefined, file: string): InputSpec {
  if (m.inputs.length !== 1) throw new EdgeLabError('BAD_INPUT', `calibration feeds one image input; the model has ${m.inputs.length} (${m.inputs.map((i) => m.tensors[i].name).join(', ')})`, file);
  const t = m.tensors[m.inputs[0]];
  const shown = `[${(t.shapeSignature ?? t.shape).join(', ')}]`;
  if (!meta?.input) throw new EdgeLabError('BAD_INPUT', `input '${t.name}' ${shown}: no input spec (bundled catalog or sidecar metadata) says how to turn frames into this tensor, so it cannot be calibrated`, file);
  const spec = meta.input;
  if (t.type !== 'float32') throw new EdgeLabError('UNSUPPORTED', `input '${t.name}' is ${t.type}: int8 calibration quantizes a float32 model`, file);
  const want = spec.layout === 'NCHW' ? [1, 3, spec.height, spec.width] : [1, spec.height, spec.width, 3];
  if (t.shape.length !== 4 || t.shape.some((d, k) => d !== want[k] && !(k === 0 && d <= 1))) {
    throw new EdgeLabError('BAD_INPUT', `input '${t.name}' has shape ${shown}, the input spec feeds [${want.join(', ')}]`, file);
  }
  if (spec.dtype !== 'float32') throw new EdgeLabError('UNSUPPORTED', `input '${t.name}' is fed ${spec.dtype}: int8 calibration feeds float32 image inputs`, file);
  return spec;
}

async function apply(input: TransformInput, ctx: JobContext): Promise<TransformOutput> {
  const s = input.settings;
  // Options of the ONNX int8 path that mean nothing here are refused, not ignored.
  if (s.targetSnrDb !== undefined) throw new EdgeLabError('UNSUPPORTED', '--target-snr (the mixed-precision search) runs on ONNX models; for a .tflite keep ops float with --exclude', input.source);
  if (s.reduceRange !== undefined) throw new EdgeLabError('UNSUPPORTED', '--reduce-range is for onnxruntime on CPUs without VNNI; TFLite int8 kernels take full-range int8 weights', input.source);
  if (s.biasCorrection !== undefined && s.biasCorrection !== false) throw new EdgeLabError('UNSUPPORTED', '--bias-correction runs on ONNX int8 (QDQ) models', input.source);
  const model = await readTfliteSource(input.source);
  // float16 weights behind DEQUANTIZE (TF's fp16 files) become float32 constants first, then quantize like float32 ones
  const { folded } = foldFloat16Dequantize(model);
  const spec = tfliteCalibrationInput(model, s.meta as ModelMeta | undefined, input.source);
  const co = await readCalibrationOptions(s, input.source);
  const exclude = excludeSet(input);
  const known = new Set(model.operators.flatMap((op) => [tfliteOpName(model, op), op.op]));
  const unknown = [...exclude].filter((x) => !known.has(x));
  if (unknown.length) throw new EdgeLabError('BAD_INPUT', `--exclude names no op of the model (an op is named by its first output tensor, or by its type such as LOGISTIC): ${unknown.join(', ')}`, input.source);
  checkCancelled(ctx);

  const hash = createHash('sha256');
  const stream = calibrationFrames(co.source, spec, co.frames, { signal: ctx.signal, hash });
  const cal = await calibrateTflite(input.source, model, stream, co.method, { percentile: co.percentile }, subJob(ctx, 0, 0.85), co.frames);
  // Model outputs are never clipped: percentile / entropy ranges apply to inner tensors (as int8-onnx.ts).
  for (const o of model.outputs) {
    const e = cal.extents.get(o);
    if (e) cal.ranges.set(o, e);
  }
  // settings.postProcessing 'int8' quantizes the ops after the last weighted op too (TF's converter does); default float.
  const postProcessing = s.postProcessing === 'int8' ? 'int8' : 'float';
  const res = quantizeTflite(model, cal.ranges, { exclude, postProcessing });
  if (res.quantizedOps === 0) throw new EdgeLabError('UNSUPPORTED', 'no op of the model has an int8 quantizer (see transforms/quant-tflite/registry.ts)', input.source);
  res.model.description = `EdgeLab int8 (full integer, float I/O; ${methodText(co)}, ${cal.frames} frames) from ${basename(input.source)}`;
  checkCancelled(ctx);
  const { mainFile } = await writeTfliteVariant(input, res.model);
  ctx.progress({ stage: 'int8: written', fraction: 1 });
  return {
    mainFile,
    files: [mainFile],
    keptFloat: res.kept,
    settings: {
      activations: 'int8 asymmetric per-tensor',
      weights: 'int8 symmetric per-channel [-127, 127]',
      bias: 'int32',
      io: 'float32 (QUANTIZE / DEQUANTIZE at the boundaries)',
      ...calibrationSettings(co, cal, hash),
      calibratedTensors: cal.ranges.size,
      quantizedOps: res.quantizedOps,
      postProcessing: postProcessing === 'float' ? `float32 (${res.postProcessingOps} ops after the last weighted op)` : 'int8',
      quantizeOps: res.quantizeOps,
      dequantizeOps: res.dequantizeOps,
      quantizedWeights: res.weights,
      quantizedBiases: res.biases,
      keptFloat: res.kept.map((k) => k.name),
      ...(folded ? { foldedFloat16Dequantize: folded } : {}),
      ...(exclude.size ? { exclude: [...exclude] } : {}),
    },
  };
}

export const int8Tflite: Transform = { kind: 'int8', formats: ['tflite'], apply };
