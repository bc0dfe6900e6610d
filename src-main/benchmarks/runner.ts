// The workstation runner: times a model with EdgeLab's own runtimes on real frames of a clip, preprocessed as
// the model's meta says (pipeline/nodes/preprocess), and returns the same record shape as the importers
// (device = this host). Order: load (initMs) → first inference (firstInferenceMs) → `warmup` untimed runs →
// `runs` timed runs cycling over up to FRAME_POOL decoded frames. Memory = growth of the process RSS from
// before load to after the timed runs, MB (an upper bound on what the model holds; the runtimes share the heap).
import { cpus, hostname, platform, release } from 'node:os';
import { createRequire } from 'node:module';
import type { ModelFormat, ModelMeta } from '../../src-shared/types/model';
import { EdgeLabError } from '../../src-shared/protocol';
import { checkCancelled, type JobContext } from '../jobs/context';
import { decodeFrames } from '../media/decode';
import { fetchFor } from '../pipeline/decoders/registry';
import { preprocess } from '../pipeline/nodes/preprocess';
import { runtimeFor } from '../runtimes/registry';
import type { HostTensor } from '../runtimes/types';
import { latencyStats } from './stats';
import type { ParsedRecord } from './types';

/** Distinct frames kept in memory for the timed runs (inputs differ run to run, memory stays bounded). */
export const FRAME_POOL = 16;

export interface RunnerOptions {
  modelFile: string;
  format: ModelFormat;
  meta?: ModelMeta;
  /** Requested runtime family; must read `format`. */
  runtime?: 'onnx' | 'tfjs' | 'tflite';
  threads?: number;
  runs: number;
  warmup: number;
  clipPath: string;
  /** Model name for the record (file name or model name). */
  modelName: string;
  modelSha256: string;
}

const RUNTIME_FORMAT: Record<'onnx' | 'tfjs' | 'tflite', ModelFormat> = { onnx: 'onnx', tfjs: 'tfjs-graph', tflite: 'tflite' };

/** "host (CPU model)". */
export function hostDevice(): string {
  const cpu = cpus()[0]?.model?.trim().replace(/\s+/g, ' ');
  return cpu ? `${hostname()} (${cpu})` : hostname();
}

function packageVersion(name: string): string | undefined {
  try {
    return (createRequire(import.meta.url)(`${name}/package.json`) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

export async function benchOnHost(o: RunnerOptions, ctx: JobContext): Promise<ParsedRecord> {
  if (o.runtime && RUNTIME_FORMAT[o.runtime] !== o.format) {
    throw new EdgeLabError('BAD_INPUT', `runtime ${o.runtime} does not read ${o.format} models`, o.modelFile);
  }
  if (!o.meta) {
    throw new EdgeLabError('BAD_INPUT', 'model has no input metadata (catalog entry or sidecar) to preprocess frames with', o.modelFile);
  }
  const meta = o.meta;
  ctx.progress({ stage: 'decode', done: 0, total: Math.min(FRAME_POOL, o.runs), unit: 'frames', fraction: 0 });
  const inputs: HostTensor[] = [];
  for await (const f of decodeFrames(o.clipPath, { maxFrames: Math.min(FRAME_POOL, o.runs), signal: ctx.signal })) {
    inputs.push(preprocess(f.rgb, f.width, f.height, meta.input).tensor);
  }
  if (!inputs.length) throw new EdgeLabError('BAD_INPUT', 'clip yielded no frames', o.clipPath);
  checkCancelled(ctx);

  const runtime = await runtimeFor(o.format);
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const model = await runtime.load(o.modelFile, { threads: o.threads });
  const initMs = performance.now() - t0;
  try {
    const inputName = meta.input.name ?? model.inputs[0]?.name ?? '';
    // Fetch what a replay fetches, so graphs with several heads do the same work.
    const fetch = fetchFor(meta);
    const run = (i: number) => model.run({ [inputName]: inputs[i % inputs.length]! }, fetch);
    const t1 = performance.now();
    await run(0);
    const firstInferenceMs = performance.now() - t1;
    for (let i = 0; i < o.warmup; i++) {
      checkCancelled(ctx);
      await run(i + 1);
    }
    const samples: number[] = [];
    for (let i = 0; i < o.runs; i++) {
      checkCancelled(ctx);
      const t = performance.now();
      await run(i);
      samples.push(performance.now() - t);
      ctx.progress({ stage: 'inference', done: i + 1, total: o.runs, unit: 'runs', fraction: (i + 1) / o.runs });
    }
    const memoryMb = Math.max(0, process.memoryUsage().rss - rss0) / (1024 * 1024);
    const rec: ParsedRecord = {
      format: 'workstation',
      device: hostDevice(),
      os: `${platform()} ${release()}`,
      runtime: model.runtime,
      delegate: model.backend,
      model: o.modelName,
      modelSha256: o.modelSha256,
      initMs,
      firstInferenceMs,
      latencyMs: latencyStats(samples),
      memoryMb,
      source: { file: o.modelFile },
      notes: [`${samples.length} timed runs over ${inputs.length} frame(s) of ${o.clipPath}, ${o.warmup} warm-up run(s)`],
    };
    const version = packageVersion(o.format === 'onnx' ? 'onnxruntime-node' : o.format === 'tflite' ? '@litertjs/core' : '@tensorflow/tfjs-core');
    if (version) rec.runtimeVersion = version;
    if (o.threads !== undefined) rec.threads = o.threads;
    return rec;
  } finally {
    await model.dispose();
  }
}
