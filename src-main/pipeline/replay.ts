// Replay: a clip streamed through decode → cadence → preprocess → detect → track → [embed] → sink, written
// atomically as a run directory (run.json + frames/ + embeddings.f32). Nothing is visible under `outDir` unless the
// whole replay succeeded. Cadence and simulated device latency run on the clip's clock (pipeline/cadence.ts), owned
// by the cadence node (nodes/cadence.ts), which every other node follows.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import {
  RUN_EMBEDDINGS_FILE,
  RUN_FILE,
  RUN_FRAMES_DIR,
  RUN_SCHEMA,
  RUN_VERSION,
  type NodeTiming,
  type RunEmbeddings,
  type RunFile,
  type RunModelRef,
  type RunSettings,
} from '../../src-shared/formats/run';
import { EdgeLabError } from '../../src-shared/protocol';
import type { ModelFormat, ModelMeta } from '../../src-shared/types/model';
import { openEmbedder, type Embedder } from '../embedding/embedder';
import { checkCancelled, type JobContext } from '../jobs/context';
import { probeClip } from '../media/ffmpeg';
import { runtimeFor } from '../runtimes/registry';
import { loadOnnxInWorker, modelThreadFor } from '../runtimes/worker-model';
import { buildDirAtomic, writeJsonAtomic } from '../workspace/atomic';
import { runGraph } from './graph';
import { DecodeNode } from './nodes/decode';
import type { Cadence } from './cadence';
import { DEFAULT_MOTION_GATE } from './motion-gate';
import type { MemoUse } from './detection-memo';
import { CadenceNode } from './nodes/cadence';
import { DetectNode, type DetectorCall } from './nodes/detect';
import { EmbedNode } from './nodes/embed';
import { DEFAULT_TRACKER, TrackNode } from './nodes/track';
import { PreprocessNode } from './nodes/preprocess';
import { SinkNode, thumbnailSizeFor } from './nodes/sink';
import { mean, percentile } from './stats';

export { readRun, readEmbeddings, frameImagePath } from './run-file';

export interface EmbedderRef {
  modelPath: string;
  format: ModelFormat;
  meta: ModelMeta;
  name: string;
  sha256: string;
}

export interface ReplayOptions {
  runId: string;
  /** The .onnx file or model.json. */
  modelPath: string;
  meta: ModelMeta;
  model: Omit<RunModelRef, 'runtime' | 'backend'>;
  clipPath: string;
  clip: { name: string; sha256: string };
  settings: RunSettings;
  /** Final run directory; must not exist. */
  outDir: string;
  createdAt?: string;
  /** Intra-op threads for runtimes that take them (onnxruntime). */
  threads?: number;
  /** Edge queue capacity of the graph, packets. Default 4. */
  queueCapacity?: number;
  /** Embedder run on tracked crops (settings.embedder should carry its name). */
  embedder?: EmbedderRef;
  /** A detection memo to record into or reuse (the cadence sweep; pipeline/detection-memo.ts). */
  memo?: MemoUse;
  /**
   * Start each detection without waiting for it, so decode, preprocess and tracking of the next frames go on while
   * the model runs (DetectNode's overlapped mode; only when the cadence's latency is known before the run and the
   * model runs on a worker thread, see modelWorker). Same boxes and tracks as the sequential path. Default true.
   */
  overlap?: boolean;
  /**
   * ONNX models run on a worker thread (runtimes/worker-model.ts) when the built worker is found beside the bundle;
   * this names the worker file instead (tests). EDGELAB_INFER=main keeps the model on the graph's thread.
   */
  modelWorker?: string;
  /**
   * Decode at the sizes the graph uses (media/graph-frames.ts: ffmpeg stretches each frame to the detector's input
   * and makes the tracker's gray image) instead of full RGB frames. Only when nothing needs the full frame: a
   * 'stretch' input, no embedder (it crops the full frame). Default true.
   */
  decodeAtGraphSize?: boolean;
  /** Filled in by the replay when given: where the detector's time went (the replay bench's critical path). */
  trace?: ReplayTrace;
}

/** Detector timeline of a replay, on this thread's performance.now() clock (ms). */
export interface ReplayTrace {
  /** The first frame request (the start of the run's wallMs). */
  startMs: number;
  /** The graph finished (every frame recorded; the end of wallMs). */
  endMs: number;
  /** Every detector run, in start order. */
  calls: DetectorCall[];
  /** Graph wait per node (GraphStats.waitMs): e.g. track waiting for an overlapped detection. */
  waitMs: Record<string, number>;
  /** Whether detections overlapped the rest of the graph, and on which thread the model ran. */
  overlapped: boolean;
  /** Whether frames were decoded at the graph's sizes (ReplayOptions.decodeAtGraphSize). */
  graphFrames: boolean;
  modelThread: 'worker' | 'main';
}

