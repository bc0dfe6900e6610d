// `predict`: frame N of a clip → preprocess (model metadata) → the model's runtime (any format) → every output,
// decoded as a replay decodes it (detector: decoder + NMS + boxes in frame coordinates; embedder: pooled, L2-normalised).
// With `saveOutputs`, the exact model input and every output go to .npy files in the dtype the model file stores:
// for a .tflite with int8/uint8/int16 boundary tensors (runtime exchanges real values, runtimes/tflite-runtime.ts)
// the input is quantized and the outputs re-quantized with the file's scale/zero point — the very integers the
// interpreter takes and gives (re-quantizing a dequantized value recovers it exactly).
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Args, Results } from '../../src-shared/api';
import type { Detection } from '../../src-shared/formats/run';
import { area, clampBox } from '../../src-shared/geometry/box';
import { labelFor } from '../../src-shared/class-names';
import { EdgeLabError } from '../../src-shared/protocol';
import type { TensorInfo } from '../../src-shared/types/model';
import type { PredictTensor } from '../../src-shared/types/predict';
import { l2normalize, poolOutput } from '../embedding/embedder';
import { quantizeValues } from '../formats/tflite/quantize';
import { encodeNpy, npyDtypeName, type NpyArray } from '../formats/npy';
import { checkCancelled, type JobContext } from '../jobs/context';
import { decodeFrames } from '../media/decode';
import { getDecoder } from '../pipeline/decoders/registry';
import { nms } from '../pipeline/decoders/nms';
import { preprocess } from '../pipeline/nodes/preprocess';
import { boxToFrame } from '../pipeline/transform';
import { runtimeFor } from '../runtimes/registry';
import type { HostTensor } from '../runtimes/types';
import type { EngineCtx } from './context';
import { resolveClip, resolveModel } from './resolve';

/** Frame `index` (decode order) of a clip; BAD_INPUT when the clip is shorter. */
async function frameAt(path: string, index: number, job: JobContext): Promise<{ rgb: Uint8Array; width: number; height: number }> {
  let last: { rgb: Uint8Array; width: number; height: number; index: number } | undefined;
  for await (const f of decodeFrames(path, { maxFrames: index + 1, signal: job.signal })) last = f;
  if (!last || last.index !== index) throw new EdgeLabError('BAD_INPUT', `the clip has ${last ? last.index + 1 : 0} frame(s); frame ${index} asked`, path);
  return last;
}

/** A tensor as the model file stores it (quantized when `info.stored` says so). */
function asStored(t: HostTensor, info: TensorInfo | undefined): NpyArray {
  const s = info?.stored;
  return s ? quantizeValues(t.data, s.dtype, s.scale, s.zeroPoint) : t.data;
}

/** File name for a tensor: role, position, and the name reduced to [A-Za-z0-9._-] (tensor names hold ':' '/' ';'). */
function npyName(role: 'input' | 'output', i: number, name: string): string {
  return `${role}-${i}-${name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80)}.npy`;
}

export async function predict(ctx: EngineCtx, args: Args<'predict'>, job: JobContext): Promise<Results['predict']> {
  const m = await resolveModel(ctx, args.model);
  if (!m.meta) throw new EdgeLabError('BAD_INPUT', 'model has no input metadata (catalog entry or sidecar <stem>.edgelab.json) to preprocess the frame with', m.mainFile);
  const meta = m.meta;
  const clip = await resolveClip(ctx, args.clip);
  const outDir = args.saveOutputs ? ctx.policy.resolveOutput(args.saveOutputs) : undefined;
  job.progress({ stage: 'decode', done: 0, total: 1, unit: 'frames', fraction: 0.1 });
  const frame = await frameAt(clip.path, args.frame, job);
  checkCancelled(job);
  const { tensor, transform } = preprocess(frame.rgb, frame.width, frame.height, meta.input);

  const model = await (await runtimeFor(m.format)).load(m.mainFile);
  try {
    const inputName = meta.input.name ?? model.inputs[0]?.name ?? '';
    const inInfo = model.inputs.find((i) => i.name === inputName);
    if (!inInfo) throw new EdgeLabError('BAD_INPUT', `model has no input "${inputName}" (inputs: ${model.inputs.map((i) => i.name).join(', ')})`, m.mainFile);
    job.progress({ stage: 'inference', done: 0, total: 1, unit: 'frames', fraction: 0.5 });
    const t0 = performance.now();
    const outputs = await model.run({ [inputName]: tensor });
    const inferenceMs = performance.now() - t0;

    let detections: Detection[] | undefined;
    let embedding: number[] | undefined;
    if (meta.task === 'detector') {
      if (!meta.decoder) throw new EdgeLabError('BAD_INPUT', 'detector metadata has no decoder', m.mainFile);
      const raw = getDecoder(meta.decoder, { input: meta.input }).decode(outputs, { scoreThreshold: args.scoreThreshold });
      detections = [];
      for (const r of nms(raw, args.iouThreshold, args.maxDetections)) {
        const box = clampBox(boxToFrame(r.box, transform));
        if (area(box) > 0) detections.push({ box, score: r.score, classId: r.classId, label: labelFor(meta.labels, r.classId), source: 'detected' });
      }
    } else if (meta.embedding) {
      const t = outputs[meta.embedding.output];
      if (!t) throw new EdgeLabError('BAD_INPUT', `embedder gave no output "${meta.embedding.output}"`, m.mainFile);
      embedding = Array.from(l2normalize(poolOutput(t, meta.embedding.dims, meta.embedding.pool ?? 'none', m.mainFile)));
    }

    const describe = (role: 'input' | 'output', i: number, name: string, t: HostTensor, info: TensorInfo | undefined) => {
      const stored = asStored(t, info);
      const shape = info && info.shape.every((d) => d >= 0) && info.shape.reduce((a, b) => a * b, 1) === t.data.length ? info.shape : t.shape;
      const entry: PredictTensor = { name, shape, dtype: npyDtypeName(stored) };
      if (info?.stored) entry.quantization = { scale: info.stored.scale, zeroPoint: info.stored.zeroPoint };
      return { entry, bytes: () => encodeNpy(stored, shape), file: npyName(role, i, name) };
    };
    const ins = [describe('input', 0, inputName, tensor, inInfo)];
    const outs = Object.entries(outputs).map(([name, t], i) => describe('output', i, name, t, model.outputs.find((o) => o.name === name)));
    if (outDir) {
      await fs.mkdir(outDir, { recursive: true });
      for (const d of [...ins, ...outs]) {
        const file = join(outDir, d.file);
        await fs.writeFile(file, d.bytes());
        d.entry.file = file;
      }
    }
    job.progress({ stage: 'inference', done: 1, total: 1, unit: 'frames', fraction: 1 });
    return {
      model: { name: m.ref.name, path: m.mainFile, format: m.format, runtime: model.runtime, backend: model.backend },
      clip: { name: clip.name, path: clip.path },
      frame: args.frame,
      width: frame.width,
      height: frame.height,
      task: meta.task,
      ...(detections ? { detections } : {}),
      ...(embedding ? { embedding } : {}),
      inputs: ins.map((d) => d.entry),
      outputs: outs.map((d) => d.entry),
      inferenceMs,
      ...(outDir ? { savedTo: outDir } : {}),
    };
  } finally {
    await model.dispose();
  }
}
