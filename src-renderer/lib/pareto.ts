// Pareto front over size, latency (both minimised) and accuracy (maximised), for the Degradation scatter.
// Written by hand: three objectives over at most a few hundred points, O(n²) is instant and no charting
// library computes dominance.
import type { RunSummary } from '../../src-shared/formats/run';
import type { CompareResult } from '../../src-shared/types/degradation';
import type { LatencyMatrix } from '../../src-shared/types/latency';
import { runName } from '../../src-shared/run-name';

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
  /** The point's name as every view names a run: `<model name> · <kind> · <clip>`. */
  name: string;
  /** "device · delegate" of an imported latency record, or "this machine · <backend>" (the replay's inference mean). */
  device: string;
  /** Where the latency was measured: an imported device record, or this workstation's replay. */
  source: 'device' | 'workstation';
  /**
   * True when the point is on the Pareto front of its own device · delegate (a point measured on this workstation
   * competes only with other workstation points: its latency says nothing about a phone).
   */
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
    const base = { model, kind: run.model.variantKind, name: runName(run), sizeBytes: run.model.sizeBytes, accuracy };
    if (cells.length) for (const c of cells) points.push({ ...base, device: `${c.device} · ${c.delegate}`, source: 'device', latencyMs: c.latencyMs.mean });
    else points.push({ ...base, device: `this machine · ${run.model.backend}`, source: 'workstation', latencyMs: run.inferenceMsMean });
  }
  // One front per device · delegate (workstation points: one group of their own).
  const onFront = new Set<number>();
  const groups = new Map<string, number[]>();
  points.forEach((p, i) => {
    const k = p.source === 'workstation' ? 'workstation' : p.device;
    groups.set(k, [...(groups.get(k) ?? []), i]);
  });
  for (const idx of groups.values()) for (const j of paretoFront(idx.map((i) => points[i]!))) onFront.add(idx[j]!);
  return points.map((p, i) => ({ ...p, front: onFront.has(i) }));
}
