// Pareto front over size, latency (both minimised) and accuracy (maximised), for the Degradation scatter.
// Written by hand: three objectives over at most a few hundred points, O(n²) is instant and no charting
// library computes dominance.
import type { RunSummary } from '../../src-shared/formats/run';
import type { CompareResult } from '../../src-shared/types/degradation';
import type { LatencyMatrix } from '../../src-shared/types/latency';

export interface ParetoPoint {
  /** Bytes on disk. */
  sizeBytes: number;
  /** Mean latency, ms. */
  latencyMs: number;
  /** Higher is better (e.g. mAP@0.5 in [0, 1]). */
  accuracy: number;
}

/** True when `a` is at least as good as `b` on every objective and strictly better on one. */
export function dominates(a: ParetoPoint, b: ParetoPoint): boolean {
  const noWorse = a.sizeBytes <= b.sizeBytes && a.latencyMs <= b.latencyMs && a.accuracy >= b.accuracy;
  const better = a.sizeBytes < b.sizeBytes || a.latencyMs < b.latencyMs || a.accuracy > b.accuracy;
  return noWorse && better;
}

/** Indices (ascending) of the points no other point dominates. Points with a non-finite objective are left out. */
export function paretoFront(points: readonly ParetoPoint[]): number[] {
  const ok = (p: ParetoPoint) => [p.sizeBytes, p.latencyMs, p.accuracy].every(Number.isFinite);
  const front: number[] = [];
  points.forEach((p, i) => {
    if (ok(p) && !points.some((q, j) => j !== i && ok(q) && dominates(q, p))) front.push(i);
  });
  return front;
}

export interface VariantPoint extends ParetoPoint {
  /** Model / variant id of the run. */
  model: string;
  kind: string;
  /** "device · delegate" of an imported latency record, or "this machine · <backend>" (the replay's inference mean). */
  device: string;
  /** True when the point is on the Pareto front (computed over all points). */
  front: boolean;
}

/**
 * One point per compared model × device/delegate: accuracy is the run's mAP@0.5 against the compare's reference
 * (the baseline run scores its reference value: 1 against itself, its own mAP against labels); latency comes from
 * the latency matrix when records are linked to the model id, else from the replay on this machine.
 */
export function paretoPoints(compares: readonly CompareResult[], runs: readonly RunSummary[], matrix: LatencyMatrix | null): VariantPoint[] {
  const runById = new Map(runs.map((r) => [r.id, r]));
  const acc = new Map<string, { run: RunSummary; accuracy: number }>();
  for (const c of compares) {
    const b = runById.get(c.baseline.runId);
    const v = runById.get(c.variant.runId);
    if (b && !acc.has(b.model.id ?? b.id)) acc.set(b.model.id ?? b.id, { run: b, accuracy: c.baselineVsLabels?.detection.map50 ?? 1 });
    if (v && !acc.has(v.model.id ?? v.id)) acc.set(v.model.id ?? v.id, { run: v, accuracy: c.detection.map50 });
  }
  const points: Omit<VariantPoint, 'front'>[] = [];
  for (const [model, { run, accuracy }] of acc) {
    const cells = (matrix?.cells ?? []).filter((c) => c.variant === model);
    const base = { model, kind: run.model.variantKind, sizeBytes: run.model.sizeBytes, accuracy };
    if (cells.length) for (const c of cells) points.push({ ...base, device: `${c.device} · ${c.delegate}`, latencyMs: c.latencyMs.mean });
    else points.push({ ...base, device: `this machine · ${run.model.backend}`, latencyMs: run.inferenceMsMean });
  }
  const front = new Set(paretoFront(points));
  return points.map((p, i) => ({ ...p, front: front.has(i) }));
}
