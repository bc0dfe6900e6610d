// Builds the versioned report JSON from run directories. The first run is the baseline; every other run
// is compared with it on the frames both detected (run-agreement.ts). Deterministic: the same runs give the
// same JSON byte for byte except `generatedAt` (objects are built in a fixed key order, arrays in run /
// frame order, no clock read except for a missing `generatedAt`).
import { join } from 'node:path';
import type { FrameRecord, RunFile, RunSummary } from '../../src-shared/formats/run';
import { RUN_FILE } from '../../src-shared/formats/run';
import { EdgeLabError } from '../../src-shared/protocol';
import { REPORT_SCHEMA, REPORT_VERSION, type KeyFrame, type ReportJson } from '../../src-shared/types/report';
import { checkCancelled, silentJob, type JobContext } from '../jobs/context';
import { MATCH_IOU, compareRuns, describeDiff, diffFrames, worstFrames } from './run-agreement';
import { thumbnailDataUrl } from './thumbnails';

/** Frames of each variant picked for disagreeing most with the baseline. */
export const KEY_FRAMES_PER_VARIANT = 3;

export interface ReportRunInput {
  file: RunFile;
  /** The run directory (holds run.json and frames/). */
  dir: string;
}

export interface BuildReportOptions {
  title?: string;
  /** ISO time to stamp; defaults to now. */
  generatedAt?: string;
}

export function runSummary(file: RunFile, dir: string): RunSummary {
  const s = file.summary;
  return {
    id: file.id,
    createdAt: file.createdAt,
    model: file.model,
    clip: file.clip,
    frames: s.frames,
    inferenceMsMean: s.inferenceMsMean,
    inferenceMsP50: s.inferenceMsP50,
    inferenceMsP90: s.inferenceMsP90,
    wallMsPerFrame: s.wallMsPerFrame,
    detectionsPerFrame: s.detectionsPerFrame,
    firstBoxFrame: s.firstBoxFrame,
    firstBoxMs: s.firstBoxMs,
    dir,
  };
}

function frameAt(file: RunFile, index: number): FrameRecord | undefined {
  return file.frames.find((f) => f.index === index);
}

interface PendingKey {
  run: ReportRunInput;
  frame: number;
  why: string[];
  baseline?: ReportRunInput;
}

function addKey(keys: PendingKey[], k: PendingKey): void {
  const same = keys.find((x) => x.run.file.id === k.run.file.id && x.frame === k.frame);
  if (same) same.why.push(...k.why);
  else keys.push(k);
}

function pickKeyFrames(runs: ReportRunInput[], diffsPerVariant: ReturnType<typeof diffFrames>[]): PendingKey[] {
  const [base, ...variants] = runs;
  const keys: PendingKey[] = [];
  if (base.file.summary.firstBoxFrame !== null) addKey(keys, { run: base, frame: base.file.summary.firstBoxFrame, why: ['first box (baseline)'] });
  variants.forEach((v, i) => {
    if (v.file.summary.firstBoxFrame !== null) addKey(keys, { run: v, frame: v.file.summary.firstBoxFrame, why: ['first box'], baseline: base });
    for (const d of worstFrames(diffsPerVariant[i], KEY_FRAMES_PER_VARIANT)) {
      addKey(keys, { run: v, frame: d.frame, why: [describeDiff(d)], baseline: base });
    }
  });
  return keys;
}

/** The key frame of `run` at frame index `frame`: its boxes, the baseline's boxes of that frame, its JPEG. */
export async function keyFrameOf(run: ReportRunInput, frame: number, why: string, baseline?: ReportRunInput): Promise<KeyFrame> {
  return renderKey({ run, frame, why: [why], baseline });
}

async function renderKey(k: PendingKey): Promise<KeyFrame> {
  const rec = frameAt(k.run.file, k.frame);
  const key: KeyFrame = {
    runId: k.run.file.id,
    frame: k.frame,
    ptsMs: rec?.ptsMs ?? 0,
    why: k.why.join('; '),
    detections: rec?.detections ?? [],
  };
  if (k.baseline) key.baselineDetections = frameAt(k.baseline.file, k.frame)?.detections ?? [];
  const image = await thumbnailDataUrl(k.run.dir, rec);
  if (image) key.image = image;
  return key;
}

/** Checks that every variant replayed the baseline's clip (frame-by-frame comparison needs it). */
function checkSameClip(runs: ReportRunInput[]): void {
  const base = runs[0].file;
  for (const r of runs.slice(1)) {
    if (r.file.clip.sha256 !== base.clip.sha256) {
      throw new EdgeLabError(
        'BAD_INPUT',
        `run ${r.file.id} replayed clip ${r.file.clip.name} (sha256 ${r.file.clip.sha256.slice(0, 12)}…) but the baseline ${base.id} replayed ${base.clip.name} (sha256 ${base.clip.sha256.slice(0, 12)}…); compared runs must share a clip`,
        join(r.dir, RUN_FILE),
      );
    }
  }
}

export async function buildReport(runs: ReportRunInput[], opts: BuildReportOptions = {}, ctx: JobContext = silentJob): Promise<ReportJson> {
  if (runs.length === 0) throw new EdgeLabError('BAD_INPUT', 'a report needs at least one run');
  checkSameClip(runs);
  const base = runs[0];
  const total = runs.length;
  ctx.progress({ stage: 'compare', done: 0, total, unit: 'runs', fraction: 0 });
  const diffs: ReturnType<typeof diffFrames>[] = [];
  const comparisons = [];
  for (let i = 1; i < runs.length; i++) {
    checkCancelled(ctx);
    const d = diffFrames(base.file, runs[i].file, MATCH_IOU);
    diffs.push(d);
    comparisons.push(compareRuns(base.file, runs[i].file, d, MATCH_IOU));
    ctx.progress({ stage: 'compare', done: i + 1, total, unit: 'runs', fraction: (0.5 * (i + 1)) / total });
  }
  const pending = pickKeyFrames(runs, diffs);
  const keyFrames: KeyFrame[] = [];
  for (let i = 0; i < pending.length; i++) {
    checkCancelled(ctx);
    keyFrames.push(await renderKey(pending[i]));
    ctx.progress({ stage: 'key frames', done: i + 1, total: pending.length, unit: 'frames', fraction: 0.5 + (0.5 * (i + 1)) / pending.length });
  }
  ctx.progress({ stage: 'key frames', done: pending.length, total: pending.length, unit: 'frames', fraction: 1 });
  const series = runs.map(({ file }) => {
    const frames = [...file.frames].sort((a, b) => a.index - b.index);
    return {
      runId: file.id,
      inferenceMs: frames.map((f) => (f.detected ? f.timings.inferenceMs : null)),
      boxes: frames.map((f) => f.detections.length),
    };
  });
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    generatedAt: opts.generatedAt ?? new Date().toISOString(),
    title: opts.title ?? `${base.file.model.name} on ${base.file.clip.name}`,
    runs: runs.map((r) => runSummary(r.file, r.dir)),
    comparisons,
    keyFrames,
    series,
    runSettings: runs.map((r) => ({ runId: r.file.id, settings: r.file.settings })),
  };
}
