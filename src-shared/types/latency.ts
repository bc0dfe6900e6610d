// Device latency records: what benchmark tools printed, normalised. One record = one device × delegate × model run.
// Times are milliseconds, memory megabytes (MB = 2^20 bytes), as converted from the tool's own units.

export interface LatencyStats {
  mean: number;
  median?: number;
  p90?: number;
  std?: number;
  min?: number;
  max?: number;
  count?: number;
}

export interface OpTiming {
  /** Node/op name as the tool printed it. */
  name: string;
  /** Op type (e.g. CONV_2D, Conv). */
  type: string;
  /** Average ms per invocation of the whole model. */
  avgMs: number;
  /** Share of the total, percent. */
  percent?: number;
  timesCalled?: number;
  provider?: string;
}

export interface LatencyRecord {
  id: string;
  /** Importer that produced it, e.g. 'tflite-benchmark', 'ort-perf-test', 'edgelab-template', 'workstation'. */
  format: string;
  device: string;
  os?: string;
  runtime?: string;
  runtimeVersion?: string;
  /** Delegate / execution provider, e.g. 'cpu', 'gpu', 'nnapi', 'xnnpack', 'CPUExecutionProvider'. */
  delegate: string;
  threads?: number;
  /** Model file name as the tool printed it. */
  model: string;
  modelSha256?: string;
  /** Linked workspace variant or model id, when known. */
  variantId?: string;
  initMs?: number;
  firstInferenceMs?: number;
  latencyMs: LatencyStats;
  memoryMb?: number;
  ops?: OpTiming[];
  source: { file: string; line?: number };
}

export interface BenchImportResult {
  records: LatencyRecord[];
  warnings: string[];
}

export interface LatencyCell {
  device: string;
  delegate: string;
  /** Variant id, or the model file name when no variant is linked. */
  variant: string;
  recordId: string;
  latencyMs: LatencyStats;
  withinBudget: boolean;
}

export interface LatencyMatrix {
  budgetMs: number;
  devices: string[];
  delegates: string[];
  variants: string[];
  cells: LatencyCell[];
}
