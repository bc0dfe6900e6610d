// ONNX → static int8 in QDQ form (what onnxruntime's quantize_static writes): plan which nodes/tensors get
// QDQ (quant/qdq-plan.ts, op registry quant/registry.ts), calibrate the activation ranges on real frames
// (calibration/: streaming reader, augmented model in onnxruntime-node, minmax | percentile | entropy),
// then write QuantizeLinear/DequantizeLinear pairs, int8 per-channel weights and int32 biases
// (quant/qdq-apply.ts). Settings: calibration (absolute clip or image folder), meta (ModelMeta: the input
// spec tells how to preprocess frames), frames, method, percentile, exclude, prePass (false: skip the
// pre-quantization passes of quant/fold-conv-affine.ts), biasCorrection (true / false / a scope of
// quant/bias-correction.ts: after the QDQ rewrite, the convs' per-channel mean output error against float32 on the
// first calibration frames goes into their int32 biases; 'auto': both the plain and the corrected model are made and
// quant/bias-auto.ts keeps the one agreeing better with float32 on the next calibration frames; absent =
// DEFAULT_BIAS_CORRECTION).
// Result: keptFloat = what the written graph computes in float32; the Relu/Clip folded into their producer's quantized
// output are `folded` (gone from the graph, computed by uint8 saturation: no float op).
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import { BIAS_CORRECTION_AUTO, BIAS_CORRECTION_ON, type FoldedNode, type InputSpec, type ModelMeta } from '../../src-shared/types/model';
import { calibrationFrames, holdFirst } from '../calibration/reader';
import { CALIBRATION_THREADS, collectRanges } from '../calibration/collect';
import { checkCancelled, subJob, type JobContext } from '../jobs/context';
import { decodeOnnx, num, onnxPb, type GraphProto, type ModelProto } from '../formats/onnx/codec';
import { writeFileAtomic } from '../workspace/atomic';
import { namesInUse } from '../formats/onnx/edit';
import { requireOpset13 } from './quant/onnx-nodes';
import { applyQdq } from './quant/qdq-apply';
import { nodeLabel, planQdq, resolveShare, type QdqPlan } from './quant/qdq-plan';
import { INT8_QMAX, INT8_QMAX_REDUCED } from './quant/qdq-math';
import type { Transform, TransformInput, TransformOutput } from './types';
import { autoReduceRange } from './quant/cpu-int8';
import { foldInitializerCasts } from './quant/fold-casts';
import { prePassForInt8 } from './quant/fold-conv-affine';
import { calibrationSettings, methodText, readCalibrationOptions, type CalibrationOptions } from './calibration-options';
import { biasTargets, correctBiases, DEFAULT_BIAS_CORRECTION_FRAMES, type BiasCorrectionReport } from './quant/bias-correction';
import type { HostTensor } from '../runtimes/types';
import { AUTO_HELD_OUT_FRAMES, judgeBiasCorrection, type AutoJudgement } from './quant/bias-auto';

export { DEFAULT_CALIBRATION_FRAMES } from './calibration-options';

/**
 * The one graph input frames are fed to, checked against the input spec. Throws BAD_INPUT naming the input
 * when the model cannot be calibrated from frames: several inputs, no spec, rank ≠ 4, or a static dimension
 * that disagrees with the spec (dynamic dimensions are fed at the spec's size).
 */
export function calibrationInput(model: ModelProto, meta: ModelMeta | undefined, file: string): { name: string; spec: InputSpec } {
  const g = model.graph!;
  const initNames = new Set((g.initializer ?? []).map((t) => t.name ?? ''));
  const inputs = (g.input ?? []).filter((v) => !initNames.has(v.name ?? ''));
  if (inputs.length !== 1) {
    throw new EdgeLabError('BAD_INPUT', `calibration feeds one image input; the model has ${inputs.length} (${inputs.map((v) => v.name).join(', ')})`, file);
  }
  const v = inputs[0];
  const dims = v.type?.tensorType?.shape?.dim ?? [];
  const shown = `[${dims.map((d) => (d.dimParam ? d.dimParam : num(d.dimValue) || '?')).join(', ')}]`;
  if (!meta?.input) {
    throw new EdgeLabError(
      'BAD_INPUT',
      `input '${v.name}' ${shown}: no input spec (bundled catalog or sidecar metadata) says how to turn frames into this tensor, so it cannot be calibrated`,
      file,
    );
  }
  const spec = meta.input;
  if (spec.name && spec.name !== v.name) throw new EdgeLabError('BAD_INPUT', `input spec names '${spec.name}', the model's input is '${v.name}'`, file);
  if (dims.length !== 4) throw new EdgeLabError('BAD_INPUT', `input '${v.name}' has shape ${shown}: calibration needs a rank-4 image tensor`, file);
  const want = spec.layout === 'NCHW' ? [1, 3, spec.height, spec.width] : [1, spec.height, spec.width, 3];
  dims.forEach((d, k) => {
    const val = num(d.dimValue);
    if (!d.dimParam && val > 0 && val !== want[k]) {
      throw new EdgeLabError('BAD_INPUT', `input '${v.name}' has shape ${shown}, the input spec feeds [${want.join(', ')}]`, file);
    }
  });
  if (spec.dtype !== 'float32') throw new EdgeLabError('UNSUPPORTED', `input '${v.name}' is ${spec.dtype}: int8 calibration feeds float32 image inputs`, file);
  return { name: v.name ?? '', spec };
}

