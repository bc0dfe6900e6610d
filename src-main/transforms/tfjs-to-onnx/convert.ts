// TF.js graph model → ONNX (opset 13), the 'onnx' transform. Steps:
//  1. plan (graph.ts): the dynamic nodes the outputs need; unsupported ops refused up front, listed with counts;
//  2. probe (probe.ts): TF.js runs on a real frame give every tensor's concrete shape and the values of
//     constant(-folded) tensors — the ONNX model has fixed input shapes (batch 1, the model's input size);
//  3. emit (emit.ts + ops/*): one converter per TF op; tensors stay NHWC, NCHW-only ops get per-op Transposes;
//  4. write the .onnx atomically, then check it (check.ts) against TF.js on N real frames: max abs error per output.
// Settings (all optional): inputAt (tensor name or list: start the ONNX graph at these tensors, e.g. after a
// pre-processing loop that the pipeline does itself), outputs (tensor names), checkFrames (default 3),
// checkStride (default 25), checkClip (default samples/cup.mp4).
import { promises as fs } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { EdgeLabError } from '../../../src-shared/protocol';
import { checkCancelled, type JobContext } from '../../jobs/context';
import { metaForModel } from '../../models/catalog';
import { readModelJson } from '../../formats/tfjs/manifest';
import { onnxPb } from '../../formats/onnx/codec';
import { runtimeFor } from '../../runtimes/registry';
import { openTapped } from '../../runtimes/tapped';
import type { HostTensor, LoadedModel } from '../../runtimes/types';
import { writeFileAtomic } from '../../workspace/atomic';
import type { Transform, TransformInput, TransformOutput } from '../types';
import { compareOnFrames, maxAbsDiff, type ConversionCheck } from './check';
import { emitOnnx } from './emit';
import { defaultCheckClip, inputSpecFor, isImageInput, realFrames, syntheticFeeds } from './frames';
import { defaultOutputs, planGraph, type GraphPlan } from './graph';
import { probeTensors, readConstants } from './probe';

function stringList(v: unknown, key: string): string[] | undefined {
  if (v === undefined) return undefined;
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string' && x.length > 0)) {
    throw new EdgeLabError('BAD_INPUT', `setting ${key} must be a tensor name or a list of them`);
  }
  return list.map((x) => (x.endsWith(':0') ? x.slice(0, -2) : x));
}

function positiveInt(v: unknown, key: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 1000) throw new EdgeLabError('BAD_INPUT', `setting ${key} must be an integer in 1..1000`);
  return v;
}

/** Largest difference allowed between a cut-off prefix's output and EdgeLab's preprocess (0–255 pixel scale). */
const PREFIX_TOLERANCE = 1e-3;

function cutNote(cuts: string[], autoCut: boolean, prefixDiff: number): string {
  if (!cuts.length) return '';
  if (!autoCut) return `; ONNX fed with TF.js's ${cuts.join(', ')}`;
  return `; ONNX fed at ${cuts[0]} with EdgeLab's preprocessed frame as float32 (the graph's own pre-processing before it differs by ${prefixDiff})`;
}

