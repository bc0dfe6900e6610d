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
import { decodeFrames } from '../media/decode';
import { bundledClipPath, bundledModelPath, findBundledClip, findBundledModel } from '../models/catalog';
import { modelSizeBytes } from '../models/hash';
import { preprocess } from '../pipeline/nodes/preprocess';
import { runReplay } from '../pipeline/replay';
import { runtimeFor } from '../runtimes/registry';
import type { HostTensor } from '../runtimes/types';
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

  // Pure inference on the very frames the replay will see.
  const inputs: HostTensor[] = [];
  for await (const f of decodeFrames(clipPath, { maxFrames: opts.frames })) inputs.push(preprocess(f.rgb, f.width, f.height, meta.input).tensor);
  if (inputs.length === 0) throw new EdgeLabError('BAD_INPUT', 'clip has no frames', clipPath);
  const runtime = await runtimeFor(model.format);
  const loaded = await runtime.load(modelPath);
  const inputName = meta.input.name ?? loaded.inputs[0].name;
  let inferenceMs: number;
  try {
    for (let i = 0; i < WARMUP_RUNS; i++) await loaded.run({ [inputName]: inputs[i % inputs.length] });
    const t0 = performance.now();
    for (const x of inputs) await loaded.run({ [inputName]: x });
    inferenceMs = (performance.now() - t0) / inputs.length;
  } finally {
    await loaded.dispose();
  }

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
    const run = await runReplay({ ...base, runId: 'bench', settings: settings(inputs.length), outDir: join(scratch, 'run') }, silentJob);
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
