// Lab plan: a validated spec → a DAG of steps. Each step is exactly one `edgelab` CLI command (argv), so the local
// runner (child processes) and the workflow export (containers running the same CLI) execute the same thing.
//
// argv conventions (the contract shared with the workflow export):
// - no global options: the runner adds `--workspace DIR`; every command ends with `--json` and its stdout (one JSON
//   document) is kept as `{{out}}/stdout.json`;
// - `{{out}}` is the step's own output folder (empty when the command starts);
// - `{{step:<id>}}` is the output folder of dependency <id> (always listed in `deps`);
// - every other path is relative to the spec's folder (the runner's working directory for the command).
import { bundledClipPath, bundledModelPath, findBundledClip, findBundledModel } from '../models/catalog';
import { DEFAULT_CALIBRATION_CLIP } from '../engine/variants';
import type { LabStepKind } from '../../src-shared/types/lab';
import { gatesString, modelFormat, specPath, variantModels, type LabClip, type LabModel, type LabSpec, type LabVariant, type LoadedSpec } from './spec';

export const STDOUT_FILE = 'stdout.json';

export interface LabStep {
  /** Stable id, e.g. "convert:ssd:fp16", "replay:ssd:fp32:cup", "compare:ssd:fp16:cup". */
  id: string;
  kind: LabStepKind;
  /** Step ids whose outputs this step reads (all of them appear earlier in `LabPlan.steps`). */
  deps: string[];
  /** The `edgelab` command line (see the conventions above). */
  argv: string[];
  /** Absolute paths of the files/folders whose content enters the cache key (models, clips, labels, bench files). */
  inputs: string[];
  /** What the step is about (model/variant/clip names, formats): enters the cache key with `argv`. */
  settings: Record<string, string | number | boolean | null>;
  /** Named artefacts the step leaves in `{{out}}` (templates over {{out}}). `stdout` is always there. */
  outputs: Record<string, string>;
  /** Resident memory the step may need, MB (bounds the worker pool). */
  memoryMb: number;
}

export interface LabPlan {
  version: 1;
  name: string;
  specFile: string;
  /** Working directory of every command (relative paths in argv are relative to it). */
  specDir: string;
  steps: LabStep[];
  /** Gates (compare --fail-on syntax) applied to every compare step's result; undefined = compare's default verdict. */
  gates?: string;
  reports: LabSpec['reports'];
}

/**
 * Resident memory per step kind (MB): peak RSS of the CLI command measured with /usr/bin/time on the bundled models
 * (SSD convert fp16 370 MB, ONNX SSD int8 calibration 610 MB; SSD replay of 30 frames 300 MB plus ffmpeg; compare and
 * report 110–120 MB), rounded up for larger models and embedders.
 */
const MEMORY_MB: Record<LabStepKind, number> = {
  import: 300,
  convert: 800,
  validate: 800,
  replay: 500,
  compare: 250,
  'import-bench': 150,
  report: 250,
};

export const out = (name: string) => `{{out}}/${name}`;
export const stepOut = (id: string, name?: string) => `{{step:${id}}}${name ? `/${name}` : ''}`;

/** The variant label of a step: 'fp32' for the model itself. */
export type VariantKindOrFp32 = LabVariant['kind'] | 'fp32';

/** Argv name of a model: a bundled id as is, a path as written in the spec. */
const modelArg = (m: string) => m;

/** Absolute main file (bundled) or path of a model reference: hashed with its weight shards for the cache key. */
function modelInput(dir: string, model: string): string {
  const b = findBundledModel(model);
  return b ? bundledModelPath(b) : specPath(dir, model);
}

function clipInput(dir: string, clip: string): string {
  const b = findBundledClip(clip);
  return b ? bundledClipPath(b) : specPath(dir, clip);
}

function convertStep(spec: LoadedSpec, m: LabModel, v: LabVariant): LabStep {
  const format = v.kind === 'onnx' ? 'onnx' : modelFormat(spec.dir, m.model);
  const model = format === 'onnx' ? 'model.onnx' : 'model';
  const c = v.calibration ?? {};
  const argv = ['convert', modelArg(m.model), '--to', v.kind];
  const inputs = [modelInput(spec.dir, m.model)];
  if (c.clip !== undefined) {
    argv.push('--calibration', c.clip);
    inputs.push(clipInput(spec.dir, c.clip));
  } else inputs.push(clipInput(spec.dir, DEFAULT_CALIBRATION_CLIP));
  if (c.frames !== undefined) argv.push('--frames', String(c.frames));
  if (c.method !== undefined) argv.push('--method', c.method);
  if (c.percentile !== undefined) argv.push('--percentile', String(c.percentile));
  if (c.exclude?.length) for (const x of c.exclude) argv.push('--exclude', x);
  if (c.targetSnrDb !== undefined) argv.push('--target-snr', String(c.targetSnrDb));
  if (v.compute !== undefined) argv.push('--compute', v.compute);
  if (v.reduceRange !== undefined) argv.push('--reduce-range', v.reduceRange ? 'on' : 'off');
  argv.push('--out', out(model), '--json');
  return {
    id: `convert:${m.id}:${v.kind}`,
    kind: 'convert',
    deps: [],
    argv,
    inputs,
    settings: { model: m.id, variant: v.kind, format },
    outputs: { model: out(model), stdout: out(STDOUT_FILE) },
    memoryMb: MEMORY_MB.convert,
  };
}

