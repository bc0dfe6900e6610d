// Lab plan: a validated spec → a DAG of steps. Each step is exactly one API call `{ method, args }` (step-call.ts:
// validated by the method's own schema, run through the generic `edgelab call` entry), so the local runner (child
// processes) and the workflow export (containers running the same CLI) execute the same thing. Path arguments may
// hold the placeholders `{{out}}` (the step's own folder) and `{{step:<id>}}` (a dependency's folder).
import { DEFAULT_CALIBRATION_CLIP, type ArgsIn } from '../../src-shared/api';
import { bundledClipPath, bundledModelPath, findBundledClip, findBundledModel } from '../models/catalog';
import type { LabStepKind } from '../../src-shared/types/lab';
import { variantFormatOf, type ModelFormat } from '../../src-shared/types/model';
import { gatesString, modelFormat, specPath, variantModels, type LabClip, type LabModel, type LabSpec, type LabVariant, type LoadedSpec } from './spec';
import { resolveCall, stepCall, type StepCall } from './step-call';

export const STDOUT_FILE = 'stdout.json';

export interface LabStepInfo {
  /** Stable id, e.g. "convert:ssd:fp16", "replay:ssd:fp32:cup", "compare:ssd:fp16:cup". */
  id: string;
  kind: LabStepKind;
  /** Step ids whose outputs this step reads (all of them appear earlier in `LabPlan.steps`). */
  deps: string[];
  /** Absolute paths of the files/folders whose content enters the cache key (models, clips, labels, bench files). */
  inputs: string[];
  /** What the step is about (model/variant/clip names, formats): enters the cache key with `method` and `args`. */
  settings: Record<string, string | number | boolean | null>;
  /** Named artefacts the step leaves in `{{out}}` (templates over {{out}}). `stdout` is always there. */
  outputs: Record<string, string>;
  /** Resident memory the step may need, MB (bounds the worker pool). */
  memoryMb: number;
}

/** A plan step: what it is (LabStepInfo) and the API call it runs (`method`, `args` with placeholders). */
export type LabStep = LabStepInfo & StepCall;

export interface LabPlan {
  version: 1;
  name: string;
  specFile: string;
  /** Working directory of every step (relative paths in args are relative to it). */
  specDir: string;
  steps: LabStep[];
  /** Gates (compare --fail-on syntax) applied to every compare step's result; undefined = compare's default verdict. */
  gates?: string;
  reports: LabSpec['reports'];
}

/**
 * Resident memory per step kind (MB): peak RSS of the step's CLI process measured with /usr/bin/time on the bundled
 * models (SSD convert fp16 370 MB, ONNX SSD int8 calibration 610 MB; SSD replay of 30 frames 300 MB plus ffmpeg;
 * compare and report 110–120 MB), rounded up for larger models and embedders.
 */
const MEMORY_MB: Record<LabStepKind, number> = {
  import: 300,
  convert: 800,
  validate: 800,
  replay: 500,
  compare: 250,
  'import-bench': 150,
  report: 250,
  sweep: 500,
};

export const out = (name: string) => `{{out}}/${name}`;
export const stepOut = (id: string, name?: string) => `{{step:${id}}}${name ? `/${name}` : ''}`;

/** The variant label of a step: 'fp32' for the model itself. */
export type VariantKindOrFp32 = LabVariant['kind'] | 'fp32';

/** Absolute main file (bundled) or path of a model reference: hashed with its weight shards for the cache key. */
function modelInput(dir: string, model: string): string {
  const b = findBundledModel(model);
  return b ? bundledModelPath(b) : specPath(dir, model);
}

function clipInput(dir: string, clip: string): string {
  const b = findBundledClip(clip);
  return b ? bundledClipPath(b) : specPath(dir, clip);
}

/** What a convert step writes in its folder: one file for ONNX and TFLite, a folder (model.json + shards) for TF.js. */
function variantOut(format: ModelFormat): string {
  return format === 'onnx' ? 'model.onnx' : format === 'tflite' ? 'model.tflite' : 'model';
}

function convertStep(spec: LoadedSpec, m: LabModel, v: LabVariant): LabStep {
  const format = variantFormatOf(v.kind, modelFormat(spec.dir, m.model));
  const model = variantOut(format);
  const c = v.calibration ?? {};
  const args: ArgsIn<'convertModel'> = { model: m.model, to: v.kind };
  const inputs = [modelInput(spec.dir, m.model), clipInput(spec.dir, c.clip ?? DEFAULT_CALIBRATION_CLIP)];
  if (c.clip !== undefined) args.calibration = c.clip;
  if (c.frames !== undefined) args.frames = c.frames;
  if (c.method !== undefined) args.method = c.method;
  if (c.percentile !== undefined) args.percentile = c.percentile;
  if (c.exclude?.length) args.exclude = c.exclude;
  if (c.targetSnrDb !== undefined) args.targetSnrDb = c.targetSnrDb;
  if (c.targetRecall !== undefined) args.targetRecall = c.targetRecall;
  if (v.compute !== undefined) args.compute = v.compute;
  if (v.reduceRange !== undefined) args.reduceRange = v.reduceRange;
  if (v.biasCorrection !== undefined) args.biasCorrection = v.biasCorrection;
  args.out = out(model);
  return {
    id: `convert:${m.id}:${v.kind}`,
    kind: 'convert',
    deps: [],
    ...stepCall('convertModel', args),
    inputs,
    settings: { model: m.id, variant: v.kind, format },
    outputs: { model: out(model), stdout: out(STDOUT_FILE) },
    memoryMb: MEMORY_MB.convert,
  };
}

