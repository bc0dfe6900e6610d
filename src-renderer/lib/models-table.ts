// The Models & variants table as rows: every workspace model followed by its variants, joined with the latency
// matrix (one column per device · delegate) and the mAP@0.5 drop of stored/computed compares. Pure.
import type { RunSummary } from '../../src-shared/formats/run';
import type { LatencyMatrix } from '../../src-shared/types/latency';
import type { CompareResult } from '../../src-shared/types/degradation';
import type { ModelEntry, ModelFormat, VariantEntry, VariantLineage } from '../../src-shared/types/model';

export interface ModelRow {
  id: string;
  name: string;
  /** Model the row's variant was made from; null for an imported model. */
  parentId: string | null;
  format: ModelFormat;
  kind: string;
  sizeBytes: number;
  snrDb: number | null;
  cosine: number | null;
  /** mAP@0.5 lost against the reference (fraction, newest compare of a run of this model/variant). */
  mapDrop: number | null;
  /** Device column key (`deviceKey`) → mean latency, ms. */
  latencyMs: Record<string, number>;
  lineage: string;
  /** The variant's validation warnings (sentences, e.g. collapsed detection scores); absent or [] when none. */
  warnings?: string[];
}

export const deviceKey = (device: string, delegate: string): string => `${device} · ${delegate}`;

/** Device · delegate columns present in the matrix, sorted. */
export function deviceColumns(m: LatencyMatrix | null): string[] {
  return m ? [...new Set(m.cells.map((c) => deviceKey(c.device, c.delegate)))].sort() : [];
}

const fileName = (p: string) => p.split(/[\\/]/).pop() ?? p;

function latencyFor(id: string, path: string, m: LatencyMatrix | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of m?.cells ?? []) {
    if (c.variant === id || c.variant === fileName(path)) out[deviceKey(c.device, c.delegate)] = c.latencyMs.mean;
  }
  return out;
}

/** "<source id> → int8 (method=percentile, percentile=99.9, frames=8) · calib cup" from a variant's lineage. */
export function lineageText(source: string, v: Pick<VariantEntry, 'kind' | 'settings' | 'lineage'>): string {
  const lin: VariantLineage | undefined = v.lineage;
  const opts = lin?.options ?? v.settings ?? {};
  const parts = Object.entries(opts)
    .filter(([, x]) => x !== undefined && x !== null && !(Array.isArray(x) && x.length === 0))
    .map(([k, x]) => `${k}=${Array.isArray(x) ? x.join('|') : typeof x === 'object' ? JSON.stringify(x) : String(x)}`);
  const calib = lin?.calibration ? ` · calib ${lin.calibration}` : '';
  return `${source} → ${v.kind}${parts.length ? ` (${parts.join(', ')})` : ''}${calib}`;
}

/**
 * Model/variant id → mAP@0.5 drop, from compares whose variant run is known (first one wins: pass newest first).
 * The drop is the `map50_drop` gate's value when checked, else reference − variant mAP@0.5.
 */
export function mapDropById(compares: readonly CompareResult[], runs: readonly RunSummary[]): Record<string, number> {
  const modelOfRun = new Map(runs.map((r) => [r.id, r.model.id]));
  const out: Record<string, number> = {};
  for (const c of compares) {
    const id = modelOfRun.get(c.variant.runId);
    if (!id || id in out) continue;
    const checked = c.verdict.checks.find((k) => k.metric === 'map50_drop')?.value;
    out[id] = checked ?? (c.baselineVsLabels?.detection.map50 ?? 1) - c.detection.map50;
  }
  return out;
}

export function modelRows(models: readonly ModelEntry[], matrix: LatencyMatrix | null, mapDrop: Record<string, number>): ModelRow[] {
  const rows: ModelRow[] = [];
  for (const m of models) {
    rows.push({
      id: m.id,
      name: m.name,
      parentId: null,
      format: m.format,
      kind: 'fp32',
      sizeBytes: m.sizeBytes,
      snrDb: null,
      cosine: null,
      mapDrop: mapDrop[m.id] ?? null,
      latencyMs: latencyFor(m.id, m.path, matrix),
      lineage: `imported from ${m.origin}`,
    });
    for (const v of m.variants) {
      rows.push({
        id: v.id,
        name: `${m.name} · ${v.kind}`,
        parentId: m.id,
        format: v.format,
        kind: v.kind,
        sizeBytes: v.sizeBytes,
        snrDb: v.validation?.snrDb ?? null,
        cosine: v.validation?.cosine ?? null,
        mapDrop: mapDrop[v.id] ?? null,
        latencyMs: latencyFor(v.id, v.path, matrix),
        lineage: lineageText(m.id, v),
        warnings: v.warnings ?? [],
      });
    }
  }
  return rows;
}
