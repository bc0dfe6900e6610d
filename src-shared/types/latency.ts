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
  /** First-run ms, when the tool printed it. */
  firstMs?: number;
  /** Cumulative share in the table's order, percent. */
  cdfPercent?: number;
  /** Memory the tool attributed to the op, KB (1024 bytes). */
  memKb?: number;
}

/** Time per op type (TFLite "Summary by node type", or summed per-op rows). */
export interface OpTypeTiming {
  type: string;
  /** Nodes of this type. */
  count?: number;
  avgMs: number;
  percent?: number;
  timesCalled?: number;
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
  /** Per op-type totals, when the tool printed them or ops were known. */
  opTypes?: OpTypeTiming[];
  /** Average warm-up run, ms. */
  warmupMs?: number;
  /** Memory right after init, MB. */
  memoryInitMb?: number;
  /** Flags the tool echoed (TFLite "Num threads: [4]" → { num_threads: '4' }), as printed. */
  flags?: Record<string, string>;
  /** Nodes the delegate took over, e.g. { delegated: 539, total: 548 }. */
  delegatedNodes?: { delegated: number; total: number };
  /** Lines the importer recognised but kept only as notes (e.g. failures before any timing). */
  notes?: string[];
  /** sha256 of the source file's bytes (dedupe key, with the record's index in the file). */
  sourceSha256?: string;
  importedAt?: string;
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
  /** Records for this device × delegate × variant (the newest one is shown). */
  records?: number;
  /** Source format of the shown record. */
  format?: string;
  /** Per-op breakdown of the shown record (where the time goes on this delegate). */
  ops?: OpTiming[];
  opTypes?: OpTypeTiming[];
  /** Detector at its cadence + tracker + embedder, ms per frame (see LatencyMatrix.endToEnd). */
  endToEndMs?: number;
  endToEndWithinBudget?: boolean;
}

/** How endToEndMs was composed. */
export interface EndToEndAssumptions {
  /** Detector runs on every Nth frame. */
  detectEvery: number;
  trackerMs: number;
  /** Embedder variant / model name whose latency is added, when one was named. */
  embedder?: string;
  embedsPerFrame: number;
  /** Cells whose device × delegate had no embedder figure (endToEndMs left out). */
  missingEmbedder: string[];
}

/** Fastest variant of one model on one device × delegate among those that pass the accuracy gate. */
export interface GateChoice {
  device: string;
  delegate: string;
  /** Parent model id the variants belong to. */
  model: string;
  variant: string;
  meanMs: number;
  snrDb?: number;
  withinBudget: boolean;
}

export interface AccuracyGate {
  /** Minimum output SNR vs float32, dB (variants without it are not ranked). */
  minSnrDb: number;
  choices: GateChoice[];
  /** Variants with latency but no degradation figure yet. */
  ungated: string[];
}

export interface LatencyMatrix {
  budgetMs: number;
  devices: string[];
  delegates: string[];
  variants: string[];
  cells: LatencyCell[];
  endToEnd?: EndToEndAssumptions;
  gate?: AccuracyGate;
  /** Records in the workspace. */
  records?: number;
}