function replayStep(spec: LoadedSpec, m: LabModel, kind: VariantKindOrFp32, clip: LabClip, convertId?: string): LabStep {
  const r = spec.spec.replay;
  const model = convertId ? stepOut(convertId, variantOut(variantFormatOf(kind, modelFormat(spec.dir, m.model)))) : m.model;
  const args: ArgsIn<'replay'> = { model, clip: clip.clip, frames: clip.frames };
  if (r.realtime) args.realtime = true;
  else if (r.detectEvery !== undefined) args.detectEvery = r.detectEvery;
  if (r.scoreThreshold !== undefined) args.scoreThreshold = r.scoreThreshold;
  if (r.iouThreshold !== undefined) args.iouThreshold = r.iouThreshold;
  if (r.maxDetections !== undefined) args.maxDetections = r.maxDetections;
  if (r.deviceLatencyMs !== undefined) args.deviceLatencyMs = r.deviceLatencyMs;
  if (r.thumbnailSize !== undefined) args.thumbnailSize = r.thumbnailSize;
  const inputs = [clipInput(spec.dir, clip.clip)];
  if (!convertId) inputs.push(modelInput(spec.dir, m.model));
  if (m.embedder !== undefined) {
    args.embedder = m.embedder;
    inputs.push(modelInput(spec.dir, m.embedder));
  }
  args.out = out('run');
  return {
    id: `replay:${m.id}:${kind}:${clip.id}`,
    kind: 'replay',
    deps: convertId ? [convertId] : [],
    ...stepCall('replay', args),
    inputs,
    settings: { model: m.id, variant: kind, clip: clip.id },
    outputs: { run: out('run'), stdout: out(STDOUT_FILE) },
    memoryMb: MEMORY_MB.replay,
  };
}

function compareStep(spec: LoadedSpec, m: LabModel, kind: VariantKindOrFp32, clip: LabClip, baseId: string, varId: string): LabStep {
  const args: ArgsIn<'compare'> = { baseline: stepOut(baseId, 'run'), variant: stepOut(varId, 'run') };
  const inputs: string[] = [];
  if (clip.gt !== undefined && m.labels) {
    args.gt = clip.gt;
    if (clip.classAgnostic) args.classAgnostic = true;
    inputs.push(specPath(spec.dir, clip.gt));
  }
  return {
    id: `compare:${m.id}:${kind}:${clip.id}`,
    kind: 'compare',
    deps: [baseId, varId],
    ...stepCall('compare', args),
    inputs,
    settings: { model: m.id, variant: kind, clip: clip.id },
    outputs: { stdout: out(STDOUT_FILE) },
    memoryMb: MEMORY_MB.compare,
  };
}

/**
 * A cadence sweep of the model (its float32) on a clip: one `sweep` call (runs and compares land in the workspace;
 * the rows carry their run ids). Gates are part of its args (checked per row inside the sweep).
 */
function sweepStep(spec: LoadedSpec, m: LabModel, clip: LabClip): LabStep {
  const sw = spec.spec.sweep!;
  const r = spec.spec.replay;
  const args: ArgsIn<'sweep'> = { model: m.model, clip: clip.clip, frames: clip.frames, cadences: sw.cadences };
  const failOn = sw.failOn ?? gatesString(spec.spec);
  if (failOn !== undefined) args.failOn = failOn;
  const inputs = [clipInput(spec.dir, clip.clip), modelInput(spec.dir, m.model)];
  if (clip.gt !== undefined && m.labels) {
    args.gt = clip.gt;
    if (clip.classAgnostic) args.classAgnostic = true;
    inputs.push(specPath(spec.dir, clip.gt));
  }
  if (r.scoreThreshold !== undefined) args.scoreThreshold = r.scoreThreshold;
  if (r.iouThreshold !== undefined) args.iouThreshold = r.iouThreshold;
  if (r.maxDetections !== undefined) args.maxDetections = r.maxDetections;
  if (r.deviceLatencyMs !== undefined) args.deviceLatencyMs = r.deviceLatencyMs;
  if (r.thumbnailSize !== undefined) args.thumbnailSize = r.thumbnailSize;
  if (sw.motionThreshold !== undefined) args.motionThreshold = sw.motionThreshold;
  if (sw.maxIntervalMs !== undefined) args.maxIntervalMs = sw.maxIntervalMs;
  return {
    id: `sweep:${m.id}:${clip.id}`,
    kind: 'sweep',
    deps: [],
    ...stepCall('sweep', args),
    inputs,
    settings: { model: m.id, variant: 'fp32', clip: clip.id },
    outputs: { stdout: out(STDOUT_FILE) },
    memoryMb: MEMORY_MB.sweep,
  };
}

