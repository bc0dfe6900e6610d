// Mixed precision for ONNX int8 (`convert --to int8 --target-snr <dB>`): start from full static int8 (the
// int8 transform, int8-onnx.ts), rank the quantized nodes by how much SNR each one loses locally (per-layer
// comparison of the int8 model against float32: validation/layer-errors.ts `snrDropDb`), then keep the most sensitive
// nodes in float (the int8 transform's `exclude`) until the model output reaches the target SNR. Which nodes:
// a measured greedy over that ranking (mixed-search.ts): chunks of doubling size, each closed to the contiguous
// region between the kept nodes (mixed-regions.ts: few float islands, few Q/DQ boundaries), a candidate is kept
// only if the measured output SNR rises and its measured latency is ≤ 1.1× float32 (MAX_LATENCY_RATIO); a chunk
// that lowers the SNR is split down to the single nodes to reject (on onnxruntime, keeping a node in float
// changes which neighbours are fused into int8 kernels, and can lose more than the node's own quantization did:
// measured on BlazeFace with full-range weights, 8 nodes kept 12.7 dB, 16 nodes 9.3 dB). So the accepted steps
// are monotone and within the latency limit by construction, and the search stops at the first accepted set that
// meets the target. Output SNR is the validation metric (worst output over the frames, validation/validate.ts).
// Latency: median of interleaved runs of the candidate and float32 on one real frame, 1 thread
// (runtimes/interleaved-latency.ts), so every step has a latency and a ratio to float32 measured under the same load;
// a ratio over the limit is measured once more and the lower one kept (load only adds time).
// Reports the nodes kept, every measured step, the size and the measured latency of float32 / full int8 / mixed
// (re-measured together at the end). Never returns a mixed model slower than the limit: if the final
// measurement of the chosen set exceeds it, the last accepted set within it is returned (or full int8), with
// reached re-evaluated and the reason. The target
// not reached even with every ranked node in float is reported (reached: false), not an error: the variant is
// still the best found.
// `--target-recall <r>` (detectors) searches instead for the smallest input-side float region with which the int8
// model finds r of float32's detections on the validation frames (mixed-prefix.ts: why prefixes); the same
// latency limit, final timing and report apply (`targetRecall`, `recall50` per step).
// Wiring: the convert engine path (engine/variants.ts, F1) uses `mixedPrecisionOnnx` instead of the plain
// int8 transform when `targetSnrDb` or `targetRecall` is set.
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import type { ValidationMetrics } from '../../src-shared/api';
import type { ModelMeta } from '../../src-shared/types/model';
import { calibrationFrames, openCalibrationSource } from '../calibration/reader';
import { checkCancelled, subJob, type JobContext } from '../jobs/context';
import { openTapped } from '../runtimes/tapped';
import { compareLayers } from '../validation/layer-errors';
import { decodeOnnx } from '../formats/onnx/codec';
import type { HostTensor } from '../runtimes/types';
import { interleavedLatency } from '../runtimes/interleaved-latency';
import { DEFAULT_VALIDATION_FRAMES, MAX_VALIDATION_FRAMES, validateVariant } from '../validation/validate';
import { int8Onnx } from './int8-onnx';
import { regionCloser } from './mixed-regions';
import { searchInputPrefix } from './mixed-prefix';
import type { MixedPrecisionReport, MixedStep } from './mixed-report';
import { MAX_LATENCY_RATIO, searchKeptFloat, type Measured } from './mixed-search';
import { planQdq } from './quant/qdq-plan';
import type { Transform, TransformInput, TransformOutput } from './types';

/**
 * Frames of the calibration source used to rank layers and to measure the output SNR of each candidate: the
 * convert path's default validation count, so the SNR the search reaches is the one validation reports.
 */
export const MIXED_EVAL_FRAMES = DEFAULT_VALIDATION_FRAMES;
/** Timed runs per model when a candidate is measured against float32 (interleaved, after 3 warm-up rounds). */
const LATENCY_RUNS = 41;
/** Timed runs per model of the final float32 / full int8 / mixed measurement. */
const FINAL_LATENCY_RUNS = 81;
/** Candidates the search may requantize and validate (settings.maxEvaluations overrides; each costs a calibration). */
export const MIXED_MAX_EVALUATIONS = 40;

export type { MixedPrecisionReport, MixedStep } from './mixed-report';

