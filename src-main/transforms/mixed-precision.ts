// Mixed precision for ONNX int8 (`convert --to int8 --target-snr <dB>`): start from full static int8 (the
// int8 transform, int8-onnx.ts), rank the quantized nodes by how much SNR each one loses locally (per-layer
// comparison of the int8 model against float32: validation/layer-errors.ts `snrDropDb`), then keep the most sensitive
// nodes in float (the int8 transform's `exclude`) until the model output reaches the target SNR. Which nodes:
// a measured greedy over that ranking (mixed-search.ts): chunks of doubling size are tried, a chunk is kept only
// if the measured output SNR rises, a chunk that lowers it is split down to the single nodes to reject (on
// onnxruntime, keeping a node in float changes which neighbours are fused into int8 kernels, and can lose
// more than the node's own quantization did: measured on BlazeFace with full-range weights, 8 nodes kept
// 12.7 dB, 16 nodes 9.3 dB). So the accepted steps are monotone by construction, and the search stops at the
// first accepted set that meets the target. Output SNR is the validation metric (worst output over the
// frames, validation/validate.ts). Reports the nodes kept, every measured step, the size and the measured
// latency of float32 / full int8 / mixed. The target not reached even with every
// ranked node in float is reported (reached: false), not an error: the variant is still the best found.
// Wiring: the convert engine path (engine/variants.ts, F1) uses `mixedPrecisionOnnx` instead of the plain
// int8 transform when `targetSnrDb` is set.
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
import { onnxRuntime } from '../runtimes/onnx-runtime';
import type { HostTensor } from '../runtimes/types';
import { DEFAULT_VALIDATION_FRAMES, validateVariant } from '../validation/validate';
import { int8Onnx } from './int8-onnx';
import { searchKeptFloat } from './mixed-search';
import { planQdq } from './quant/qdq-plan';
import type { Transform, TransformInput, TransformOutput } from './types';

/**
 * Frames of the calibration source used to rank layers and to measure the output SNR of each candidate: the
 * convert path's default validation count, so the SNR the search reaches is the one validation reports.
 */
export const MIXED_EVAL_FRAMES = DEFAULT_VALIDATION_FRAMES;
const LATENCY_RUNS = 15;
/** Candidates the search may requantize and validate (settings.maxEvaluations overrides; each costs a calibration). */
export const MIXED_MAX_EVALUATIONS = 40;

export interface MixedStep {
  /** Nodes kept in float in the candidate measured at this step. */
  keptFloat: number;
  /** Worst-output SNR of the candidate, dB. */
  snrDb: number;
  /** Whether the search kept this candidate (accepted steps have non-decreasing snrDb). */
  accepted: boolean;
  /** File size of accepted candidates, bytes. */
  sizeBytes?: number;
}

/** Median wall time of one inference, ms (2 warm-up runs). */
async function latencyMs(file: string, feed: Record<string, HostTensor>): Promise<number> {
  const m = await onnxRuntime.load(file);
  try {
    for (let i = 0; i < 2; i++) await m.run(feed);
    const t: number[] = [];
    for (let i = 0; i < LATENCY_RUNS; i++) {
      const t0 = performance.now();
      await m.run(feed);
      t.push(performance.now() - t0);
    }
    t.sort((a, b) => a - b);
    return t[Math.floor(t.length / 2)];
  } finally {
    await m.dispose();
  }
}