async function apply(input: TransformInput, ctx: JobContext): Promise<TransformOutput> {
  const s = input.settings;
  const bytes = await fs.readFile(input.source);
  const model = decodeOnnx(bytes, input.source);
  const { name: inputName, spec } = calibrationInput(model, s.meta as ModelMeta | undefined, input.source);
  const co = await readCalibrationOptions(s, input.source);
  const opset = requireOpset13(model, input.source);
  const exclude = new Set((s.exclude as string[] | undefined) ?? []);
  const g = model.graph!;
  const foldedCasts = foldInitializerCasts(g, input.source);
  const known = new Set((g.node ?? []).map((n) => n.name ?? ''));
  const unknown = [...exclude].filter((x) => !known.has(x));
  if (unknown.length) throw new EdgeLabError('BAD_INPUT', `--exclude names no node of the model: ${unknown.join(', ')}`, input.source);
  // settings.prePass === false skips the pre-quantization passes (Conv+affine folding, ReduceMean → GAP).
  const pre = s.prePass === false ? undefined : prePassForInt8(g, exclude, input.source);
  // Bias correction 'auto': the plain candidate is quantized from a copy of the graph as it is here, exactly as
  // biasCorrection off quantizes it (before biasTargets adds zero biases), so it is written byte for byte as 'off' writes.
  const auto = co.biasCorrection === BIAS_CORRECTION_AUTO;
  // 'auto' with no frame after the correction's (frames ≤ 16) has nothing to judge on: plain, without correcting (the
  // graph quantized below is then the plain candidate itself: no copy).
  const autoUnjudgeable = auto && co.frames <= DEFAULT_BIAS_CORRECTION_FRAMES;
  const plainModel = auto && !autoUnjudgeable ? onnxPb.ModelProto.decode(onnxPb.ModelProto.encode(model).finish()) : undefined;
  const plainPlan = plainModel ? planQdq(plainModel.graph!, exclude) : undefined;
  const plainTaken = plainModel ? namesInUse(plainModel.graph!) : undefined;

  const plan = planQdq(g, exclude);
  if (plan.nodes.size === 0) throw new EdgeLabError('UNSUPPORTED', 'no node of the model has an int8 quantizer (see the op registry)', input.source);
  // Named before the QDQ rewrite replaces g.node (the folds index it).
  const folded = foldedNodes(g, plan);
  checkCancelled(ctx);
  const taken = namesInUse(g);
  // Bias correction: the Conv/Gemm it corrects (a zero bias added where one is missing: exact in float).
  const biasScope = co.biasCorrection === BIAS_CORRECTION_AUTO ? BIAS_CORRECTION_ON : co.biasCorrection;
  const targets = biasScope === 'off' || autoUnjudgeable ? [] : biasTargets(g, plan, biasScope, taken);
  const hash = createHash('sha256');
  // Bias correction measures on the first calibration frames, 'auto' judges on the next ones: held as calibration
  // decodes them (not decoded twice).
  const heldFrames: HostTensor[] = [];
  const hold = targets.length ? DEFAULT_BIAS_CORRECTION_FRAMES + (auto ? AUTO_HELD_OUT_FRAMES : 0) : 0;
  const stream = holdFirst(calibrationFrames(co.source, spec, co.frames, { signal: ctx.signal, hash }), hold, heldFrames);
  // Calibrate the graph that is quantized: after the pre-pass (a temporary copy in outDir), since the residual-bias
  // fold writes tensors the source does not have; without a pre-pass, the source itself. Bias correction reads its
  // float32 conv outputs from the same copy (kept until it is done).
  const calFile = pre || targets.length ? join(input.outDir, `.calibrate-${basename(input.source)}`) : input.source;
  const scratchFile = join(input.outDir, `.bias-correction-${basename(input.source)}`);
  const candidate = (side: string) => join(input.outDir, `.bias-auto-${side}-${basename(input.source)}`);
  const removeTemps = () =>
    Promise.all([calFile !== input.source ? fs.rm(calFile, { force: true }) : undefined, ...[scratchFile, candidate('plain'), candidate('corrected')].map((f) => fs.rm(f, { force: true }))]);
  let cal: Awaited<ReturnType<typeof collectRanges>>;
  let res: ReturnType<typeof applyQdq>;
  let bias: BiasCorrectionReport | undefined;
  // 'auto': the judgement (or why there was none) and the written bytes of the model kept.
  let judged: AutoJudgement | { chosen: 'plain'; reason: string } | undefined;
  let written: Uint8Array | undefined;
  let plainRes: ReturnType<typeof applyQdq> | undefined;
  // settings.reduceRange: true / false, or absent = decided from this CPU (cpu-int8.ts).
  const reduceRange = typeof s.reduceRange === 'boolean' ? s.reduceRange : autoReduceRange().reduceRange;
  try {
    if (calFile !== input.source) await writeFileAtomic(calFile, onnxPb.ModelProto.encode(model).finish());
    cal = await collectRanges(calFile, plan.calibrate, stream, inputName, co.method, { percentile: co.percentile }, subJob(ctx, 0, targets.length ? 0.6 : 0.85), co.frames);
    // Model outputs are never clipped: percentile / entropy ranges apply to inner tensors; an output (or the
    // tensor whose parameters it shares through Reshape/Transpose…) keeps its exact min/max.
    for (const o of g.output ?? []) {
      const origin = resolveShare(o.name ?? '', plan.shareFrom);
      const e = cal.extents.get(origin);
      if (e) cal.ranges.set(origin, e);
    }
    const qmax = reduceRange ? INT8_QMAX_REDUCED : INT8_QMAX;
    res = applyQdq(g, plan, cal.ranges, taken, input.source, qmax);
    if (plainModel) plainRes = applyQdq(plainModel.graph!, plainPlan!, cal.ranges, plainTaken!, input.source, qmax);
    const noHeldOut = `no held-out frame: the calibration set has ${cal.frames} frame(s), the correction uses the first ${DEFAULT_BIAS_CORRECTION_FRAMES}`;
    if (autoUnjudgeable) judged = { chosen: 'plain', reason: noHeldOut };
    if (targets.length) {
      bias = await correctBiases({
        model,
        floatFile: calFile,
        scratchFile,
        targets,
        scope: biasScope as Exclude<typeof biasScope, 'off'>,
        frames: heldFrames.slice(0, DEFAULT_BIAS_CORRECTION_FRAMES),
        inputName,
        threads: CALIBRATION_THREADS,
        ctx: subJob(ctx, 0.6, auto ? 0.9 : 0.95),
      });
    }
    if (plainModel) {
      const heldOut = heldFrames.slice(DEFAULT_BIAS_CORRECTION_FRAMES);
      const plainBytes = finalBytes(plainModel, undefined, co, cal.frames);
      if (bias && heldOut.length === 0) judged = { chosen: 'plain', reason: noHeldOut };
      else if (!bias || bias.correctedNodes === 0) judged = { chosen: 'plain', reason: `no conv in the ${BIAS_CORRECTION_ON} scope to correct` };
      else {
        const correctedBytes = finalBytes(model, bias, co, cal.frames);
        await writeFileAtomic(candidate('plain'), plainBytes);
        await writeFileAtomic(candidate('corrected'), correctedBytes);
        judged = await judgeBiasCorrection({
          reference: input.source,
          plain: candidate('plain'),
          corrected: candidate('corrected'),
          meta: s.meta as ModelMeta | undefined,
          frames: heldOut,
          firstFrame: DEFAULT_BIAS_CORRECTION_FRAMES,
          inputName,
          ctx: subJob(ctx, 0.9, 0.98),
        });
        if (judged.chosen === 'corrected') written = correctedBytes;
      }
      written ??= plainBytes;
    }
  } finally {
    await removeTemps();
  }

  // What was written: for a judged 'auto' the side it kept (its bias report only if corrected, its QDQ counts); otherwise
  // the graph quantized above (an unjudgeable 'auto' corrected nothing in it).
  const correctedKept = !plainModel || judged?.chosen === 'corrected';
  const keptBias = correctedKept ? bias : undefined;
  const q = correctedKept ? res : plainRes!;
  checkCancelled(ctx);
  const mainFile = join(input.outDir, basename(input.source));
  await writeFileAtomic(mainFile, written ?? finalBytes(model, bias, co, cal.frames));
  ctx.progress({ stage: 'int8: written', fraction: 1 });
  return {
    mainFile,
    files: [mainFile],
    keptFloat: [...plan.kept, ...q.kept],
    ...(folded.length ? { folded } : {}),
    settings: {
      activations: 'uint8 asymmetric',
      weights: reduceRange ? 'int8 symmetric per-channel, 7-bit range [-63, 63] (reduce range)' : 'int8 symmetric per-channel [-127, 127]',
      // The range used (the option as given, or this CPU's decision): what remaking the variant elsewhere must ask for.
      reduceRange,
      bias: 'int32',
      ...calibrationSettings(co, cal, hash),
      quantizedNodes: plan.nodes.size + plan.folds.length,
      quantizedActivations: plan.activations.length,
      quantizedWeights: q.weights,
      quantizedBiases: q.biases,
      ...(q.lookups.requantized + q.lookups.tables ? { hardActivations: q.lookups } : {}),
      ...(foldedCasts ? { foldedFloat16Casts: foldedCasts } : {}),
      ...(pre ? { prePass: pre } : {}),
      biasCorrection: keptBias ? roundReport(keptBias) : 'off',
      // 'auto' (additive): which side was kept and why, with the correction's own report whichever was kept.
      ...(auto ? { biasCorrectionAuto: { ...judged, ...(bias ? { correction: roundReport(bias) } : {}) } } : {}),
      ...(exclude.size ? { exclude: [...exclude] } : {}),
      opset: opset.from === opset.to ? opset.to : `${opset.from} → ${opset.to}`,
    },
  };
}

