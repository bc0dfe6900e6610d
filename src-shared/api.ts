// The one typed contract of the engine. The Electron shell, the server and the CLI all reach the engine
// through `EdgeLabApi`; the renderer reaches it through `createApiClient` (client.ts) over a transport.
// Rules: one argument object per method, every payload JSON-safe, long methods report progress and
// honour cancellation through `CallOptions`. Argument schemas (zod) are validated at every boundary and
// produce the argument types, so the schema and the type cannot drift.
import { z } from 'zod';
import type { CallOptions } from './protocol';
import { BIAS_CORRECTION_AUTO, BIAS_CORRECTION_SCOPES, CONVERT_KINDS, type InspectResult, type ModelEntry, type VariantEntry, type FoldedNode, type BundledModel, type BundledClip } from './types/model';
import type { RunFile, RunSummary } from './formats/run';
import type { ReportResult } from './types/report';
import type { LayersResult } from './types/layers';
import type { ModelGraph } from './types/graph';
import type { BenchImportResult, LatencyMatrix, LatencyRecord } from './types/latency';
import type { CompareResult, StoredCompare } from './types/degradation';
import type { LabDetail, LabListEntry, LabResult, WorkflowExportResult } from './types/lab';
import type { ProjectSettings } from './types/settings';
import type { SweepResult } from './types/sweep';
import type { ValidationMetrics } from './types/validation';
import type { PredictResult } from './types/predict';
import { projectSettingsSchema } from './types/settings';
import { MOT_PRESETS } from './metrics/mot-classes';

/** Re-exported: the type lives in types/validation.ts (types never import api.ts). */
export type { ValidationMetrics } from './types/validation';

const path = z.string().min(1).max(4096);
const id = z.string().min(1).max(200);

/** convertModel's calibration / validation source when `calibration` is absent: the bundled hold-up clip. */
export const DEFAULT_CALIBRATION_CLIP = 'cup';

