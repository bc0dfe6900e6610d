// Validation of a variant against its float32 source: both run, in their own runtime (any registered one:
// onnxruntime-node, tfjs), on the same N preprocessed frames of a clip or image folder; each output is
// compared over all frames with the shared tensor metrics (src-shared/metrics/tensor.ts). The overall
// figures are those of the worst output (lowest SNR / cosine, largest max abs error). Detectors also get their
// decoded detections compared (detections.ts).
import type { ValidationMetrics } from '../../src-shared/api';
import { cosine, maxAbsError, snrDb } from '../../src-shared/metrics/tensor';
import { EdgeLabError } from '../../src-shared/protocol';
import type { ModelFormat, ModelMeta } from '../../src-shared/types/model';
import { calibrationFrames, openCalibrationSource } from '../calibration/reader';
import { checkCancelled, type JobContext } from '../jobs/context';
import { runtimeFor } from '../runtimes/registry';
import type { HostTensor, LoadedModel } from '../runtimes/types';
import { concatTyped } from '../../src-shared/typed-arrays';
import type { RawDetection } from '../pipeline/decoders/types';
import { detectionDecoder, matchDetections } from './detections';
import { outputSlices, pickSlice, type Slice } from './slices';

export const DEFAULT_VALIDATION_FRAMES = 8;
/** Frames of the calibration source used for a conversion's validation: its `frames` when given, at most this many. */
export const MAX_VALIDATION_FRAMES = 32;

export interface ValidateInput {
  /** float32 source model (main file) and its format. */
  reference: { file: string; format: ModelFormat };
  variant: { file: string; format: ModelFormat };
  meta: ModelMeta;
  /** Clip file or image folder (absolute). */
  source: string;
  frames?: number;
}

/** Output pairs compared: by name when the names match, else by position (a format change renames outputs). */
function pairOutputs(a: LoadedModel, b: LoadedModel, file: string): [string, string][] {
  const bn = new Set(b.outputs.map((o) => o.name));
  const same = a.outputs.filter((o) => bn.has(o.name)).map((o) => [o.name, o.name] as [string, string]);
  if (same.length === a.outputs.length) return same;
  if (a.outputs.length !== b.outputs.length) {
    throw new EdgeLabError('BAD_INPUT', `variant has ${b.outputs.length} outputs, the source ${a.outputs.length}: cannot compare them`, file);
  }
  return a.outputs.map((o, i) => [o.name, b.outputs[i].name]);
}

