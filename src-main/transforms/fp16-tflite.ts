// .tflite → float16 weights, as TF's converter writes them (Optimize.DEFAULT + supported_types [float16]; checked
// against TF 2.21's output): every float32 constant an operator reads becomes a float16 constant `<name>_fp16` and
// a DEQUANTIZE (version 3: float16 → float32) writes the float32 tensor under the original name, so every op,
// graph input/output and all compute stay float32 (the interpreter runs each constant DEQUANTIZE once, at
// prepare). The DEQUANTIZE ops come first: they read constants only. The file shrinks ~2×.
// Kept float32 (listed): constants named by --exclude or read by an excluded op (named by its first output tensor),
// constants read by a CUSTOM op (its kernel may read the constant's bytes as float32), quantized or graph outputs.
import { EdgeLabError } from '../../src-shared/protocol';
import { checkCancelled, type JobContext } from '../jobs/context';
import { encodeFloat16 } from '../formats/half';
import { float32Data, type TfliteModel, type TfliteOp } from '../formats/tflite/model-ir';
import { consumersOf, excludeSet, freshTensorName, readTfliteSource, tfliteOpName, writeTfliteVariant } from './tflite-variant';
import type { Transform, TransformInput, TransformOutput } from './types';

type Kept = { name: string; reason: string };

/** DEQUANTIZE version that takes a float16 input (TF's op_version.cc; what TF 2.21's converter writes). */
export const DEQUANTIZE_FP16_VERSION = 3;

/** Rewrites `m` in place; returns what stayed float32 and how many constants were converted. */
export function storeFp16Tflite(m: TfliteModel, exclude: Set<string>, ctx: JobContext): { kept: Kept[]; converted: number } {
  const consumers = consumersOf(m);
  const outputs = new Set(m.outputs);
  const taken = new Set(m.tensors.map((t) => t.name));
  const dequantize: TfliteOp[] = [];
  const kept: Kept[] = [];
  const n = m.tensors.length;
  for (let i = 0; i < n; i++) {
    if (i % 64 === 0) checkCancelled(ctx);
    const t = m.tensors[i];
    const readers = consumers.get(i) ?? [];
    if (!t.data || t.type !== 'float32' || readers.length === 0) continue;
    const ops = readers.map((k) => m.operators[k]);
    const excludedBy = ops.find((op) => exclude.has(tfliteOpName(m, op)));
    if (exclude.has(t.name)) kept.push({ name: t.name, reason: 'excluded by --exclude' });
    else if (excludedBy) kept.push({ name: t.name, reason: `read by ${excludedBy.op} '${tfliteOpName(m, excludedBy)}', excluded by --exclude` });
    else if (ops.some((op) => op.op === 'CUSTOM')) kept.push({ name: t.name, reason: `read by the custom op ${ops.find((op) => op.op === 'CUSTOM')!.customCode}: its kernel may read float32 bytes` });
    else if (t.quant) kept.push({ name: t.name, reason: 'carries quantization parameters' });
    else if (outputs.has(i)) kept.push({ name: t.name, reason: 'also a graph output: its type must stay float32' });
    else {
      const half = encodeFloat16(float32Data(t));
      const stored = m.tensors.push({ name: freshTensorName(`${t.name}_fp16`, taken), type: 'float16', shape: [...t.shape], data: new Uint8Array(half.buffer, half.byteOffset, half.byteLength) }) - 1;
      delete t.data; // the float32 tensor becomes DEQUANTIZE's output: consumers keep their index and name
      dequantize.push({ op: 'DEQUANTIZE', inputs: [stored], outputs: [i], version: DEQUANTIZE_FP16_VERSION });
    }
    ctx.progress({ stage: 'fp16: constants', done: i + 1, total: n, unit: 'tensors', fraction: (0.9 * (i + 1)) / n });
  }
  m.operators = [...dequantize, ...m.operators];
  return { kept, converted: dequantize.length };
}

async function apply(input: TransformInput, ctx: JobContext): Promise<TransformOutput> {
  if (input.settings.compute !== undefined && input.settings.compute !== 'float32') {
    throw new EdgeLabError('UNSUPPORTED', `fp16 of a .tflite computes in float32 (float16 weights + DEQUANTIZE, as TF's converter writes it); compute ${JSON.stringify(input.settings.compute)} is not available`, input.source);
  }
  const m = await readTfliteSource(input.source);
  const { kept, converted } = storeFp16Tflite(m, excludeSet(input), ctx);
  checkCancelled(ctx);
  const { mainFile } = await writeTfliteVariant(input, m);
  ctx.progress({ stage: 'fp16: written', fraction: 1 });
  return {
    mainFile,
    files: [mainFile],
    keptFloat: [{ name: 'compute', reason: 'all ops compute in float32: weights are stored as float16 and DEQUANTIZEd (TFLite float16 quantization)' }, ...kept],
    settings: { storage: 'float16', compute: 'float32', convertedConstants: converted, layout: 'float16 constant + DEQUANTIZE (TF converter float16 quantization)' },
  };
}

export const fp16Tflite: Transform = { kind: 'fp16', formats: ['tflite'], apply };