export const argSchemas = {
  getInfo: z.object({}).strict(),
  listBundled: z.object({}).strict(),
  listModels: z.object({}).strict(),
  /** Copies a model (file, model.json with shards, or a bundled model id) into the workspace. */
  importModel: z.object({ source: path, name: z.string().max(200).optional() }).strict(),
  /** `model` is a workspace model/variant id, a bundled model id, or a path. */
  inspectModel: z.object({ model: path }).strict(),
  convertModel: z
    .object({
      model: path,
      /**
       * fp16 · int8-weights (ONNX: int8 symmetric per output channel, dequantized at run time) · int8 (ONNX: static
       * QDQ, calibrated; TF.js: simulated fake-quant) · uint8 / uint16 (TF.js stock weight quantization) · onnx
       * (TF.js graph → ONNX, float32) · tflite (ONNX → TFLite, float32).
       */
      to: z.enum(CONVERT_KINDS),
      /** Calibration clip path, image folder, or bundled clip id (int8; default DEFAULT_CALIBRATION_CLIP). */
      calibration: path.optional(),
      /** Frames taken from the calibration source (also used for validation). */
      frames: z.number().int().min(1).max(100_000).optional(),
      /** Activation range calibration (int8). */
      method: z.enum(['minmax', 'percentile', 'entropy']).optional(),
      /** Percentile kept by `method: percentile`, in (0, 100]. */
      percentile: z.number().gt(0).max(100).optional(),
      /** Node names kept in float (int8). */
      exclude: z.array(z.string().min(1).max(500)).max(10_000).optional(),
      /** fp16 (ONNX): where the maths runs; 'float16' (default) converts compute, 'float32' only storage. */
      compute: z.enum(['float16', 'float32']).optional(),
      /**
       * int8 (ONNX): 7-bit weights [-63, 63] instead of [-127, 127], for x86 CPUs without VNNI (as onnxruntime's
       * reduce_range). Absent = decided from the CPU that converts.
       */
      reduceRange: z.boolean().optional(),
      /**
       * int8 (ONNX): empirical bias correction of the quantized convs (the per-channel mean error of their outputs
       * against float32, measured on the first calibration frames, moved into the int32 bias): a scope, true (= the
       * depthwise scope, measured best), false, or 'auto' (BIAS_CORRECTION_AUTO: corrected only if it agrees better
       * with float32 on held-out calibration frames). Absent = the default (DEFAULT_BIAS_CORRECTION in types/model.ts).
       */
      biasCorrection: z.union([z.boolean(), z.literal(BIAS_CORRECTION_AUTO), z.enum(BIAS_CORRECTION_SCOPES)]).optional(),
      /** int8: keep the most sensitive nodes in float until the output reaches this SNR (dB). */
      targetSnrDb: z.number().min(0).max(200).optional(),
      /**
       * int8 (ONNX detectors): keep the smallest input-side region in float with which the variant finds this fraction
       * of float32's detections (recall@0.5) on the validation frames; exclusive with targetSnrDb.
       */
      targetRecall: z.number().gt(0).max(1).optional(),
      /** Write the variant here instead of (as well as registering it in) the workspace. */
      out: path.optional(),
    })
    .strict(),
  replay: z
    .object({
      model: path,
      /** Clip path or bundled clip id. */
      clip: path,
      /** Frames from the start of the clip (0 = all). */
      frames: z.number().int().min(0).max(1_000_000).default(0),
      /** Detector cadence: run on every Nth frame. */
      detectEvery: z.number().int().min(1).max(1000).default(1),
      scoreThreshold: z.number().min(0).max(1).default(0.3),
      iouThreshold: z.number().min(0).max(1).default(0.5),
      maxDetections: z.number().int().min(1).max(1000).default(50),
      /** Real-time cadence: the detector runs whenever it is free, on the clip's clock (as on a phone). */
      realtime: z.boolean().default(false),
      /** Simulated device detector latency, ms: a detection started at t is delivered at t + latency. */
      deviceLatencyMs: z.number().min(0).max(60_000).optional(),
      /** Imported latency record (record id, or device name) whose mean latency is simulated; overrides deviceLatencyMs. */
      device: z.string().min(1).max(200).optional(),
      /**
       * 'motion': motion-gated detection — the detector runs when the global camera motion since the last detection
       * reaches motionThreshold, when the tracker has lost every box, or after maxIntervalMs. Excludes detectEvery > 1
       * and realtime. Default 'cadence' (detectEvery / realtime).
       */
      detectOn: z.enum(['cadence', 'motion']).optional(),
      /** Motion gate: net global motion that triggers a detection, fraction of the frame's long side (default 0.05). */
      motionThreshold: z.number().gt(0).max(1).optional(),
      /** Motion gate: longest clip time between two detections, ms (default 200). */
      maxIntervalMs: z.number().gt(0).max(3_600_000).optional(),
      /** Embedder model (workspace id, bundled id or path) run on tracked crops. */
      embedder: path.optional(),
      /** Long side of stored thumbnails in pixels (0 = none). */
      thumbnailSize: z.number().int().min(0).max(4096).default(320),
      /** Run directory to write; defaults to the workspace's runs/<id>/. Must not exist yet. */
      out: path.optional(),
    })
    .strict(),
  /**
   * Cadence sweep: the clip replayed once per cadence (every Nth frame, or 'motion'), each run compared with the
   * every-frame run (or labels) and gated; the pick is the lowest detector frequency whose row passes.
   */
  sweep: z
    .object({
      model: path,
      clip: path,
      frames: z.number().int().min(0).max(1_000_000).default(0),
      /** Cadences in the order of the rows: integers ≥ 1 and/or 'motion'; no duplicates. */
      cadences: z
        .array(z.union([z.number().int().min(1).max(1000), z.literal('motion')]))
        .min(1)
        .max(50)
        .refine((c) => new Set(c).size === c.length, 'cadences must not repeat'),
      /** Gates per row (compare's failOn syntax; default: compare's verdict gates). */
      failOn: z.string().min(1).max(2000).optional(),
      /** Labels (MOTChallenge or COCO JSON): rows are scored against them, with the every-frame run as baseline. */
      gt: path.optional(),
      classAgnostic: z.boolean().optional(),
      motClasses: z.enum(MOT_PRESETS).optional(),
      deviceLatencyMs: z.number().min(0).max(60_000).optional(),
      device: z.string().min(1).max(200).optional(),
      motionThreshold: z.number().gt(0).max(1).optional(),
      maxIntervalMs: z.number().gt(0).max(3_600_000).optional(),
      scoreThreshold: z.number().min(0).max(1).default(0.3),
      iouThreshold: z.number().min(0).max(1).default(0.5),
      maxDetections: z.number().int().min(1).max(1000).default(50),
      /** Long side of the rows' stored thumbnails in pixels (0 = none; A/B shows frames only with them). */
      thumbnailSize: z.number().int().min(0).max(4096).default(320),
    })
    .strict(),
  listRuns: z.object({}).strict(),
  /** `run` is a workspace run id or a run directory. */
  getRun: z.object({ run: path }).strict(),
  getFrame: z.object({ run: path, frame: z.number().int().min(0) }).strict(),
  report: z
    .object({
      /**
       * Workspace run ids or run directories; per clip, the first run of that clip is the baseline of the others.
       * Give `runs` or `lab`, not both.
       */
      runs: z.array(path).min(1).max(100).optional(),
      /** A lab: its state folder (LabResult.labDir) or its lab.yaml; the report covers the lab's runs and compares. */
      lab: path.optional(),
      /** json is the source; html is self-contained; pdf is the html printed by Chromium; csv = variant × clip × device rows. */
      format: z.enum(['html', 'pdf', 'csv', 'json']),
      /** Gates applied to every variant's compare (compare's failOn syntax; default: the documented verdict gates). */
      failOn: z.string().min(1).max(2000).optional(),
      /** File to write; defaults to the workspace's reports/<id>/report.<ext>. */
      out: path.optional(),
      title: z.string().max(200).optional(),
    })
    .strict(),
  /** Imports benchmark-tool outputs (format detected from content) as latency records in the workspace. */
  importBench: z
    .object({
      files: z.array(path).min(1).max(1000),
      /** Device name when the file does not say it. */
      device: z.string().min(1).max(200).optional(),
      /** Workspace variant/model id to link the records to. */
      variant: z.string().min(1).max(200).optional(),
    })
    .strict(),
  /** The device × delegate × variant latency matrix against a per-frame budget. */
  latency: z
    .object({
      budgetMs: z.number().gt(0).max(60_000).default(100),
      /** End-to-end estimate: the detector runs on every Nth frame. */
      detectEvery: z.number().int().min(1).max(1000).default(1),
      /** End-to-end estimate: tracker cost per frame, ms. */
      trackerMs: z.number().min(0).max(60_000).default(0),
      /** End-to-end estimate: embedder variant/model (id or file name) whose latency is added. */
      embedder: z.string().min(1).max(200).optional(),
      embedsPerFrame: z.number().min(0).max(1000).default(1),
      /** Accuracy gate: minimum output SNR vs float32, dB. */
      minSnrDb: z.number().min(0).max(999).default(30),
    })
    .strict(),
  /** Measures a model on this machine and stores the same kind of latency record (device = this host). */
  benchModel: z
    .object({
      model: path,
      runtime: z.enum(['onnx', 'tfjs', 'tflite']).optional(),
      threads: z.number().int().min(1).max(256).optional(),
      runs: z.number().int().min(1).max(10_000).default(50),
      warmup: z.number().int().min(0).max(1000).default(5),
    })
    .strict(),
  /**
   * One frame of a clip through a model (any runnable format): the decoded detections or embedding, and with
   * `saveOutputs` the exact model input and every output written as .npy files (float-vs-device parity checks).
   */
  predict: z
    .object({
      model: path,
      /** Clip path or bundled clip id. */
      clip: path,
      /** Decode index of the frame, 0-based. */
      frame: z.number().int().min(0).max(1_000_000).default(0),
      /** Folder to write <tensor>.npy files into (created if absent). */
      saveOutputs: path.optional(),
      scoreThreshold: z.number().min(0).max(1).default(0.3),
      iouThreshold: z.number().min(0).max(1).default(0.5),
      maxDetections: z.number().int().min(1).max(1000).default(50),
    })
    .strict(),
  /** Per-layer error: both models run with every intermediate tensor exposed, matched by name, ranked worst first. */
  layers: z
    .object({
      /** The float32 model (workspace id, bundled id or path). */
      model: path,
      /** Its variant (workspace variant id or path). */
      variant: path,
      /** Clip, image folder or bundled clip id the frames come from (default: cup). */
      clip: path.optional(),
      frames: z.number().int().min(1).max(10_000).default(4),
      /** First frame compared (0-based decode index, as a run's frame index; default 0): frames startFrame… of the clip. */
      startFrame: z.number().int().min(0).max(10_000_000).optional(),
    })
    .strict(),
  /** The model's (or variant's) graph: nodes, edges with shapes, weights, quantization parameters (ONNX, TF.js graph models). */
  modelGraph: z.object({ model: path }).strict(),
  /** Degradation metrics of a variant run against a baseline run (pseudo ground truth) or a labels file. */
  compare: z
    .object({
      /** Workspace run id or run directory (normally the float32 run). */
      baseline: path,
      variant: path,
      /** Labels: MOTChallenge gt.txt or COCO-style JSON; both runs are then scored against them. */
      gt: path.optional(),
      /** Gates, e.g. "map50_drop>0.01,flickerPerMin>2": each fails when its condition holds (default: the documented verdict gates). */
      failOn: z.string().min(1).max(2000).optional(),
      /** Ignore classes: every box is one class in matching (detection AP of one class; tracking across labels). */
      classAgnostic: z.boolean().optional(),
      /**
       * Class scope: score only these classes (box labels as the runs and labels name them, e.g. ["person","car"]);
       * boxes of other classes are removed from the reference, the baseline and the variant before matching.
       * Combines with classAgnostic (the chosen classes, matched as one).
       */
      classes: z.array(z.string().min(1).max(200)).min(1).max(1000).optional(),
      /** MOTChallenge labels: classes scored (`all`, default; `pedestrian` = class 1 and "person" predictions, as MOT17). */
      motClasses: z.enum(MOT_PRESETS).optional(),
    })
    .strict(),
  /** Compare results stored in the workspace by earlier `compare` calls (newest first), optionally those involving one run. */
  listCompares: z.object({ run: path.optional() }).strict(),
  /** Runs a lab spec (YAML): convert → validate → replay → compare → import → report, cached by content hash, resumable. */
  runLab: z
    .object({
      /** Path of the lab YAML. */
      spec: path,
      /** Worker pool size (default: decided from cores and memory). */
      jobs: z.number().int().min(1).max(64).optional(),
      /** Gates over every variant × clip compare (same syntax as compare's failOn); overrides the spec's gates. */
      failOn: z.string().min(1).max(2000).optional(),
      /** Ignore cached step results and redo every step. */
      force: z.boolean().optional(),
    })
    .strict(),
  /** Labs run in this workspace (folders labs/<name>/ holding a report.json), by name. */
  listLabs: z.object({}).strict(),
  /** One lab's report (labs/<name>/report.json) with its summary columns and the runs and compares of its steps. */
  getLab: z.object({ name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a lab name (the spec\'s `name`)') }).strict(),
  /** Writes the lab spec as an Argo Workflow or a Kubeflow Pipelines spec whose steps are edgelab API calls (`edgelab call`). */
  exportWorkflow: z
    .object({
      spec: path,
      target: z.enum(['argo', 'kubeflow']),
      /** Container image holding edgelab (see Dockerfile). */
      image: z.string().min(1).max(500),
      out: path,
    })
    .strict(),
  /** Project settings kept in the workspace (overlay designer settings, …). */
  getSettings: z.object({}).strict(),
  /** Replaces the project settings (validated); returns what was stored. */
  saveSettings: z.object({ settings: projectSettingsSchema }).strict(),
  /** Runs the bundled default job (import, fp16, replay both, report) — what the README's first command does. */
  demo: z
    .object({
      out: path.optional(),
      frames: z.number().int().min(1).max(100_000).default(80),
    })
    .strict(),
} as const;