/** What decides a replay's detector boxes, as a detection memo's key. */
export function memoKey(opts: Pick<ReplayOptions, 'model' | 'clip' | 'settings' | 'threads'>): string {
  const s = opts.settings;
  return JSON.stringify([opts.model.sha256, opts.clip.sha256, s.scoreThreshold, s.iouThreshold, s.maxDetections, opts.threads ?? null]);
}

/** The cadence the settings ask for. */
export function cadenceOf(settings: RunSettings): Cadence {
  if (settings.cadence === 'motion') return { mode: 'motion', ...DEFAULT_MOTION_GATE, ...settings.motion };
  return settings.cadence === 'realtime' ? { mode: 'realtime' } : { mode: 'every', every: Math.max(1, settings.detectEvery) };
}

export async function runReplay(opts: ReplayOptions, ctx: JobContext): Promise<RunFile> {
  const { settings, meta } = opts;
  if (meta.task !== 'detector' || !meta.decoder) {
    throw new EdgeLabError('BAD_INPUT', `replay needs a detector with a decoder; this model's metadata is a ${meta.task}`, opts.modelPath);
  }
  if (await fs.stat(opts.outDir).then(() => true, () => false)) {
    throw new EdgeLabError('BAD_INPUT', 'run directory already exists; refusing to overwrite', opts.outDir);
  }
  checkCancelled(ctx);
  const probe = await probeClip(opts.clipPath);
  const estimate = Math.max(1, probe.frameCountEstimate);
  const total = settings.maxFrames > 0 ? Math.min(settings.maxFrames, estimate) : estimate;
  ctx.progress({ stage: 'replay', message: 'loading model', done: 0, total, unit: 'frames', fraction: 0 });
  const thread = opts.model.format === 'onnx' ? modelThreadFor(opts.modelWorker) : { thread: 'main' as const };
  const model = thread.workerFile
    ? await loadOnnxInWorker(opts.modelPath, thread.workerFile, { threads: opts.threads, handOverFeeds: true })
    : await (await runtimeFor(opts.model.format)).load(opts.modelPath, { threads: opts.threads });
  let embedder: Embedder | null = null;
  const createdAt = opts.createdAt ?? new Date().toISOString();
  const cadence = cadenceOf(settings);
  const latencyMs = settings.deviceLatencyMs ?? undefined;
  const tracker = settings.tracker ?? DEFAULT_TRACKER;
  const graphFrames = (opts.decodeAtGraphSize ?? true) && meta.input.resize === 'stretch' && !opts.embedder;
  try {
    if (opts.embedder) embedder = await openEmbedder(opts.embedder.modelPath, opts.embedder.format, opts.embedder.meta, { threads: opts.threads });
    return await buildDirAtomic(opts.outDir, async (tmp) => {
      const thumbSize = settings.thumbnailSize > 0 ? thumbnailSizeFor(probe.width, probe.height, settings.thumbnailSize) : undefined;
      if (thumbSize) await fs.mkdir(join(tmp, RUN_FRAMES_DIR));
      const source = new DecodeNode({
        clipPath: opts.clipPath,
        probe,
        maxFrames: settings.maxFrames,
        thumbnails: thumbSize && { dir: join(tmp, RUN_FRAMES_DIR), ...thumbSize },
        flowMaxSide: tracker.flowMaxSide,
        ...(graphFrames ? { graphFrames: { detector: { width: meta.input.width, height: meta.input.height }, flowMaxSide: tracker.flowMaxSide } } : {}),
      });
      const sink = new SinkNode({
        dir: tmp,
        thumbnailSize: settings.thumbnailSize,
        byDecoder: thumbSize,
        onFrame: (r) => {
          const done = r.index + 1;
          const elapsed = performance.now() - (source.firstReadAt ?? performance.now());
          const t = Math.max(total, done);
          ctx.progress({ stage: 'replay', done, total: t, unit: 'frames', fraction: done / t, etaMs: (elapsed / done) * (t - done) });
        },
      });
      const clock = new CadenceNode({ cadence, latencyMs, flowMaxSide: tracker.flowMaxSide });
      opts.memo?.memo.check(memoKey(opts));
      const detect = new DetectNode(model, meta, {
        ...settings,
        clock,
        file: opts.modelPath,
        // Only a model on its own thread can run while this one tracks: on the graph's thread, overlap gains nothing.
        overlap: (opts.overlap ?? true) && model.thread === 'worker',
        ...(opts.memo ? { memo: opts.memo } : {}),
      });
      // Overlapped: the chain up to the detector start runs ahead of tracking (graph.ts eager nodes).
      const eager = detect.overlapped;
      const track = new TrackNode(tracker, (index, boxes) => clock.tracked(index, boxes));
      const embed = embedder ? new EmbedNode(embedder, tmp) : null;
      const nodes = [
        { node: clock, eager },
        { node: new PreprocessNode(meta.input, opts.memo?.mode === 'reuse' ? opts.memo.memo : undefined), eager },
        { node: detect, eager },
        { node: track },
        ...(embed ? [{ node: embed }] : []),
        { node: sink },
      ];
      const stats = await runGraph({ source, nodes, capacity: opts.queueCapacity }, ctx);
      // Wall time from the first frame request (model warm-up in DetectNode.open excluded) to the last record.
      const endMs = performance.now();
      const wallMs = endMs - (source.firstReadAt ?? endMs);
      if (opts.trace) {
        Object.assign(opts.trace, {
          startMs: source.firstReadAt ?? endMs,
          endMs,
          calls: detect.trace,
          waitMs: stats.waitMs,
          overlapped: eager,
          graphFrames,
          modelThread: model.thread ?? 'main',
        } satisfies ReplayTrace);
      }
      checkCancelled(ctx);
      const frames = sink.records;
      if (frames.length === 0) throw new EdgeLabError('BAD_INPUT', 'the clip has no decodable frames', opts.clipPath);
      // ffmpeg has exited (the graph closed the source): every recorded thumbnail must now be on disk.
      for (const f of frames) {
        if (f.thumbnail && !(await fs.stat(join(tmp, f.thumbnail)).then((st) => st.size > 0, () => false))) {
          throw new EdgeLabError('INTERNAL', `thumbnail ${f.thumbnail} was not written by ffmpeg`, opts.clipPath);
        }
      }
      const inf = frames.filter((f) => f.detected).map((f) => f.timings.inferenceMs);
      const first = frames.find((f) => f.detections.length > 0) ?? null;
      const nodeTimingsMs: Record<string, NodeTiming> = {};
      for (const [name, total] of Object.entries(stats.busyMs)) {
        // The cadence node only does the clock's bookkeeping: the run format lists the nodes that work on frames.
        if (name === clock.name) continue;
        const calls = stats.processed[name] ?? 0;
        nodeTimingsMs[name] = { calls, meanMs: calls ? total / calls : 0, totalMs: total };
      }
      let embeddings: RunEmbeddings | null = null;
      if (embed && embedder && opts.embedder) {
        const e = opts.embedder;
        embeddings = {
          file: RUN_EMBEDDINGS_FILE,
          dtype: 'float32',
          dims: embedder.dims,
          count: embed.store.items.length,
          normalized: true,
          model: { name: e.name, path: e.modelPath, sha256: e.sha256, format: e.format, runtime: embedder.runtime, backend: embedder.backend, output: embedder.output },
          items: embed.store.items,
          meanBytes: embed.store.meanBytes(),
        };
      }
      const run: RunFile = {
        schema: RUN_SCHEMA,
        version: RUN_VERSION,
        id: opts.runId,
        createdAt,
        model: { ...opts.model, runtime: model.runtime, backend: model.backend },
        clip: {
          path: opts.clipPath,
          name: opts.clip.name,
          sha256: opts.clip.sha256,
          width: probe.width,
          height: probe.height,
          fps: probe.fps,
          durationMs: probe.durationMs,
        },
        settings: {
          ...settings,
          cadence: cadence.mode,
          ...(cadence.mode === 'motion' ? { motion: { threshold: cadence.threshold, maxIntervalMs: cadence.maxIntervalMs } } : {}),
          deviceLatencyMs: latencyMs ?? null,
          tracker,
          embedder: opts.embedder?.name ?? null,
          frameSource: graphFrames ? 'graph-size' : 'full',
        },
        thumbnails: sink.thumbnails,
        frames,
        summary: {
          frames: frames.length,
          inferenceMsMean: mean(inf),
          inferenceMsP50: percentile(inf, 0.5),
          inferenceMsP90: percentile(inf, 0.9),
          wallMsPerFrame: frames.length ? wallMs / frames.length : 0,
          detectionsPerFrame: frames.length ? frames.reduce((a, f) => a + f.detections.length, 0) / frames.length : 0,
          firstBoxFrame: first ? first.index : null,
          firstBoxMs: first ? first.ptsMs : null,
          detectorCalls: frames.filter((f) => f.detected).length,
          detections: track.delivered,
          tracks: track.tracks.length,
          embeddings: embeddings?.count ?? 0,
          wallMs,
        },
        tracks: track.tracks,
        embeddings,
        nodeTimingsMs,
      };
      await writeJsonAtomic(join(tmp, RUN_FILE), run);
      ctx.progress({ stage: 'replay', done: frames.length, total: frames.length, unit: 'frames', fraction: 1, etaMs: 0 });
      return run;
    });
  } finally {
    await model.dispose();
    await embedder?.dispose();
  }
}
