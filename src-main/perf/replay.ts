// `npm run bench:replay`: the whole detect → track [→ embed] replay on a bundled detector at its native input size
// (default: the ONNX SSD on onnxruntime, detection every 3rd frame; `--model ssd-mobilenet-v2-coco` for the TF.js
// original on tfjs-wasm), measured in one run on this machine:
//   realtimeFactor = replay fps ÷ clip fps (wall time from the first frame request, model warm-up excluded);
//   overheadRatio  = replay wall ms ÷ (detector calls × pure inference ms per call, measureInference on the same clip);
//   overheadRatioInRun = the same against the model.run times recorded inside the replay itself;
//   per-node mean ms per frame (graph busy time), peakRssMb (process peak RSS) and RSS after a 100-frame run vs a
//   full-length run of a long clip (memory flat over the clip length);
//   decodeThread ('worker' from the bundle, see media/decode.ts; `--decode main` for the in-thread decoder) and
//   threads (`--threads`: onnxruntime intra-op threads, null = the runtime's default);
//   modelThread ('worker': the ONNX session on its own thread, runtimes/worker-model.ts; `--infer main` keeps it on
//   the graph's thread) and overlapped (detections started without waiting, DetectNode; `--sequential` turns it off);
//   graphFrames (frames decoded at the graph's sizes, media/graph-frames.ts; `--full-frames` for full RGB frames);
//   the detector chain (ReplayTrace, pipeline/replay.ts), from the first frame request to the end of the last
//   detector run, split into what the detector did and what it waited for:
//     detectorBusyMs = Σ over detector calls of the model's run ms (measured where the model runs),
//     detectorWaitMs = Σ of the gaps before each call: since the detector was last free (or the replay started),
//                      waiting for that call's input (decode, preprocess, and on the sequential path the tracking
//                      of the frames in between, which share its thread),
//     criticalPathMs = detectorBusyMs + detectorWaitMs = end of the last detector run − replay start: the wall time
//                      the detector chain alone needs (replayMs − criticalPathMs is the tail after the last call);
//   nodeWaitMeanMs: per-node mean ms per frame spent waiting for background work (track waiting for a detection);
//   processCpuMs: CPU ms of this process's threads over the measured replay (ffmpeg not included): on a shared
//   machine a steadier figure than wall times.
import { Command, InvalidArgumentError } from 'commander';
import { promises as fs } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { argSchemas } from '../../src-shared/api';
import type { RunFile } from '../../src-shared/formats/run';
import { EdgeLabError } from '../../src-shared/protocol';
import { silentJob, type JobContext } from '../jobs/context';
import { bundledClipPath, bundledModelPath, findBundledClip, findBundledModel } from '../models/catalog';
import { modelSizeBytes } from '../models/hash';
import { measureInference } from '../pipeline/measure';
import { runReplay, type EmbedderRef, type ReplayTrace } from '../pipeline/replay';
import { decodeThreadFor } from '../media/decode';
import { intOption } from './replay-overhead-suite';
import type { BenchSuite } from './types';
import { maxOf, minOf } from '../../src-shared/extent';
import { peakRss } from './peak-rss';

/** The bundled detector the bench measures by default: SSD MobileNetV2 (300×300) converted to ONNX. */
export const REPLAY_BENCH_MODEL = 'ssd-mobilenet-v2-coco-onnx';

const MB = 1024 * 1024;
const round = (x: number) => Math.round(x * 1000) / 1000;
const rssMb = () => round(process.memoryUsage.rss() / MB);
const peakRssMb = () => round(peakRss().mb);

function msOption(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected milliseconds >= 0');
  return n;
}

interface ReplayBenchOptions {
  model: string;
  clip: string;
  frames: number;
  detectEvery: number;
  realtime: boolean;
  deviceLatency?: number;
  embedder?: string;
  /** Clip for the memory check (full length vs 100 frames); 'none' skips it. */
  memoryClip: string;
  /** onnxruntime intra-op threads (default: the runtime's default). */
  threads?: number;
  /** Thread that reads ffmpeg's pipe (media/decode.ts). */
  decode: 'auto' | 'worker' | 'main';
  /** Thread that runs the ONNX session (runtimes/worker-model.ts). */
  infer: 'auto' | 'worker' | 'main';
  /** Sequential path: each detection awaited before the next frame (no overlap). */
  sequential: boolean;
  /** Decode full RGB frames instead of the graph's sizes (ReplayOptions.decodeAtGraphSize false). */
  fullFrames: boolean;
}

