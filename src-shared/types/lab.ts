// Result of `runLab` (API) / `edgelab run --json`. Owned by the lab runner (issue 9); fields are added, never renamed.
import type { GateCheck } from './degradation';

export type LabStepKind = 'import' | 'convert' | 'validate' | 'replay' | 'compare' | 'import-bench' | 'report' | 'sweep';

export interface LabStepResult {
  /** Stable step id within the lab, e.g. "convert:ssd:fp16". */
  id: string;
  kind: LabStepKind;
  /** done = ran now; cached = result reused (same content hash); failed = error (see `error`). */
  status: 'done' | 'cached' | 'failed' | 'skipped';
  /** Content hash of the step's inputs and settings (hex). */
  key: string;
  durationMs: number;
  error?: string;
}

export interface LabResult {
  /** Absolute path of the lab's state folder in the workspace. */
  labDir: string;
  steps: LabStepResult[];
  /** One row per variant × clip (× device when latency records exist). */
  summary: Record<string, string | number | null>[];
  gates: GateCheck[];
  passed: boolean;
  /** Reports written (absolute paths). */
  reports: string[];
  /** Lab name (the spec's `name`). */
  name?: string;
  /** The gates' verdict per compare step (variant × clip). */
  verdicts?: LabVerdict[];
  /** The lab's own report JSON (labs/<name>/report.json): reproducible, the same bytes for the same inputs (generatedAt aside). */
  labReport?: string;
}

export interface LabVerdict {
  /** Compare step id, e.g. "compare:ssd:fp16:cup". */
  step: string;
  model: string;
  variant: string;
  clip: string;
  pass: boolean;
  checks: GateCheck[];
}

/** The lab report JSON (`labs/<name>/report.json`, schema 'edgelab.lab-report/1'), as written by the runner. */
export interface LabReport {
  schema: string;
  name: string;
  generatedAt: string;
  gates: string | null;
  passed: boolean;
  steps: { id: string; kind: LabStepKind; key: string; ok: boolean }[];
  /** Rows of the summary table (keys: `LabDetail.columns`). */
  summary: Record<string, string | number | null>[];
  verdicts: LabVerdict[];
}

/** One lab of the workspace (`listLabs`): a folder labs/<name>/ with a report.json. */
export interface LabListEntry {
  name: string;
  /** Absolute path of labs/<name>/. */
  dir: string;
  generatedAt: string;
  gates: string | null;
  passed: boolean;
  rows: number;
}

/** `getLab`: a lab's report with what the UI needs to open its pairs. */
export interface LabDetail {
  name: string;
  dir: string;
  report: LabReport;
  /** Summary columns in display order (the CLI's table: the metric catalogue's `inSummary` entries among them). */
  columns: string[];
  /** Workspace runs made by the lab's replay steps: step id (e.g. "replay:face:fp16:cup") → run id. */
  runs: Record<string, string>;
  /** Stored compares made by the lab's compare steps: step id → stored compare id. */
  compares: Record<string, string>;
  /** Reports the lab copied under stable names (absolute paths, labs/<name>/reports/). */
  reports: string[];
}

export interface WorkflowExportResult {
  out: string;
  target: 'argo' | 'kubeflow';
  /** Number of steps/tasks in the emitted workflow. */
  steps: number;
}