function replayStep(spec: LoadedSpec, m: LabModel, kind: VariantKindOrFp32, clip: LabClip, convertId?: string): LabStep {
  const r = spec.spec.replay;
  const model = convertId ? stepOut(convertId, kind === 'onnx' || modelFormat(spec.dir, m.model) === 'onnx' ? 'model.onnx' : 'model') : modelArg(m.model);
  const argv = ['replay', '--model', model, '--clip', clip.clip, '--frames', String(clip.frames)];
  if (r.realtime) argv.push('--realtime');
  else if (r.detectEvery !== undefined) argv.push('--detect-every', String(r.detectEvery));
  if (r.scoreThreshold !== undefined) argv.push('--score', String(r.scoreThreshold));
  if (r.iouThreshold !== undefined) argv.push('--iou', String(r.iouThreshold));
  if (r.maxDetections !== undefined) argv.push('--max-detections', String(r.maxDetections));
  if (r.deviceLatencyMs !== undefined) argv.push('--device-latency', String(r.deviceLatencyMs));
  if (r.thumbnailSize !== undefined) argv.push('--thumbnail-size', String(r.thumbnailSize));
  const inputs = [clipInput(spec.dir, clip.clip)];
  if (!convertId) inputs.push(modelInput(spec.dir, m.model));
  if (m.embedder !== undefined) {
    argv.push('--embedder', modelArg(m.embedder));
    inputs.push(modelInput(spec.dir, m.embedder));
  }
  argv.push('--out', out('run'), '--json');
  return {
    id: `replay:${m.id}:${kind}:${clip.id}`,
    kind: 'replay',
    deps: convertId ? [convertId] : [],
    argv,
    inputs,
    settings: { model: m.id, variant: kind, clip: clip.id },
    outputs: { run: out('run'), stdout: out(STDOUT_FILE) },
    memoryMb: MEMORY_MB.replay,
  };
}

function compareStep(spec: LoadedSpec, m: LabModel, kind: VariantKindOrFp32, clip: LabClip, baseId: string, varId: string): LabStep {
  const argv = ['compare', stepOut(baseId, 'run'), stepOut(varId, 'run')];
  const inputs: string[] = [];
  if (clip.gt !== undefined && m.labels) {
    argv.push('--gt', clip.gt);
    if (clip.classAgnostic) argv.push('--class-agnostic');
    inputs.push(specPath(spec.dir, clip.gt));
  }
  argv.push('--json');
  return {
    id: `compare:${m.id}:${kind}:${clip.id}`,
    kind: 'compare',
    deps: [baseId, varId],
    argv,
    inputs,
    settings: { model: m.id, variant: kind, clip: clip.id },
    outputs: { stdout: out(STDOUT_FILE) },
    memoryMb: MEMORY_MB.compare,
  };
}

function validateStep(spec: LoadedSpec, m: LabModel, v: LabVariant, convertId: string, clip: LabClip): LabStep {
  const format = v.kind === 'onnx' ? 'onnx' : modelFormat(spec.dir, m.model);
  const calib = v.calibration?.clip ?? clip.clip;
  return {
    id: `validate:${m.id}:${v.kind}`,
    kind: 'validate',
    deps: [convertId],
    argv: ['layers', modelArg(m.model), stepOut(convertId, format === 'onnx' ? 'model.onnx' : 'model'), '--clip', calib, '--frames', String(spec.spec.validate.frames), '--json'],
    inputs: [modelInput(spec.dir, m.model), clipInput(spec.dir, calib)],
    settings: { model: m.id, variant: v.kind },
    outputs: { stdout: out(STDOUT_FILE) },
    memoryMb: MEMORY_MB.validate,
  };
}

function benchStep(spec: LoadedSpec, b: LabSpec['bench'][number], i: number): LabStep {
  const argv = ['import-bench', b.file];
  if (b.device !== undefined) argv.push('--device', b.device);
  argv.push('--json');
  const [model = null, variant = 'fp32'] = b.variant?.split('/') ?? [];
  return {
    id: `import-bench:${i}`,
    kind: 'import-bench',
    deps: [],
    argv,
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
    argv: ['report', ...runIds.map((id) => stepOut(id, 'run')), '--format', format, '--out', out(`report.${format}`), '--title', `${spec.spec.name}: ${m.id} on ${clip.id}`, '--json'],
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
  for (const m of spec.models) {
    const kinds = spec.variants.filter((v) => converts.has(`${m.id}:${v.kind}`)).map((v) => v.kind);
    for (const clip of spec.clips) {
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
  steps.push(...replays, ...compares, ...spec.bench.map((b, i) => benchStep(loaded, b, i)), ...reports);
  const gates = gatesString(spec);
  return { version: 1, name: spec.name, specFile: loaded.file, specDir: loaded.dir, steps, ...(gates !== undefined ? { gates } : {}), reports: spec.reports };
}

/** Substitutes {{out}} and {{step:<id>}} in a step's argv. */
export function resolveArgv(step: LabStep, outDir: string, depDir: (id: string) => string): string[] {
  return step.argv.map((a) => a.replace(/\{\{out\}\}/g, outDir).replace(/\{\{step:([^}]+)\}\}/g, (_, id: string) => depDir(id)));
}