async function apply(input: TransformInput, ctx: JobContext): Promise<TransformOutput> {
  const file = input.source;
  const s = input.settings;
  let cuts = stringList(s.inputAt, 'inputAt') ?? [];
  const checkFrames = positiveInt(s.checkFrames, 'checkFrames', 3);
  const checkStride = positiveInt(s.checkStride, 'checkStride', 25);
  const clip = typeof s.checkClip === 'string' ? s.checkClip : defaultCheckClip();

  ctx.progress({ stage: 'onnx: plan', fraction: 0 });
  const files = await readModelJson(file);
  const nodes = files.json.modelTopology.node ?? [];
  const outputs = stringList(s.outputs, 'outputs') ?? defaultOutputs(nodes, files.json.signature);
  let plan: GraphPlan;
  try {
    plan = planGraph(nodes, outputs, cuts, file);
  } catch (e) {
    // Unconvertible pre-processing (SSD's resize while-loop): start the graph after it, provided the
    // check below proves the left-out part equals EdgeLab's own preprocess on real frames.
    if (cuts.length || s.autoCut === false || !(e instanceof EdgeLabError) || e.code !== 'UNSUPPORTED') throw e;
    let auto: GraphPlan;
    try {
      auto = planGraph(nodes, outputs, [], file, true);
    } catch {
      throw e; // unconvertible ops beyond a single prefix: report the full list
    }
    if (auto.autoCuts.length !== 1) throw e;
    plan = auto;
    cuts = auto.autoCuts;
  }
  const autoCut = plan.autoCuts.length > 0;

  const meta = await metaForModel(file);
  // The TF.js model tapped at every tensor the probe reads (runtimes/tapped.ts); it also runs the check.
  const probed = [...new Set([...plan.probed, ...plan.constRefs])];
  const tapped = await openTapped(file, 'tfjs-graph', { tensors: probed });
  const tfModel = tapped.model;
  const mainFile = join(input.outDir, `${basename(file, extname(file))}.onnx`);
  let onnxModel: LoadedModel | undefined;
  let ok = false;
  try {
    const place = tfModel.inputs[0];
    if (!place) throw new EdgeLabError('BAD_INPUT', 'the TF.js model has no input', file);
    const { spec, guessed } = inputSpecFor(meta, place.name, place.shape, place.dtype);
    const inputName = spec.name ?? place.name;
    // Images (or any model with metadata) get real frames; other inputs a stated synthetic signal.
    const synthetic = !meta && (tfModel.inputs.length !== 1 || !isImageInput(place));
    let feeds: Record<string, HostTensor>[];
    let frameIndices: number[];
    if (synthetic && autoCut) {
      const left = Object.entries(plan.cutOps).map(([op, c]) => `${op} ×${c}`).join(', ');
      throw new EdgeLabError('UNSUPPORTED', `cannot convert: ${left} (only an image model's pre-processing can move into the pipeline)`, file);
    }
    if (synthetic) {
      feeds = syntheticFeeds(tfModel.inputs, checkFrames);
      frameIndices = [];
    } else {
      const frames = await realFrames(clip, spec, checkFrames, checkStride, ctx);
      if (frames.tensors.length === 0) throw new EdgeLabError('BAD_INPUT', 'the check clip gave no frames', clip);
      feeds = frames.tensors.map((t) => ({ [inputName]: t }));
      frameIndices = frames.indices;
    }
    ctx.progress({ stage: 'onnx: probe', fraction: 0.05 });

    const keep = new Set(plan.constRefs);
    const consts = await readConstants(file);
    const facts = await probeTensors(tfModel, consts, feeds[0], probed, keep, () => undefined, ctx, (done, total) =>
      ctx.progress({ stage: 'onnx: probe', done, total, unit: 'tensors', fraction: 0.05 + 0.45 * (done / total) }),
    );
    checkCancelled(ctx);
    ctx.progress({ stage: 'onnx: emit', fraction: 0.5 });
    const { model, layout } = emitOnnx(
      {
        plan,
        facts,
        file,
        docString: `Converted by EdgeLab from the TF.js graph model ${basename(file)}`,
        metadata: { 'edgelab.transform': 'tfjs-to-onnx', 'edgelab.source': basename(file), ...(cuts.length ? { 'edgelab.inputAt': cuts.join(',') } : {}) },
      },
      ctx,
    );
    checkCancelled(ctx);
    await writeFileAtomic(mainFile, onnxPb.ModelProto.encode(model).finish());
    ctx.progress({ stage: 'onnx: check', done: 0, total: feeds.length, unit: 'frames', fraction: 0.6 });

    onnxModel = await (await runtimeFor('onnx')).load(mainFile);
    // Auto cut: the ONNX side gets the pipeline's own preprocessed frame (as float32) where the TF.js graph
    // ran its left-out prefix; the two must agree or the cut is refused.
    let prefixDiff = 0;
    const onnxFeeds = (f: number, ref: Record<string, HostTensor>): Record<string, HostTensor> => {
      if (!cuts.length) return feeds[f];
      if (!autoCut) return Object.fromEntries(cuts.map((c) => [c, ref[c]]));
      const frame = feeds[f][inputName];
      const asFloat: HostTensor = { data: Float32Array.from(frame.data as ArrayLike<number>), shape: frame.shape, dtype: 'float32' };
      prefixDiff = Math.max(prefixDiff, maxAbsDiff(ref[cuts[0]], asFloat));
      return { [cuts[0]]: asFloat };
    };
    const perOutput = await compareOnFrames(tfModel, onnxModel, feeds, outputs, cuts, onnxFeeds, ctx, (done) =>
      ctx.progress({ stage: 'onnx: check', done, total: feeds.length, unit: 'frames', fraction: 0.6 + 0.4 * (done / feeds.length) }),
    );
    if (autoCut && !(prefixDiff <= PREFIX_TOLERANCE)) {
      const left = Object.entries(plan.cutOps).map(([op, c]) => `${op} ×${c}`).join(', ');
      throw new EdgeLabError(
        'UNSUPPORTED',
        `cannot convert: ${left}; and the graph's part before ${cuts[0]} is not EdgeLab's preprocess (max abs difference ${prefixDiff} on real frames), so it cannot move into the pipeline`,
        file,
      );
    }
    const check: ConversionCheck = {
      clip: synthetic ? '' : clip,
      frames: frameIndices,
      input: synthetic
        ? `synthetic: ${checkFrames} pseudo-random inputs (float uniform [0,1), int32 0..9) for ${tfModel.inputs.map((t) => `${t.name} [${t.shape}]`).join(', ')}: not an image model and no metadata`
        : `${inputName} ${spec.layout} ${spec.dtype} ${spec.width}×${spec.height} range [${spec.range}] ${guessed ? '(guessed: no metadata for this model)' : '(model metadata)'}${cutNote(cuts, autoCut, prefixDiff)}`,
      outputs: perOutput,
      maxAbsError: Math.max(...Object.values(perOutput).map((o) => o.maxAbsError)),
      maxAbsErrorRowMatched: Math.max(...Object.values(perOutput).map((o) => o.rowMatchedMaxAbsError ?? o.maxAbsError)),
    };
    const ops: Record<string, number> = {};
    for (const n of plan.convert) ops[n.op] = (ops[n.op] ?? 0) + 1;
    const inShapes = Object.fromEntries(plan.inputs.map((t) => [t, facts.get(t)?.shape ?? []]));
    ok = true;
    return {
      mainFile,
      files: [mainFile],
      keptFloat: [],
      settings: {
        opset: 13,
        layout: 'NCHW interior: Conv/pool/Resize run in NCHW and the elementwise ops between them too (layout.ts); NHWC at the graph inputs/outputs and around shape ops',
        transposes: { perOp: layout.transposesBefore, kept: layout.transposesAfter },
        inputs: inShapes,
        outputs,
        ...(cuts.length ? { inputAt: cuts } : {}),
        ...(autoCut ? { movedToPipeline: { ops: plan.cutOps, prefixMaxAbsDiff: prefixDiff } } : {}),
        convertedNodes: plan.convert.length,
        onnxNodes: model.graph?.node?.length ?? 0,
        ops,
        maxAbsError: check.maxAbsError,
        maxAbsErrorRowMatched: check.maxAbsErrorRowMatched,
      },
      check,
    };
  } finally {
    await tapped.dispose();
    await onnxModel?.dispose();
    if (!ok) await fs.rm(mainFile, { force: true }); // failed or cancelled check: leave nothing behind
  }
}

export const tfjsToOnnx: Transform = { kind: 'onnx', formats: ['tfjs-graph'], apply };