export type MethodName = keyof typeof argSchemas;
/** Arguments as callers may write them (defaults optional). */
export type ArgsIn<M extends MethodName> = z.input<(typeof argSchemas)[M]>;
/** Arguments after validation (defaults filled). */
export type Args<M extends MethodName> = z.output<(typeof argSchemas)[M]>;

export interface EngineInfo {
  version: string;
  workspace: string;
  /** Runtimes the engine could load, with the backend/provider each uses. */
  runtimes: { name: string; available: boolean; backend?: string; detail?: string }[];
  ffmpeg: { path: string; version: string } | null;
  host: 'cli' | 'server' | 'electron' | 'test';
  /** The engine's job queue now (src-main/jobs/queue.ts). */
  jobs?: { limit: number; running: number; waiting: number; queuedMax: number; started: number };
  /** What the engine holds in memory now. */
  memory?: EngineMemory;
}

/** Memory held by an engine (RSS of its whole process; sessions and tensors should be 0 when no job runs). */
export interface EngineMemory {
  rssMb: number;
  heapUsedMb: number;
  /** onnxruntime sessions open. */
  ortSessionsOpen: number;
  tfjsTensors: number;
  tfjsBytes: number;
  /** The tfjs wasm heap (grows to its high-water mark, never shrinks), MB; null when the wasm backend never ran. */
  wasmHeapMb: number | null;
}