async function apply(input: TransformInput, ctx: JobContext): Promise<TransformOutput> {
  const s = input.settings;
  const target = typeof s.targetSnrDb === 'number' ? s.targetSnrDb : undefined;
  const targetRecall = typeof s.targetRecall === 'number' ? s.targetRecall : undefined;
  if ((target === undefined) === (targetRecall === undefined)) {
    throw new EdgeLabError('BAD_INPUT', 'mixed precision needs one target: --target-snr <dB> or --target-recall <0..1>', input.source);
  }
  const meta = s.meta as ModelMeta | undefined;
  if (!meta?.input || typeof s.calibration !== 'string') {
    throw new EdgeLabError('BAD_INPUT', 'mixed precision needs an input spec and a calibration source to measure the output SNR', input.source);
  }
  if (targetRecall !== undefined && !meta.decoder) {
    throw new EdgeLabError('BAD_INPUT', "--target-recall needs a detector: the model's metadata names no decoder (give one in its .edgelab.json sidecar)", input.source);
  }
  const userExclude = (s.exclude as string[] | undefined) ?? [];
  const frames = s.frames as number | undefined;
  // --target-recall judges on the frames the conversion's validation reports (up to 32: a few boxes per frame); the
  // SNR search on fewer (the SNR is a mean over frames).
  const evalFrames = targetRecall !== undefined ? Math.min(frames ?? MAX_VALIDATION_FRAMES, MAX_VALIDATION_FRAMES) : Math.min(frames ?? MIXED_EVAL_FRAMES, MIXED_EVAL_FRAMES);
  /** Whether a validated candidate meets the target (recall@0.5 against float32, or the worst-output SNR). */
  const meets = (v: ValidationMetrics) => (targetRecall !== undefined ? (v.detection?.recall50 ?? 0) >= targetRecall : v.snrDb >= target!);
  const maxLatencyRatio = typeof s.maxLatencyRatio === 'number' ? s.maxLatencyRatio : MAX_LATENCY_RATIO;
  const source = s.calibration;
  const g = decodeOnnx(await fs.readFile(input.source), input.source).graph!;

  // One real frame for the latency measurements (1 thread, interleaved with float32).
  const first = calibrationFrames(await openCalibrationSource(source), meta.input, 1, { signal: ctx.signal });
  let feed: HostTensor | undefined;
  for await (const f of first) feed = f.tensor;
  const inits = new Set((g.initializer ?? []).map((t) => t.name));
  const inputName = meta.input.name ?? (g.input ?? []).find((v) => !inits.has(v.name))?.name ?? '';
  const latency = async (file: string): Promise<Pick<Measured, 'latencyMs' | 'latencyRatio'>> => {
    // Load on a shared machine only adds time: a ratio over the limit is measured once more and the lower kept.
    let r = await interleavedLatency([input.source, file], inputName, feed!, LATENCY_RUNS, 3, 1);
    if (r.ratioToFirst[1] > maxLatencyRatio) {
      const again = await interleavedLatency([input.source, file], inputName, feed!, LATENCY_RUNS, 3, 1);
      if (again.ratioToFirst[1] < r.ratioToFirst[1]) r = again;
    }
    return { latencyMs: r.medianMs[1], latencyRatio: r.ratioToFirst[1] };
  };

  let step = 0;
  /** Cache key of a kept-in-float set: order-free. */
  const keyOf = (kept: readonly string[]) => [...kept].sort().join('\n');
  const made = new Map<string, { res: TransformOutput; validation: ValidationMetrics; dir: string; sizeBytes: number } & Pick<Measured, 'latencyMs' | 'latencyRatio'>>();

  /** int8 with `kept` (plus the user's exclusions) kept in float, validated and timed; cached by the kept set. */
  const make = async (kept: string[], job: JobContext) => {
    const key = keyOf(kept);
    const hit = made.get(key);
    if (hit) return hit;
    const dir = join(input.outDir, `.mixed-step-${step++}`);
    await fs.mkdir(dir);
    const res = await int8Onnx.apply({ source: input.source, outDir: dir, settings: { ...s, exclude: [...userExclude, ...kept] } }, subJob(job, 0, 0.8));
    const validation = await validateVariant(
      { reference: { file: input.source, format: 'onnx' }, variant: { file: res.mainFile, format: 'onnx' }, meta, source, frames: evalFrames },
      subJob(job, 0.8, 1),
    );
    const m = { res, validation, dir, sizeBytes: (await fs.stat(res.mainFile)).size, ...(await latency(res.mainFile)) };
    made.set(key, m);
    return m;
  };

  // 1. Full int8 and its per-layer ranking.
  const full = await make([], subJob(ctx, 0, 0.25, 'int8'));
  const quantized = new Set([...planQdq(g, new Set(userExclude)).nodes.keys()].map((i) => g.node![i].name ?? '').filter(Boolean));
  let ranked: string[] = [];
  const drops = new Map<string, number>();
  if (target !== undefined && full.validation.snrDb < target) {
    const ref = await openTapped(input.source, 'onnx', 'float-intermediates');
    try {
      const v = await openTapped(full.res.mainFile, 'onnx', 'float-intermediates');
      try {
        const inName = meta.input.name ?? ref.inputNames[0];
        const frames = calibrationFrames(await openCalibrationSource(source), meta.input, evalFrames, { signal: ctx.signal });
        const cmp = await compareLayers(ref, v, frames, { refInput: inName, variantInput: inName, totalFrames: evalFrames }, subJob(ctx, 0.25, 0.35, 'rank'));
        for (const n of [...cmp.nodes].sort((a, b) => b.snrDropDb - a.snrDropDb)) {
          const node = quantized.has(n.name) ? n.name : n.variantNode && quantized.has(n.variantNode) ? n.variantNode : undefined;
          if (node && !drops.has(node)) drops.set(node, n.snrDropDb);
        }
        ranked = [...drops.keys()];
      } finally {
        await v.dispose();
      }
    } finally {
      await ref.dispose();
    }
  }

  // 2. Measured greedy over the ranking, candidates closed to contiguous regions (mixed-search.ts): accepted
  // steps never lower the SNR and are never slower than maxLatencyRatio × float32.
  let evals = 0;
  const maxEvals = typeof s.maxEvaluations === 'number' ? s.maxEvaluations : MIXED_MAX_EVALUATIONS;
  const sizes: number[] = [];
  const candidate = async (kept: string[]) => {
    checkCancelled(ctx);
    const m = await make(kept, subJob(ctx, 0.35, 0.9, `candidate ${++evals}: keep ${kept.length} in float`));
    sizes.push(m.sizeBytes);
    return m;
  };
  const expand = regionCloser(g, quantized);
  // --target-recall: input-side prefixes in graph order (mixed-prefix.ts); the ONNX graph's node list is topological.
  const inOrder = (g.node ?? []).map((n) => n.name ?? '').filter((n) => quantized.has(n));
  /** --target-recall's search, shaped as searchKeptFloat's result (one accepted set at most, no single-node rejections). */
  const searchByRecall = async (r: number) => {
    if (meets(full.validation)) return { kept: [] as string[], reached: true, steps: [], acceptedSets: [] as string[][], rejected: [] as string[], evaluations: 0 };
    const measure = async (kept: string[]) => {
      const m = await candidate(kept);
      return { recall50: m.validation.detection?.recall50 ?? 0, snrDb: m.validation.snrDb, latencyMs: m.latencyMs, latencyRatio: m.latencyRatio };
    };
    const found = await searchInputPrefix(inOrder, r, measure, { maxEvals, maxLatencyRatio, expand });
    return { ...found, acceptedSets: found.reached ? [found.kept] : [], rejected: [] as string[] };
  };
  const search =
    targetRecall !== undefined
      ? await searchByRecall(targetRecall)
      : await searchKeptFloat(
          ranked,
          full.validation.snrDb,
          target!,
          async (kept) => {
            const m = await candidate(kept);
            return { snrDb: m.validation.snrDb, latencyMs: m.latencyMs, latencyRatio: m.latencyRatio };
          },
          { maxEvals, maxLatencyRatio, expand },
        );
  let keptNodes = search.kept;
  let reached = search.reached;
  let notReached = reached
    ? undefined
    : targetRecall !== undefined
      ? `no input-side prefix (${search.evaluations} measured, of at most ${maxEvals}) found ${targetRecall} of float32's detections at ≤ ${maxLatencyRatio}× float32 latency`
      : `no candidate within ${maxEvals} evaluations met ${target} dB at ≤ ${maxLatencyRatio}× float32 latency`;

  // 3. Cost: float32, full int8 and every accepted set measured together (interleaved) on one real frame. The
  // delivered set is the last accepted one that is within the latency limit in this final measurement too (a
  // shared machine's load can move a candidate over it); none: full int8.
  checkCancelled(ctx);
  const sets = search.acceptedSets.map((k) => made.get(keyOf(k))!);
  const files = [input.source, full.res.mainFile, ...sets.map((m) => m.res.mainFile)];
  let fin = await interleavedLatency(files, inputName, feed!, FINAL_LATENCY_RUNS, 3, 1);
  if (sets.length > 0 && fin.ratioToFirst.at(-1)! > maxLatencyRatio) {
    // as for a step: over the limit is measured once more, and the lower ratio of each model kept
    const again = await interleavedLatency(files, inputName, feed!, FINAL_LATENCY_RUNS, 3, 1);
    fin = {
      medianMs: fin.medianMs.map((v, i) => (again.ratioToFirst[i] < fin.ratioToFirst[i] ? again.medianMs[i] : v)),
      ratioToFirst: fin.ratioToFirst.map((v, i) => Math.min(v, again.ratioToFirst[i])),
    };
  }
  const [f32Ms, int8Ms] = fin.medianMs;
  let pick = sets.length - 1;
  while (pick >= 0 && fin.ratioToFirst[pick + 2] > maxLatencyRatio) pick--;
  if (pick < sets.length - 1) {
    const last = sets.at(-1)!;
    notReached = `the last accepted set (${keptNodes.length} node(s) in float, ${last.validation.snrDb.toFixed(1)} dB) measured ${fin.ratioToFirst.at(-1)!.toFixed(2)}× float32 in the final measurement, over the ${maxLatencyRatio}× limit: ${pick >= 0 ? `the accepted set of ${search.acceptedSets[pick].length} node(s) is delivered` : 'full int8 delivered'}`;
    keptNodes = pick >= 0 ? search.acceptedSets[pick] : [];
    reached = meets((pick >= 0 ? sets[pick] : full).validation);
  }
  const chosen = pick >= 0 ? sets[pick] : full;
  const mixedMs = pick >= 0 ? fin.medianMs[pick + 2] : int8Ms;
  const mixedRatio = fin.ratioToFirst[pick >= 0 ? pick + 2 : 1];
  const ms = { float32: f32Ms, int8: int8Ms, mixed: mixedMs };
  const size = { float32: (await fs.stat(input.source)).size, int8: full.sizeBytes, mixed: chosen.sizeBytes };
  // Every measured candidate, in order (`accepted` ones form the non-decreasing curve).
  const fullRecall = full.validation.detection ? { recall50: full.validation.detection.recall50 } : {};
  const steps: MixedStep[] = [{ keptFloat: 0, snrDb: full.validation.snrDb, ...fullRecall, latencyMs: full.latencyMs, latencyRatio: full.latencyRatio, accepted: true, sizeBytes: size.int8 }];
  search.steps.forEach((st, i) => steps.push({ ...st, sizeBytes: sizes[i] }));

  // 4. Publish the chosen step's file in outDir; drop the step folders.
  const mainFile = join(input.outDir, basename(input.source));
  await fs.rename(chosen.res.mainFile, mainFile);
  for (const m of made.values()) await fs.rm(m.dir, { recursive: true, force: true });
  ctx.progress({ stage: 'mixed precision: done', fraction: 1 });
  return {
    mainFile,
    files: [mainFile],
    keptFloat: [
      ...chosen.res.keptFloat.filter((k) => !keptNodes.includes(k.name)),
      ...keptNodes.map((n) => ({
        name: n,
        reason:
          targetRecall !== undefined
            ? `kept in float for --target-recall ${targetRecall} (the input-side region)`
            : drops.has(n)
              ? `kept in float for --target-snr ${target} dB (local SNR loss ${drops.get(n)!.toFixed(1)} dB in full int8)`
              : `kept in float for --target-snr ${target} dB (inside the float region between kept nodes)`,
      })),
    ],
    ...(chosen.res.folded?.length ? { folded: chosen.res.folded } : {}),
    settings: {
      ...(chosen.res.settings ?? {}),
      mixedPrecision: {
        ...(target !== undefined ? { targetSnrDb: target } : { targetRecall }),
        reached,
        ...(notReached && !reached ? { notReachedReason: notReached } : {}),
        snrDb: chosen.validation.snrDb,
        fullInt8SnrDb: full.validation.snrDb,
        ...(full.validation.detection ? { recall50: chosen.validation.detection?.recall50, fullInt8Recall50: full.validation.detection.recall50 } : {}),
        search:
          targetRecall !== undefined
            ? 'input-side prefixes of the quantized nodes in graph order, doubling, closed to contiguous float regions, bisected at the first that meets the target recall'
            : 'greedy over nodes ranked by local SNR loss, chunks of doubling size closed to contiguous float regions',
        keptFloatNodes: keptNodes,
        rankedNodes: targetRecall !== undefined ? inOrder.length : ranked.length,
        steps,
        rejectedNodes: search.rejected,
        evaluations: search.evaluations,
        sizeBytes: size,
        sizeCostRatio: size.mixed / size.int8,
        latencyMs: ms,
        latencyCostRatio: ms.mixed / ms.int8,
        latencyRatioToFloat32: mixedRatio,
        maxLatencyRatio,
        latencyThreads: 1,
        evalFrames,
      } satisfies MixedPrecisionReport,
    },
  };
}

export const mixedPrecisionOnnx: Transform = { kind: 'int8', formats: ['onnx'], apply };