/** The bytes written for the QDQ `model` (irVersion ≥ 7, its edgelab.transform description set; mutates `model`). */
function finalBytes(model: ModelProto, bias: BiasCorrectionReport | undefined, co: CalibrationOptions, frames: number): Uint8Array {
  if (num(model.irVersion) < 7) model.irVersion = 7;
  model.metadataProps = [
    ...(model.metadataProps ?? []).filter((p) => p.key !== 'edgelab.transform'),
    onnxPb.StringStringEntryProto.create({ key: 'edgelab.transform', value: `int8: static QDQ, uint8 activations (${methodText(co)}, ${frames} frames), int8 per-channel weights, int32 bias${bias ? ` (bias-corrected: ${bias.scope}, ${bias.frames} frames)` : ''}` }),
  ];
  return onnxPb.ModelProto.encode(model).finish();
}

/** The Relu/Clip nodes of `plan` folded into their producer, as the convert result reports them (apart from keptFloat). */
function foldedNodes(g: GraphProto, plan: QdqPlan): FoldedNode[] {
  const nodes = g.node ?? [];
  return plan.folds.map((f) => {
    const into = nodeLabel(nodes[f.producer], f.producer);
    const op = nodes[f.act].opType ?? '?';
    return { name: nodeLabel(nodes[f.act], f.act), op, into, reason: `folded into the quantized output of its producer: uint8 saturation from 0 computes the ${op} (no float op)` };
  });
}

/** The bias correction report as the variant's settings record it (errors and seconds rounded). */
function roundReport(b: BiasCorrectionReport): Record<string, unknown> {
  const r = (x: number) => Number(x.toPrecision(4));
  return {
    ...b,
    meanAbsErrorBefore: r(b.meanAbsErrorBefore),
    maxAbsErrorBefore: r(b.maxAbsErrorBefore),
    meanAbsErrorAfter: r(b.meanAbsErrorAfter),
    maxAbsErrorAfter: r(b.maxAbsErrorAfter),
    seconds: Number(b.seconds.toFixed(3)),
  };
}

export const int8Onnx: Transform = { kind: 'int8', formats: ['onnx'], apply };
