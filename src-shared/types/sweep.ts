// Result of `sweep` (API) / `edgelab sweep --json`: one replay per detector cadence of a clip, each compared with the
// every-frame run (or labels), gated, and the pick — the lowest detector frequency whose row passes the gates.
// Units: calls per second of clip; fractions in [0,1]; times in ms.
import type { MetricKey } from '../metrics/catalogue';

/** A cadence value: every Nth frame (N ≥ 1), or motion-gated detection. */
export type SweepCadence = number | 'motion';

/** "1,2,3,5,8,motion" → cadences (integers in [1, 1000] and/or `motion`, at least one, no repeats); a string = the problem. */
export function parseCadenceList(v: string): SweepCadence[] | string {
  const items = v.split(',').map((s) => s.trim());
  if (items.every((s) => s === '')) return 'expected a comma-separated list of cadences (integers >= 1 or motion)';
  const out: SweepCadence[] = [];
  for (const s of items) {
    if (s === 'motion') out.push('motion');
    else if (/^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 1000) out.push(Number(s));
    else return `cadence "${s}" is not an integer in [1, 1000] or motion`;
  }
  if (new Set(out).size !== out.length) return 'a cadence is listed twice';
  return out;
}

/** The experience columns of every row, metric catalogue keys (src-shared/metrics/catalogue.ts), in order. */
export const SWEEP_METRICS = ['map50', 'idf1', 'hota', 'flickerPerMin', 'jitter', 'lagFrames', 'timeToFirstBoxMs'] as const satisfies readonly MetricKey[];
export type SweepMetric = (typeof SWEEP_METRICS)[number];

export type SweepRow = { [K in SweepMetric]: number | null } & {
  cadence: SweepCadence;
  /** Frames the detector started on. */
  detectorCalls: number;
  /** detectorCalls per second of replayed clip (frames / fps). */
  detectorCallsPerSec: number;
  /** No gate failed. */
  pass: boolean;
  /** Gates that failed, as written (`map50_drop>0.01`). */
  failed: string[];
  /** The row's run (workspace run id and directory): open it in A/B against the reference run. */
  runId: string;
  runDir: string;
  /** With a device latency: estimated detector busy time per second of clip, ms (calls/s × latency) — the heat proxy. */
  detectorBusyMsPerSec?: number;
  /** With a device latency: the detector's busy time fits in real time (busy ≤ 1000 ms per s). */
  withinBudget?: boolean;
};

export interface SweepResult {
  /** What every row was scored against: the every-frame run (cadence 1), or labels (with the every-frame run as baseline). */
  reference: { kind: 'every-frame' | 'labels'; runId: string; runDir: string; file?: string; frames: number; detectorCallsPerSec: number };
  rows: SweepRow[];
  /** Largest cadence (fewest detector calls/s) whose row passes; null when none passes. */
  pick: { cadence: SweepCadence; detectorCallsPerSec: number; saving: number } | null;
  /** The gates applied to every row (compare's failOn syntax). */
  gates: string;
  /** Simulated device latency every replay ran with, ms (null: none). */
  deviceLatencyMs: number | null;
  /**
   * Detector runs shared: the reference replay ran the detector on `recorded` frames; the other cadences took the boxes
   * of `reused` detector frames from it instead of running the model (exact: see src-main/pipeline/detection-memo.ts).
   */
  sharedDetections?: { recorded: number; reused: number };
}