export async function validateVariant(input: ValidateInput, ctx: JobContext): Promise<ValidationMetrics> {
  const n = input.frames ?? DEFAULT_VALIDATION_FRAMES;
  const ref = await (await runtimeFor(input.reference.format)).load(input.reference.file);
  try {
    const v = await (await runtimeFor(input.variant.format)).load(input.variant.file);
    try {
      const pairs = pairOutputs(ref, v, input.variant.file);
      const refIn = input.meta.input.name ?? ref.inputs[0]?.name;
      const varIn = v.inputs.some((i) => i.name === refIn) ? refIn : v.inputs[0]?.name;
      if (!refIn || !varIn) throw new EdgeLabError('BAD_INPUT', 'model has no input', input.reference.file);
      // Per output, values of every frame in order (N is small: validation frames, not calibration ones).
      const refVals = pairs.map(() => [] as Float32Array[]);
      const varVals = pairs.map(() => [] as Float32Array[]);
      const rowsDiffer = pairs.map(() => 0);
      // An output whose declared shape has a dynamic (or unknown) dimension may give a data-dependent number of rows.
      const dynamic = new Set(ref.outputs.filter((o) => o.shape.length === 0 || o.shape.some((d) => d < 0)).map((o) => o.name));
      // Detectors: every frame's detections of both models (variant's outputs read under the reference's names);
      // off when the decoder cannot read these outputs (replay reports that in its own words).
      let decode = input.meta.task === 'detector' && input.meta.decoder ? detectionDecoder(input.meta) : undefined;
      const refDets: RawDetection[][] = [];
      const varDets: RawDetection[][] = [];
      // Slices of an output mixing boxes and scores (slices.ts), found on the first frame; values per slice per frame.
      let slices: Slice[] | undefined;
      const sliceVals: [Float32Array[], Float32Array[]][] = [];
      let frames = 0;
      for await (const f of calibrationFrames(await openCalibrationSource(input.source), input.meta.input, n, { signal: ctx.signal })) {
        checkCancelled(ctx);
        const ro = await ref.run({ [refIn]: f.tensor }, pairs.map((p) => p[0]));
        const vo = await v.run({ [varIn]: asInputDtype(f.tensor, v.inputs.find((i) => i.name === varIn)?.dtype) }, pairs.map((p) => p[1]));
        pairs.forEach(([a, b], k) => {
          let [ra, vb] = [Float32Array.from(ro[a].data), Float32Array.from(vo[b].data)];
          if (ra.length !== vb.length) {
            if (!dynamic.has(a)) {
              throw new EdgeLabError('BAD_INPUT', `output '${b}' has ${vb.length} values, the source's '${a}' ${ra.length}`, input.variant.file);
            }
            rowsDiffer[k]++;
            const m = Math.min(ra.length, vb.length); // rows are compared in order: the ones both have
            [ra, vb] = [ra.subarray(0, m), vb.subarray(0, m)];
          }
          refVals[k].push(ra);
          varVals[k].push(vb);
        });
        if (decode && slices === undefined) {
          slices = outputSlices(input.meta, ro);
          slices.forEach(() => sliceVals.push([[], []]));
        }
        (slices ?? []).forEach((sl, k) => {
          const vName = pairs.find(([a]) => a === sl.output)?.[1] ?? sl.output;
          const [ra, vb] = [pickSlice(ro[sl.output], sl), pickSlice(vo[vName], sl)];
          const m = Math.min(ra.length, vb.length);
          sliceVals[k][0].push(ra.subarray(0, m));
          sliceVals[k][1].push(vb.subarray(0, m));
        });
        if (decode) {
          try {
            refDets.push(decode(ro));
            varDets.push(decode(Object.fromEntries(pairs.map(([a, b]) => [a, vo[b]]))));
          } catch (e) {
            if (!(e instanceof EdgeLabError)) throw e;
            decode = undefined;
          }
        }
        frames++;
        ctx.progress({ stage: 'validating', done: frames, total: n, unit: 'frames', fraction: frames / n });
      }
      const perOutput = pairs.map(([a], k) => {
        const r = concatTyped(refVals[k], Float32Array);
        const t = concatTyped(varVals[k], Float32Array);
        return { name: a, snrDb: round(snrDb(r, t)), cosine: cosine(r, t), maxAbsError: maxAbsError(r, t), ...(rowsDiffer[k] ? { framesRowsDiffer: rowsDiffer[k] } : {}) };
      });
      return {
        snrDb: Math.min(...perOutput.map((o) => o.snrDb)),
        cosine: Math.min(...perOutput.map((o) => o.cosine)),
        maxAbsError: Math.max(...perOutput.map((o) => o.maxAbsError)),
        frames,
        perOutput,
        ...(slices?.length ? { perSlice: slices.map((sl, k) => tensorMetrics(sl.name, concatTyped(sliceVals[k][0], Float32Array), concatTyped(sliceVals[k][1], Float32Array))) } : {}),
        ...(decode && frames > 0 ? { detection: matchDetections(refDets, varDets) } : {}),
      };
    } finally {
      await v.dispose();
    }
  } finally {
    await ref.dispose();
  }
}

function tensorMetrics(name: string, r: Float32Array, t: Float32Array): { name: string; snrDb: number; cosine: number; maxAbsError: number } {
  return { name, snrDb: round(snrDb(r, t)), cosine: cosine(r, t), maxAbsError: maxAbsError(r, t) };
}

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1000) / 1000 : x;
}

/** The frame tensor in the element type the variant's input declares: a conversion may change an image input's
 *  type (TF.js → ONNX feeds an int32 `image_tensor` as float32); pixel values 0..255 are exact in both. */
function asInputDtype(t: HostTensor, dtype: string | undefined): HostTensor {
  if (!dtype || dtype === t.dtype) return t;
  if (dtype === 'float32') return { ...t, data: Float32Array.from(t.data), dtype: 'float32' };
  if (dtype === 'int32') return { ...t, data: Int32Array.from(t.data, (x) => Math.round(x)), dtype: 'int32' };
  if (dtype === 'uint8') return { ...t, data: Uint8Array.from(t.data, (x) => Math.min(255, Math.max(0, Math.round(x)))), dtype: 'uint8' };
  return t;
}
