// Result of `runLab` (API) / `edgelab run --json`. Owned by the lab runner (issue 9); fields are added, never renamed.
import type { GateCheck } from './degradation';

export type LabStepKind = 'import' | 'convert' | 'validate' | 'replay' | 'compare' | 'import-bench' | 'report';

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

export interface WorkflowExportResult {
  out: string;
  target: 'argo' | 'kubeflow';
  /** Number of steps/tasks in the emitted workflow. */
  steps: number;
}