export interface ConvertResult {
  variant: VariantEntry;
  /** Main file (or directory for TF.js) of the variant as written. */
  output?: string;
  validation?: ValidationMetrics;
  /** True when the variant only simulates its arithmetic (TF.js int8 fake-quant). */
  simulated?: boolean;
  /** Files written (absolute paths). */
  files: string[];
  /** Size of the source model and of the variant, bytes. */
  sourceSizeBytes: number;
  sizeBytes: number;
  /** Tensors/ops deliberately kept in float32, with why. */
  keptFloat: { name: string; reason: string }[];
  /** int8 (ONNX): activations folded into their quantized producer (not float ops, not in the variant's graph), when some are. */
  folded?: FoldedNode[];
  /** Sentences about the variant the user must see (its detections disagree with float32, scores collapsed…); [] when none. */
  warnings?: string[];
}

export interface DemoResult {
  /** Folder holding report.html and report.json. */
  outDir: string;
  report: ReportResult;
  runs: RunSummary[];
  model: ModelEntry;
  variant: VariantEntry;
}

export interface FrameImage {
  mime: 'image/jpeg';
  /** JPEG bytes, base64. */
  base64: string;
  width: number;
  height: number;
}

/** Results of every method. */
export interface Results {
  getInfo: EngineInfo;
  listBundled: { models: BundledModel[]; clips: BundledClip[] };
  listModels: ModelEntry[];
  /** The stored entry; `decoderFits` (not stored) when the model came without metadata: the layouts that fit its outputs. */
  importModel: ModelEntry & { decoderFits?: string[] };
  inspectModel: InspectResult;
  convertModel: ConvertResult;
  replay: RunSummary;
  sweep: SweepResult;
  listRuns: RunSummary[];
  getRun: RunFile;
  getFrame: FrameImage;
  report: ReportResult;
  importBench: BenchImportResult;
  latency: LatencyMatrix;
  benchModel: LatencyRecord;
  predict: PredictResult;
  layers: LayersResult;
  modelGraph: ModelGraph;
  compare: CompareResult;
  listCompares: StoredCompare[];
  runLab: LabResult;
  listLabs: LabListEntry[];
  getLab: LabDetail;
  exportWorkflow: WorkflowExportResult;
  getSettings: ProjectSettings;
  saveSettings: ProjectSettings;
  demo: DemoResult;
}

/** Methods that are long jobs: they report progress and can be cancelled. */
export const LONG_METHODS: readonly MethodName[] = ['importModel', 'convertModel', 'replay', 'sweep', 'report', 'importBench', 'benchModel', 'predict', 'layers', 'compare', 'runLab', 'demo'];

export type EdgeLabApi = {
  [M in MethodName]: (args: ArgsIn<M>, options?: CallOptions) => Promise<Results[M]>;
};

export const METHOD_NAMES = Object.keys(argSchemas) as MethodName[];

export function isMethodName(x: unknown): x is MethodName {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(argSchemas, x);
}
