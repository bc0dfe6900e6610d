// The versioned report JSON: the source of every other report format (HTML, PDF = printed HTML, CSV).
// Documented in docs/report-format.md. Version 2 added source, variants, latency, gates, settings, lineage.
import type { RunSummary, Detection, RunSettings } from '../formats/run';
import type { CompareEventKind, GateCheck } from './degradation';
import type { LatencyMatrix } from './latency';
import type { ProjectSettings } from './settings';
import type { VariantLineage } from './model';
import type { ReportMetricValues } from '../metrics/catalogue';

export const REPORT_SCHEMA = 'edgelab.report';
export const REPORT_VERSION = 2;

/** Report file formats (the JSON is the source of the three others). */
export type ReportFormat = 'html' | 'pdf' | 'csv' | 'json';

/** Detection agreement of a variant run against a baseline run on the same clip (baseline = pseudo ground truth). */
export interface RunComparison {
  baselineRunId: string;
  variantRunId: string;
  /** Frames compared (both runs detected on them). */
  frames: number;
  /** Greedy one-to-one matching per frame and class at IoU >= iouThreshold. */
  iouThreshold: number;
  precision: number;
  recall: number;
  f1: number;
  /** Mean IoU of matched pairs. */
  meanIoU: number;
  /** Mean |score difference| of matched pairs. */
  meanScoreDelta: number;
  /** Variant size / baseline size. */
  sizeRatio: number;
  /** Variant mean inference ms / baseline mean inference ms. */
  latencyRatio: number;
}

export interface KeyFrame {
  runId: string;
  frame: number;
  ptsMs: number;
  why: string;
  detections: Detection[];
  /** Baseline detections of the same frame, when this is a variant's key frame. */
  baselineDetections?: Detection[];
  /** Thumbnail as a data: URL (JPEG) so that the HTML stays self-contained. */
  image?: string;
  /** v2: the compare event that picked this frame (absent for first-box / disagreement picks). */
  event?: { kind: CompareEventKind; detail: string };
}

/**
 * v2: the compare metrics of a variant run vs its baseline run (engine `compare`), flattened; null = not measured.
 * Keys, their order and value types (number, or number | null for embedding scores) come from the metric catalogue
 * (src-shared/metrics/catalogue.ts, the entries with `inReport`).
 */
export interface VariantMetrics extends ReportMetricValues {
  /** Compare events by kind (missed, extra, flicker, id-switch, drift). */
  events: Record<string, number>;
}

/** v2: one row of the variant table: a run of a model/variant on a clip, with its baseline run on the same clip. */
export interface VariantRow {
  runId: string;
  /** null for a baseline row. */
  baselineRunId: string | null;
  model: string;
  /** Workspace model/variant id, when the run's model came from the workspace. */
  modelId: string | null;
  variantKind: string;
  format: string;
  runtime: string;
  backend: string;
  clip: string;
  clipSha256: string;
  sizeBytes: number;
  /** Variant size / baseline size; null for a baseline. */
  sizeRatio: number | null;
  /** Output agreement with the float32 parent at conversion (variant validation), dB / cosine; null = not validated. */
  snrDb: number | null;
  cosine: number | null;
  /** Host inference ms per detector frame (this machine, replay). */
  inferenceMsMean: number;
  inferenceMsP90: number;
  detectionsPerFrame: number;
  firstBoxMs: number | null;
  /** LatencyCell.variant values that measure this row's model (workspace id, file name, bundled folder, a lab's bench links). */
  latencyKeys: string[];
  metrics: VariantMetrics | null;
  /** Gate verdict of this variant's compare; null for a baseline. */
  pass: boolean | null;
  checks: GateCheck[];
}

/** v2: what the report was made from. */
export type ReportSource =
  | { kind: 'runs'; runs: string[] }
  | { kind: 'lab'; labDir: string; spec: string | null; name: string | null };

/** v2: where each run's model comes from. */
export interface LineageEntry {
  runId: string;
  model: string;
  modelSha256: string;
  modelPath: string;
  /** Parent model id of a workspace variant. */
  parentId: string | null;
  variant: VariantLineage | null;
  clip: string;
  clipSha256: string;
}

export interface ReportJson {
  schema: typeof REPORT_SCHEMA;
  version: typeof REPORT_VERSION;
  /** ISO time; the only field allowed to differ between two reports of the same inputs. */
  generatedAt: string;
  title: string;
  runs: RunSummary[];
  comparisons: RunComparison[];
  keyFrames: KeyFrame[];
  /** Per run: inference ms per frame, in frame order (null where the detector did not run). */
  series: { runId: string; inferenceMs: (number | null)[]; boxes: number[] }[];
  /** Per run (in `runs` order): the replay settings, for the report's settings section. */
  runSettings?: { runId: string; settings: RunSettings }[];
  /** v2 fields (always written by version 2; optional so that version-1 files still type-check when read). */
  source?: ReportSource;
  variants?: VariantRow[];
  /** Device × delegate × variant matrix of the workspace's latency records (null: no records). */
  latency?: LatencyMatrix | null;
  /** Every variant's gate checks; pass = no check failed. */
  gates?: { spec: string; pass: boolean; checks: (GateCheck & { runId: string })[] };
  /** Project settings of the workspace (overlay designer…). */
  settings?: ProjectSettings | null;
  lineage?: LineageEntry[];
}

export interface ReportResult {
  /** Files written (absolute paths). */
  files: string[];
  format: ReportFormat;
  report: ReportJson;
}
