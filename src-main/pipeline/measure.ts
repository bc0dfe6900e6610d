// Pure inference timing for the benchmark: the same frames and preprocessing as a replay, but only
// LoadedModel.run is timed (no decode, no decoder/NMS, no thumbnails), after `warmup` untimed runs.
import { EdgeLabError } from '../../src-shared/protocol';
import type { ModelFormat, ModelMeta } from '../../src-shared/types/model';
import { checkCancelled, type JobContext } from '../jobs/context';
import { decodeFrames } from '../media/decode';
import { runtimeFor } from '../runtimes/registry';
import { fetchFor } from './decoders/registry';
import { preprocess } from './nodes/preprocess';
import { mean, percentile } from './stats';

export interface MeasureOptions {
  modelPath: string;
  format: ModelFormat;
  meta: ModelMeta;
  clipPath: string;
  /** Frames read from the start of the clip (≥1); each is inferred once. */
  frames: number;
  /** Untimed runs on the first frame before timing. Default 1. */
  warmup?: number;
  threads?: number;
}

export interface InferenceMeasurement {
  runtime: string;
  backend: string;
  frames: number;
  /** Per-frame LoadedModel.run wall time, ms, in frame order. */
  samplesMs: number[];
  inferenceMsMean: number;
  inferenceMsP50: number;
  inferenceMsP90: number;
}

export async function measureInference(opts: MeasureOptions, ctx: JobContext): Promise<InferenceMeasurement> {
  if (!(opts.frames >= 1)) throw new EdgeLabError('BAD_INPUT', `frames must be ≥ 1 (got ${opts.frames})`);
  const runtime = await runtimeFor(opts.format);
  const model = await runtime.load(opts.modelPath, { threads: opts.threads });
  try {
    const inputName = opts.meta.input.name ?? model.inputs[0]?.name ?? '';
    // Fetch what a replay fetches, so graphs with several heads do the same work.
    const fetch = fetchFor(opts.meta);
    const samples: number[] = [];
    let warm = Math.max(0, opts.warmup ?? 1);
    for await (const f of decodeFrames(opts.clipPath, { maxFrames: opts.frames, signal: ctx.signal })) {
      checkCancelled(ctx);
      const { tensor } = preprocess(f.rgb, f.width, f.height, opts.meta.input);
      for (; warm > 0; warm--) await model.run({ [inputName]: tensor }, fetch);
      const t0 = performance.now();
      await model.run({ [inputName]: tensor }, fetch);
      samples.push(performance.now() - t0);
      ctx.progress({ stage: 'inference', done: samples.length, total: opts.frames, unit: 'frames', fraction: samples.length / opts.frames });
    }
    return {
      runtime: model.runtime,
      backend: model.backend,
      frames: samples.length,
      samplesMs: samples,
      inferenceMsMean: mean(samples),
      inferenceMsP50: percentile(samples, 0.5),
      inferenceMsP90: percentile(samples, 0.9),
    };
  } finally {
    await model.dispose();
  }
}
