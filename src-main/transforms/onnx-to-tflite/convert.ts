// ONNX → TFLite float32 (the 'tflite' transform on 'onnx' models). Steps:
//  1. plan (graph.ts): the nodes the outputs need, constants folded; an op without a TFLite mapping refuses the
//     whole conversion up front, naming each op with its count (nothing written);
//  2. probe (graph.ts): onnxruntime gives every tensor's static shape and the folded constants' values;
//  3. emit (emit.ts + ops/*): NHWC TFLite ops; the layout is tracked per tensor (context.ts) so only the
//     transposes the model really needs are written; Conv + scale/bias/Relu(6) fused as TF's converter does;
//  4. write the .tflite atomically (formats/tflite/writer.ts), then check it (LiteRT.js) against onnxruntime on
//     N real frames of the check clip: max abs error per output (TransformCheck).
// Tensor names: the ONNX names are kept (graph inputs/outputs exactly), so the source's metadata (input spec,
// decoder params naming outputs) applies to the .tflite as is. Graph inputs keep the ONNX layout (the bundled
// detectors take NHWC images; an NCHW input stays NCHW and is followed by a TRANSPOSE).
// Settings (all optional): checkFrames (default 3), checkStride (default 25), checkClip (default samples/cup.mp4).
import { promises as fs } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { EdgeLabError } from '../../../src-shared/protocol';
import { checkCancelled, type JobContext } from '../../jobs/context';
import { metaForModel } from '../../models/catalog';
import { writeTfliteAtomic } from '../../formats/tflite/writer';
import { runtimeFor } from '../../runtimes/registry';
import type { HostTensor, LoadedModel } from '../../runtimes/types';
import type { ModelMeta } from '../../../src-shared/types/model';
import type { Transform, TransformInput, TransformOutput } from '../types';
import { compareOnFrames } from '../tfjs-to-onnx/check';
import { defaultCheckClip, inputSpecFor, isImageInput, realFrames, syntheticFeeds } from '../tfjs-to-onnx/frames';
import { emitTflite, type EmitResult } from './emit';
import { planGraph, probeGraph } from './graph';
import { OP_EMITTERS } from './ops/registry';

export const ONNX_TO_TFLITE_VERSION = '1';

function positiveInt(v: unknown, key: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 1000) throw new EdgeLabError('BAD_INPUT', `setting ${key} must be an integer in 1..1000`);
  return v;
}

export interface ConvertedTflite extends EmitResult {
  bytes: Uint8Array;
  onnxOps: Record<string, number>;
  folded: number;
}

/** Plans, probes, emits and writes `file` as `out` (no check). Throws before writing anything when an op is unmapped. */
export async function convertOnnxToTflite(file: string, out: string): Promise<ConvertedTflite> {
  const bytes = await fs.readFile(file);
  const plan = planGraph(bytes, file, (op) => op in OP_EMITTERS);
  const facts = await probeGraph(plan, file);
  const emitted = emitTflite(plan, facts, file, `EdgeLab onnx-to-tflite ${ONNX_TO_TFLITE_VERSION} from ${basename(file)}`);
  const written = await writeTfliteAtomic(out, emitted.model);
  return { ...emitted, bytes: written, onnxOps: plan.ops, folded: plan.folded };
}

async function checkFeeds(meta: ModelMeta | undefined, ref: LoadedModel, s: Record<string, unknown>, ctx: JobContext) {
  const checkFrames = positiveInt(s.checkFrames, 'checkFrames', 3);
  const checkStride = positiveInt(s.checkStride, 'checkStride', 25);
  const clip = typeof s.checkClip === 'string' ? s.checkClip : defaultCheckClip();
  const place = ref.inputs[0];
  if (!meta && (ref.inputs.length !== 1 || !isImageInput(place))) {
    return { feeds: syntheticFeeds(ref.inputs, checkFrames), frames: [] as number[], clip: '', input: `synthetic: ${checkFrames} pseudo-random inputs (float uniform [0,1), int32 0..9): not an image model and no metadata` };
  }
  const { spec, guessed } = inputSpecFor(meta, place.name, place.shape, place.dtype);
  const fr = await realFrames(clip, spec, checkFrames, checkStride, ctx);
  if (fr.tensors.length === 0) throw new EdgeLabError('BAD_INPUT', 'the check clip gave no frames', clip);
  const name = spec.name ?? place.name;
  return {
    feeds: fr.tensors.map((t) => ({ [name]: t }) as Record<string, HostTensor>),
    frames: fr.indices,
    clip,
    input: `${name} ${spec.layout} ${spec.dtype} ${spec.width}×${spec.height} range [${spec.range}] ${guessed ? '(guessed: no metadata for this model)' : '(model metadata)'}`,
  };
}

async function apply(input: TransformInput, ctx: JobContext): Promise<TransformOutput> {
  const file = input.source;
  const mainFile = join(input.outDir, `${basename(file, extname(file))}.tflite`);
  ctx.progress({ stage: 'tflite: convert', fraction: 0 });
  const made = await convertOnnxToTflite(file, mainFile);
  checkCancelled(ctx);
  let ok = false;
  let ref: LoadedModel | undefined;
  let got: LoadedModel | undefined;
  try {
    ctx.progress({ stage: 'tflite: check', fraction: 0.5 });
    const meta = (input.settings.meta as ModelMeta | undefined) ?? (await metaForModel(file));
    ref = await (await runtimeFor('onnx')).load(file);
    got = await (await runtimeFor('tflite')).load(mainFile);
    const f = await checkFeeds(meta, ref, input.settings, ctx);
    const outputs = ref.outputs.map((o) => o.name);
    const perOutput = await compareOnFrames(ref, got, f.feeds, outputs, [], (i) => f.feeds[i], ctx, (done) =>
      ctx.progress({ stage: 'tflite: check', done, total: f.feeds.length, unit: 'frames', fraction: 0.5 + 0.5 * (done / f.feeds.length) }),
    );
    const maxAbsError = Math.max(...Object.values(perOutput).map((o) => o.maxAbsError));
    const maxAbsErrorRowMatched = Math.max(...Object.values(perOutput).map((o) => o.rowMatchedMaxAbsError ?? o.maxAbsError));
    const ops: Record<string, number> = {};
    for (const op of made.model.operators) ops[op.op] = (ops[op.op] ?? 0) + 1;
    ok = true;
    return {
      mainFile,
      files: [mainFile],
      keptFloat: [],
      settings: {
        storage: 'float32',
        compute: 'float32',
        layout: 'NHWC: Conv/pool/resize on NHWC tensors, elementwise ops kept NHWC between them; inputs as the ONNX model declares them',
        transposes: made.transposes,
        onnxOps: made.onnxOps,
        foldedNodes: made.folded,
        fusedNodes: made.fused,
        tfliteOps: ops,
        maxAbsError,
        maxAbsErrorRowMatched,
      },
      check: { clip: f.clip, frames: f.frames, input: f.input, outputs: perOutput, maxAbsError, maxAbsErrorRowMatched },
    };
  } finally {
    await ref?.dispose();
    await got?.dispose();
    if (!ok) await fs.rm(mainFile, { force: true }); // failed or cancelled check: leave nothing behind
  }
}

export const onnxToTflite: Transform = { kind: 'tflite', formats: ['onnx'], apply };