async function apply(input: TransformInput, ctx: JobContext): Promise<TransformOutput> {
  const s = input.settings;
  const target = s.targetSnrDb;
  if (typeof target !== 'number') throw new EdgeLabError('BAD_INPUT', 'mixed precision needs a target SNR (--target-snr)', input.source);
  const meta = s.meta as ModelMeta | undefined;
  if (!meta?.input || typeof s.calibration !== 'string') {
    throw new EdgeLabError('BAD_INPUT', 'mixed precision needs an input spec and a calibration source to measure the output SNR', input.source);
  }
  const userExclude = (s.exclude as string[] | undefined) ?? [];
  const evalFrames = Math.min((s.frames as number | undefined) ?? MIXED_EVAL_FRAMES, MIXED_EVAL_FRAMES);
  const source = s.calibration;
  let step = 0;
  /** Cache key of a kept-in-float set: order-free. */
  const keyOf = (kept: readonly string[]) => [...kept].sort().join('\n');
  const made = new Map<string, { res: TransformOutput; validation: ValidationMetrics; dir: string }>();

  /** int8 with `kept` (plus the user's exclusions) kept in float, validated; cached by the kept set. */
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
    const m = { res, validation, dir };
    made.set(key, m);
    return m;
  };

  // 1. Full int8 and its per-layer ranking.
  const full = await make([], subJob(ctx, 0, 0.25, 'int8'));
  const g = decodeOnnx(await fs.readFile(input.source), input.source).graph!;
  const quantized = new Set([...planQdq(g, new Set(userExclude)).nodes.keys()].map((i) => g.node![i].name ?? '').filter(Boolean));
  let ranked: string[] = [];
  const drops = new Map<string, number>();
  if (full.validation.snrDb < target) {
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

  // 2. Measured greedy over the ranking (mixed-search.ts): accepted steps never lower the SNR.
  let evals = 0;
  const maxEvals = typeof s.maxEvaluations === 'number' ? s.maxEvaluations : MIXED_MAX_EVALUATIONS;
  const search = await searchKeptFloat(ranked, full.validation.snrDb, target, async (kept) => {
    checkCancelled(ctx);
    const m = await make(kept, subJob(ctx, 0.35, 0.9, `candidate ${++evals}: keep ${kept.length} in float`));
    return m.validation.snrDb;
  }, maxEvals);
  const keptNodes = search.kept;
  const chosen = made.get(keyOf(keptNodes))!;
  const reached = search.reached;

  // 3. Cost: size and measured latency of float32, full int8 and the chosen variant on one real frame.
  checkCancelled(ctx);
  const first = calibrationFrames(await openCalibrationSource(source), meta.input, 1, { signal: ctx.signal });
  let feed: Record<string, HostTensor> = {};
  const inits = new Set((g.initializer ?? []).map((t) => t.name));
  const inputName = meta.input.name ?? (g.input ?? []).find((v) => !inits.has(v.name))?.name ?? '';
  for await (const f of first) feed = { [inputName]: f.tensor };
  const ms = {
    float32: await latencyMs(input.source, feed),
    int8: await latencyMs(full.res.mainFile, feed),
    mixed: keptNodes.length === 0 ? undefined : await latencyMs(chosen.res.mainFile, feed),
  };
  const fileSize = async (kept: string[]) => (await fs.stat(made.get(keyOf(kept))!.res.mainFile)).size;
  const size = { float32: (await fs.stat(input.source)).size, int8: await fileSize([]), mixed: await fileSize(keptNodes) };
  // Every measured candidate, in order (`accepted` ones form the non-decreasing curve).
  const steps: MixedStep[] = [{ keptFloat: 0, snrDb: full.validation.snrDb, sizeBytes: size.int8, accepted: true }];
  // An accepted candidate is always a prefix of the final kept list (the kept set only grows).
  for (const st of search.steps) steps.push({ ...st, sizeBytes: st.accepted ? await fileSize(keptNodes.slice(0, st.keptFloat)) : undefined });

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
      ...keptNodes.map((n) => ({ name: n, reason: `kept in float for --target-snr ${target} dB (local SNR loss ${drops.get(n)!.toFixed(1)} dB in full int8)` })),
    ],
    settings: {
      ...(chosen.res.settings ?? {}),
      mixedPrecision: {
        targetSnrDb: target,
        reached,
        snrDb: chosen.validation.snrDb,
        fullInt8SnrDb: full.validation.snrDb,
        keptFloatNodes: keptNodes,
        rankedNodes: ranked.length,
        steps,
        rejectedNodes: search.rejected,
        evaluations: search.evaluations,
        sizeBytes: size,
        sizeCostRatio: size.mixed / size.int8,
        latencyMs: ms,
        latencyCostRatio: ms.mixed === undefined ? 1 : ms.mixed / ms.int8,
        evalFrames,
      },
    },
  };
}

export const mixedPrecisionOnnx: Transform = { kind: 'int8', formats: ['onnx'], apply };
