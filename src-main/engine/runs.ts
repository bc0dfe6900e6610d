// Run methods: replay (clip through detector → tracker → optional embedder → run directory, registered in the
// manifest; cadence, simulated device latency and embedder from the API args), listRuns,
// getRun, getFrame.
import type { MemoUse } from '../pipeline/detection-memo';
import { promises as fs } from 'node:fs';
import type { Args, FrameImage } from '../../src-shared/api';
import type { RunFile, RunSummary } from '../../src-shared/formats/run';
import { EdgeLabError } from '../../src-shared/protocol';
import type { JobContext } from '../jobs/context';
import { jpegSize } from '../media/jpeg-size';
import { frameImagePath, readRun, runReplay, type EmbedderRef } from '../pipeline/replay';
import { DEFAULT_MOTION_GATE } from '../pipeline/motion-gate';
import { runSummary } from '../reports/build';
import { registerOrRemove } from '../workspace/atomic';
import { randomId } from '../workspace/ids';
import { insideReal } from '../workspace/path-policy';
import { readRegularFile } from '../workspace/regular-file';
import { deviceLatency } from './device-latency';
import type { EngineCtx } from './context';
import { resolveClip, resolveModel, resolveRunDir } from './resolve';

/** `internal.memo`: a detection memo shared between the replays of one cadence sweep (engine/sweep.ts), not an API argument. */
export async function replay(ctx: EngineCtx, args: Args<'replay'>, job: JobContext, internal: { memo?: MemoUse } = {}): Promise<RunSummary> {
  const model = await resolveModel(ctx, args.model);
  if (!model.meta) {
    throw new EdgeLabError('BAD_INPUT', 'no metadata for this model (input spec, decoder): import a bundled model or add a sidecar <model>.edgelab.json (docs/models.md; `edgelab inspect` lists the decoder layouts that fit its outputs)', model.mainFile);
  }
  if (model.meta.task !== 'detector') throw new EdgeLabError('BAD_INPUT', `replay needs a detector; this model is a ${model.meta.task}`, model.mainFile);
  let embedder: EmbedderRef | undefined;
  if (args.embedder !== undefined) {
    const e = await resolveModel(ctx, args.embedder);
    if (!e.meta || e.meta.task !== 'embedder' || !e.meta.embedding) {
      throw new EdgeLabError('BAD_INPUT', `--embedder needs an embedder model (metadata task 'embedder' with an embedding spec)`, e.mainFile);
    }
    embedder = { modelPath: e.mainFile, format: e.ref.format, meta: e.meta, name: e.ref.name, sha256: e.ref.sha256 };
  }
  const motion = args.detectOn === 'motion';
  if (motion && (args.detectEvery !== 1 || args.realtime)) {
    throw new EdgeLabError('BAD_INPUT', 'detectOn motion excludes detectEvery and realtime (the motion gate decides when the detector runs)');
  }
  if (!motion && (args.motionThreshold !== undefined || args.maxIntervalMs !== undefined)) {
    throw new EdgeLabError('BAD_INPUT', 'motionThreshold and maxIntervalMs need detectOn motion');
  }
  const device = args.device !== undefined ? await deviceLatency(ctx, args.device, model.ref) : null;
  const clip = await resolveClip(ctx, args.clip);
  const runId = randomId(model.bundledId ?? model.ref.id ?? model.ref.name);
  const outDir = args.out === undefined ? ctx.policy.confine(ctx.ws.path('runs', runId)) : ctx.policy.resolveOutput(args.out);
  if (await fs.stat(outDir).then(() => true, () => false)) {
    throw new EdgeLabError('BAD_INPUT', 'run directory already exists; refusing to overwrite', outDir);
  }
  const file = await runReplay(
    {
      runId,
      modelPath: model.mainFile,
      meta: model.meta,
      model: model.ref,
      clipPath: clip.path,
      clip: { name: clip.name, sha256: clip.sha256 },
      settings: {
        maxFrames: args.frames,
        detectEvery: args.detectEvery,
        scoreThreshold: args.scoreThreshold,
        iouThreshold: args.iouThreshold,
        maxDetections: args.maxDetections,
        thumbnailSize: args.thumbnailSize,
        cadence: motion ? 'motion' : args.realtime ? 'realtime' : 'every',
        ...(motion
          ? { motion: { threshold: args.motionThreshold ?? DEFAULT_MOTION_GATE.threshold, maxIntervalMs: args.maxIntervalMs ?? DEFAULT_MOTION_GATE.maxIntervalMs } }
          : {}),
        deviceLatencyMs: device?.latencyMs ?? args.deviceLatencyMs ?? null,
        device,
      },
      outDir,
      embedder,
      ...(internal.memo ? { memo: internal.memo } : {}),
    },
    job,
  );
  const summary: RunSummary = {
    ...runSummary(file, outDir),
    runDir: outDir,
    detections: file.summary.detections ?? 0,
    tracks: file.summary.tracks ?? 0,
    embeddings: file.summary.embeddings ?? 0,
    detectorCalls: file.summary.detectorCalls ?? file.frames.filter((f) => f.detected).length,
    timingsMs: Object.fromEntries(Object.entries(file.nodeTimingsMs ?? {}).map(([k, v]) => [k, v.meanMs])),
    ...(file.summary.wallMs !== undefined ? { wallMs: file.summary.wallMs } : {}),
  };
  // The run directory is complete and visible; when the manifest write fails it is removed again (and the error says so).
  await registerOrRemove(outDir, () =>
    ctx.ws.update((m) => {
      m.runs = m.runs.filter((r) => r.id !== summary.id).concat(summary);
    }),
  );
  return summary;
}

export async function listRuns(ctx: EngineCtx): Promise<RunSummary[]> {
  return (await ctx.ws.read()).runs;
}

export async function getRun(ctx: EngineCtx, args: Args<'getRun'>): Promise<RunFile> {
  const { dir } = await resolveRunDir(ctx, args.run);
  return readRun(dir);
}

export async function getFrame(ctx: EngineCtx, args: Args<'getFrame'>): Promise<FrameImage> {
  const { dir } = await resolveRunDir(ctx, args.run);
  const path = frameImagePath(dir, args.frame);
  // A frame linked out of its run folder is read only when the host's policy allows its real path.
  if (!insideReal(dir, path)) ctx.policy.confine(path);
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(path, 'frame image');
  } catch (e) {
    if (e instanceof EdgeLabError && e.code === 'BAD_INPUT') throw e;
    throw new EdgeLabError('NOT_FOUND', `run has no stored image for frame ${args.frame}`, path);
  }
  const size = jpegSize(bytes);
  if (!size) throw new EdgeLabError('BAD_INPUT', `stored image of frame ${args.frame} is not a JPEG (no frame header)`, path);
  const { width, height } = size;
  return { mime: 'image/jpeg', base64: bytes.toString('base64'), width, height };
}