function validateStep(spec: LoadedSpec, m: LabModel, v: LabVariant, convertId: string, clip: LabClip): LabStep {
  const format = variantFormatOf(v.kind, modelFormat(spec.dir, m.model));
  const calib = v.calibration?.clip ?? clip.clip;
  return {
    id: `validate:${m.id}:${v.kind}`,
    kind: 'validate',
    deps: [convertId],
    ...stepCall('layers', { model: m.model, variant: stepOut(convertId, variantOut(format)), clip: calib, frames: spec.spec.validate.frames }),
    inputs: [modelInput(spec.dir, m.model), clipInput(spec.dir, calib)],
    settings: { model: m.id, variant: v.kind },
    outputs: { stdout: out(STDOUT_FILE) },
    memoryMb: MEMORY_MB.validate,
  };
}

function benchStep(spec: LoadedSpec, b: LabSpec['bench'][number], i: number): LabStep {
  const [model = null, variant = 'fp32'] = b.variant?.split('/') ?? [];
  return {
    id: `import-bench:${i}`,
    kind: 'import-bench',
    deps: [],
    ...stepCall('importBench', { files: [b.file], ...(b.device !== undefined ? { device: b.device } : {}) }),
    inputs: [specPath(spec.dir, b.file)],
    settings: { model, variant: model === null ? null : variant, device: b.device ?? null },
    outputs: { stdout: out(STDOUT_FILE) },
    memoryMb: MEMORY_MB['import-bench'],
  };
}

/** One report per model and format over its runs on each clip (float32 run first: the report's baseline). */
function reportSteps(spec: LoadedSpec, m: LabModel, clip: LabClip, runIds: string[]): LabStep[] {
  return spec.spec.reports.map((format) => ({
    id: `report:${m.id}:${clip.id}:${format}`,
    kind: 'report' as const,
    deps: runIds,
    ...stepCall('report', { runs: runIds.map((id) => stepOut(id, 'run')), format, out: out(`report.${format}`), title: `${spec.spec.name}: ${m.id} on ${clip.id}` }),
    inputs: [],
    settings: { model: m.id, clip: clip.id, format },
    outputs: { report: out(`report.${format}`), stdout: out(STDOUT_FILE) },
    memoryMb: MEMORY_MB.report,
  }));
}

/** The step DAG of a loaded spec, in a topological order (every dep before its dependents). */
export function planLab(loaded: LoadedSpec): LabPlan {
  const { spec } = loaded;
  const steps: LabStep[] = [];
  const converts = new Map<string, LabStep>(); // `${model}:${kind}` → convert step
  for (const v of spec.variants) {
    for (const m of variantModels(spec, loaded.dir, v)) {
      const s = convertStep(loaded, m, v);
      converts.set(`${m.id}:${v.kind}`, s);
      steps.push(s);
      if (spec.validate.layers) steps.push(validateStep(loaded, m, v, s.id, spec.clips[0]));
    }
  }
  const replays: LabStep[] = [];
  const compares: LabStep[] = [];
  const reports: LabStep[] = [];
  /** Whether model `m` is replayed on `clip` (a clip's `models` list limits it). */
  const onClip = (m: LabModel, clip: LabClip) => !clip.models || clip.models.includes(m.id);
  for (const m of spec.models) {
    const kinds = spec.variants.filter((v) => converts.has(`${m.id}:${v.kind}`)).map((v) => v.kind);
    for (const clip of spec.clips) {
      if (!onClip(m, clip)) continue;
      const base = replayStep(loaded, m, 'fp32', clip);
      replays.push(base);
      const runIds = [base.id];
      for (const kind of kinds) {
        const r = replayStep(loaded, m, kind, clip, converts.get(`${m.id}:${kind}`)?.id);
        replays.push(r);
        runIds.push(r.id);
        compares.push(compareStep(loaded, m, kind, clip, base.id, r.id));
      }
      reports.push(...reportSteps(loaded, m, clip, runIds));
    }
  }
  const sweeps = spec.sweep ? spec.models.flatMap((m) => spec.clips.filter((clip) => onClip(m, clip)).map((clip) => sweepStep(loaded, m, clip))) : [];
  steps.push(...replays, ...compares, ...sweeps, ...spec.bench.map((b, i) => benchStep(loaded, b, i)), ...reports);
  const gates = gatesString(spec);
  return { version: 1, name: spec.name, specFile: loaded.file, specDir: loaded.dir, steps, ...(gates !== undefined ? { gates } : {}), reports: spec.reports };
}

/** The step's call with {{out}} and {{step:<id>}} substituted (`depDir` maps a dependency id to its folder). */
export function resolveStep(step: LabStep, outDir: string, depDir: (id: string) => string): StepCall {
  return resolveCall({ method: step.method, args: step.args } as StepCall, outDir, depDir);
}