/** The detector chain of a replay (see the header): busy, waited and critical-path ms. */
export function detectorChain(trace: ReplayTrace): { detectorBusyMs: number; detectorWaitMs: number; criticalPathMs: number } {
  let free = trace.startMs;
  let busy = 0;
  let wait = 0;
  for (const c of trace.calls) {
    wait += Math.max(0, c.startMs - free);
    busy += c.endMs - c.startMs;
    free = Math.max(free, c.endMs);
  }
  return { detectorBusyMs: busy, detectorWaitMs: wait, criticalPathMs: busy + wait };
}

function bundled(modelId: string) {
  const m = findBundledModel(modelId);
  if (!m) throw new EdgeLabError('NOT_FOUND', `no bundled model ${modelId}`);
  return m;
}

async function bench(o: ReplayBenchOptions): Promise<Record<string, unknown>> {
  // Every decodeFrames of this process (the replays and measureInference) follows the choice.
  if (o.decode !== 'auto') process.env.EDGELAB_DECODE = o.decode;
  if (o.infer !== 'auto') process.env.EDGELAB_INFER = o.infer;
  const decodeThread = decodeThreadFor().thread;
  const model = bundled(o.model);
  const clip = findBundledClip(o.clip);
  if (!clip) throw new EdgeLabError('NOT_FOUND', `no bundled clip ${o.clip}`);
  const modelPath = bundledModelPath(model);
  const clipPath = bundledClipPath(clip);
  let embedder: EmbedderRef | undefined;
  if (o.embedder) {
    const e = bundled(o.embedder);
    embedder = { modelPath: bundledModelPath(e), format: e.format, meta: e.meta, name: e.name, sha256: e.sha256 };
  }
  const defaults = argSchemas.replay.parse({ model: 'x', clip: 'x' });
  const scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-bench-replay-'));
  const ref = { name: model.name, path: modelPath, sha256: model.sha256, format: model.format, variantKind: 'fp32', sizeBytes: await modelSizeBytes(modelPath) };
  const replay = (clipFile: string, maxFrames: number, name: string, ctx: JobContext = silentJob, trace?: ReplayTrace) =>
    runReplay(
      {
        runId: `bench-${name}`,
        modelPath,
        meta: model.meta,
        model: ref,
        clipPath: clipFile,
        clip: { name, sha256: 'bench' },
        settings: {
          maxFrames,
          detectEvery: o.detectEvery,
          scoreThreshold: defaults.scoreThreshold,
          iouThreshold: defaults.iouThreshold,
          maxDetections: defaults.maxDetections,
          thumbnailSize: defaults.thumbnailSize,
          cadence: o.realtime ? 'realtime' : 'every',
          deviceLatencyMs: o.deviceLatency ?? null,
        },
        outDir: join(scratch, name),
        embedder,
        threads: o.threads,
        overlap: !o.sequential,
        decodeAtGraphSize: !o.fullFrames,
        ...(trace ? { trace } : {}),
      },
      ctx,
    );
  try {
    const inf = await measureInference({ modelPath, format: model.format, meta: model.meta, clipPath, frames: 30, warmup: 5, threads: o.threads }, silentJob);
    await replay(clipPath, 6, 'warmup');
    const trace = {} as ReplayTrace;
    const cpu0 = process.cpuUsage();
    const run: RunFile = await replay(clipPath, o.frames, 'run', silentJob, trace);
    const cpu = process.cpuUsage(cpu0);
    const chain = detectorChain(trace);
    const wallMs = run.summary.wallMs ?? run.summary.wallMsPerFrame * run.frames.length;
    const calls = run.frames.filter((f) => f.detected).length;
    const inRunInference = run.frames.reduce((a, f) => a + (f.detected ? f.timings.inferenceMs : 0), 0);
    const replayFps = run.frames.length / (wallMs / 1000);
    const nodeMeanMs = Object.fromEntries(Object.entries(run.nodeTimingsMs ?? {}).map(([k, v]) => [k, round(v.meanMs)]));
    const result: Record<string, unknown> = {
      model: model.id,
      clip: clip.id,
      inputSize: [model.meta.input.width, model.meta.input.height],
      frames: run.frames.length,
      detectEvery: o.detectEvery,
      cadence: o.realtime ? 'realtime' : 'every',
      deviceLatencyMs: o.deviceLatency ?? null,
      embedder: o.embedder ?? null,
      decodeThread,
      threads: o.threads ?? null,
      modelThread: trace.modelThread,
      overlapped: trace.overlapped,
      graphFrames: trace.graphFrames,
      clipFps: round(run.clip.fps),
      replayFps: round(replayFps),
      realtimeFactor: round(replayFps / run.clip.fps),
      detectorCalls: calls,
      inferenceMs: round(inf.inferenceMsMean),
      replayMs: round(wallMs),
      overheadRatio: round(wallMs / (calls * inf.inferenceMsMean)),
      // Same ratio against the model.run times measured inside this replay (immune to load drift between phases).
      inRunInferenceMs: round(inRunInference / Math.max(1, calls)),
      overheadRatioInRun: round(wallMs / inRunInference),
      nodeMeanMs,
      nodeWaitMeanMs: Object.fromEntries(Object.entries(trace.waitMs).filter(([, v]) => v > 0).map(([k, v]) => [k, round(v / run.frames.length)])),
      criticalPathMs: round(chain.criticalPathMs),
      detectorBusyMs: round(chain.detectorBusyMs),
      detectorWaitMs: round(chain.detectorWaitMs),
      // CPU time of this process (every thread, ffmpeg excluded) over the measured replay, model load included.
      processCpuMs: round((cpu.user + cpu.system) / 1000),
      tracks: run.summary.tracks ?? 0,
      embeddings: run.summary.embeddings ?? 0,
      goals: { realtimeFactor: 1.0, overheadRatio: 1.15 },
      runtime: run.model.runtime,
      backend: run.model.backend,
      node: process.version,
      cpus: cpus().length,
    };
    if (o.memoryClip !== 'none') {
      const mem = findBundledClip(o.memoryClip);
      if (!mem) throw new EdgeLabError('NOT_FOUND', `no bundled clip ${o.memoryClip}`);
      const memPath = bundledClipPath(mem);
      // RSS sampled every 25 frames during the full-length run: flat means no growth with the clip's length.
      const samples: [number, number][] = [];
      const sampler: JobContext = {
        progress: (p) => {
          if (p.unit === 'frames' && p.done && p.done % 25 === 0) samples.push([p.done, rssMb()]);
        },
      };
      await replay(memPath, 100, 'mem-100');
      const rss100 = rssMb();
      const peak100 = peakRssMb();
      const full = await replay(memPath, 0, 'mem-full', sampler);
      const after100 = samples.filter(([f]) => f >= 100).map(([, r]) => r);
      result.memory = {
        clip: mem.id,
        fullFrames: full.frames.length,
        rssAfter100FramesMb: rss100,
        peakRssAfter100FramesMb: peak100,
        rssAfterFullMb: rssMb(),
        rssMaxDuringFullFromFrame100Mb: after100.length ? maxOf(after100) : null,
        rssMinDuringFullFromFrame100Mb: after100.length ? minOf(after100) : null,
        fullRealtimeFactor: round(full.frames.length / ((full.summary.wallMs ?? 0) / 1000) / full.clip.fps),
      };
    }
    result.peakRssMb = peakRssMb();
    return result;
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

export const replaySuite: BenchSuite = {
  name: 'replay',
  description: 'detect → track [→ embed] replay: realtime factor, overhead vs pure inference, per-node ms, peak RSS',
  async run(argv) {
    const program = new Command('bench replay')
      .description(this.description)
      .option('--model <id>', 'bundled detector id', REPLAY_BENCH_MODEL)
      .option('--clip <id>', 'bundled clip id', 'cup')
      .option('--frames <n>', 'frames from the start of the clip (0 = all)', intOption(0), 0)
      .option('--detect-every <n>', 'detector on every Nth frame', intOption(1), 3)
      .option('--realtime', 'detector whenever free (clip clock)', false)
      .option('--device-latency <ms>', 'simulated detector latency', msOption)
      .option('--embedder <id>', 'bundled embedder id (e.g. ssd-mobilenet-v2-features)')
      .option('--threads <n>', 'onnxruntime intra-op threads (default: the runtime default)', intOption(1))
      .option('--decode <thread>', "thread reading ffmpeg's pipe: auto | worker | main", (v: string) => {
        if (v !== 'auto' && v !== 'worker' && v !== 'main') throw new InvalidArgumentError('expected auto, worker or main');
        return v;
      }, 'auto')
      .option('--infer <thread>', 'thread running the ONNX session: auto | worker | main', (v: string) => {
        if (v !== 'auto' && v !== 'worker' && v !== 'main') throw new InvalidArgumentError('expected auto, worker or main');
        return v;
      }, 'auto')
      .option('--sequential', 'await each detection before the next frame (no overlap with tracking)', false)
      .option('--full-frames', "decode full RGB frames instead of the graph's sizes (detector input, tracker gray)", false)
      .option('--memory-clip <id>', "clip replayed 100 frames then full length for the memory check ('none' to skip)", 'vtest');
    program.parse(argv, { from: 'user' });
    return bench(program.opts<ReplayBenchOptions>());
  },
};
