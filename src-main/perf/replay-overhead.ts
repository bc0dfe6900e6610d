// Replay overhead benchmark: on the same first N frames of a clip, the time of pure inference (model.run
// on already-preprocessed inputs) against the wall time of the whole replay (decode + preprocess +
// inference + postprocess + tracking + thumbnails + run.json), both per frame, after a warm-up.
import { promises as fs } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { argSchemas } from '../../src-shared/api';
import type { ModelMeta } from '../../src-shared/types/model';
import { silentJob } from '../jobs/context';
import { bundledClipPath, bundledModelPath, findBundledClip, findBundledModel } from '../models/catalog';
import { modelSizeBytes } from '../models/hash';
import { measureInference } from '../pipeline/measure';
import { runReplay } from '../pipeline/replay';
import { EdgeLabError } from '../../src-shared/protocol';

export interface BenchResult {
  model: string;
  clip: string;
  frames: number;
  /** Mean ms of one model.run on a preprocessed frame. */
  inferenceMsPerFrame: number;
  /** Wall ms of the whole replay divided by frames. */
  replayMsPerFrame: number;
  /** replayMsPerFrame / inferenceMsPerFrame. */
  ratio: number;
  node: string;
  cpus: number;
  runtime: string;
  backend: string;
}

export const WARMUP_RUNS = 5;

export async function bench(opts: { modelId: string; clipId: string; frames: number }): Promise<BenchResult> {
  const model = findBundledModel(opts.modelId);
  const clip = findBundledClip(opts.clipId);
  if (!model) throw new EdgeLabError('NOT_FOUND', `no bundled model ${opts.modelId}`);
  if (!clip) throw new EdgeLabError('NOT_FOUND', `no bundled clip ${opts.clipId}`);
  const modelPath = bundledModelPath(model);
  const clipPath = bundledClipPath(clip);
  const meta: ModelMeta = model.meta;

  // Pure inference on the very frames the replay will see (B's measureInference: only LoadedModel.run is timed).
  const inf = await measureInference({ modelPath, format: model.format, meta, clipPath, frames: opts.frames, warmup: WARMUP_RUNS }, silentJob);
  if (inf.frames === 0) throw new EdgeLabError('BAD_INPUT', 'clip has no frames', clipPath);
  const inferenceMs = inf.inferenceMsMean;

  // Whole replay, into scratch run directories (a short warm-up replay first).
  const scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-bench-'));
  try {
    const defaults = argSchemas.replay.parse({ model: 'x', clip: 'x' });
    const base = {
      modelPath,
      meta,
      model: { name: model.name, path: modelPath, sha256: model.sha256, format: model.format, variantKind: 'fp32', sizeBytes: await modelSizeBytes(modelPath) },
      clipPath,
      clip: { name: clip.name, sha256: clip.sha256 },
    };
    const settings = (maxFrames: number) => ({
      maxFrames,
      detectEvery: 1,
      scoreThreshold: defaults.scoreThreshold,
      iouThreshold: defaults.iouThreshold,
      maxDetections: defaults.maxDetections,
      thumbnailSize: defaults.thumbnailSize,
    });
    await runReplay({ ...base, runId: 'bench-warmup', settings: settings(WARMUP_RUNS), outDir: join(scratch, 'warmup') }, silentJob);
    const t0 = performance.now();
    const run = await runReplay({ ...base, runId: 'bench', settings: settings(inf.frames), outDir: join(scratch, 'run') }, silentJob);
    const replayMs = (performance.now() - t0) / run.summary.frames;
    return {
      model: model.id,
      clip: clip.id,
      frames: run.summary.frames,
      inferenceMsPerFrame: round(inferenceMs),
      replayMsPerFrame: round(replayMs),
      ratio: round(replayMs / inferenceMs),
      node: process.version,
      cpus: cpus().length,
      runtime: run.model.runtime,
      backend: run.model.backend,
    };
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
