// The device × delegate × variant latency matrix (pure: records in, matrix out). One cell per key shows the
// newest record; budget, end-to-end estimate and the accuracy gate are computed from the cells.
//   end-to-end ms/frame = detector mean / detectEvery + trackerMs + embedder mean × embedsPerFrame
// (the embedder's figure is taken from the same device × delegate; without it the estimate is left out).
// Gate: per device × delegate × parent model, the fastest variant whose output SNR vs float32 is ≥ minSnrDb;
// the float32 model itself is the reference and always passes. Variants without an SNR are listed as ungated.
import type { AccuracyGate, GateChoice, LatencyCell, LatencyMatrix, LatencyRecord } from '../../src-shared/types/latency';

export interface MatrixOptions {
  budgetMs: number;
  detectEvery: number;
  trackerMs: number;
  embedder?: string;
  embedsPerFrame: number;
  minSnrDb: number;
}

/** What the workspace knows about a variant key: its parent model and degradation (undefined = unknown). */
export interface VariantInfo {
  parent: string;
  /** Output SNR vs float32, dB; Infinity for the float32 reference itself. */
  snrDb?: number;
}

export const variantKey = (r: LatencyRecord): string => r.variantId ?? r.model;
const cellKey = (device: string, delegate: string, variant: string) => `${device}\u0000${delegate}\u0000${variant}`;

/** Newer first: importedAt, then source line (later runs in one file are newer). */
function newer(a: LatencyRecord, b: LatencyRecord): boolean {
  const ta = a.importedAt ?? '';
  const tb = b.importedAt ?? '';
  if (ta !== tb) return ta > tb;
  return (a.source.line ?? 0) > (b.source.line ?? 0);
}

export function buildMatrix(records: LatencyRecord[], opts: MatrixOptions, variants: Map<string, VariantInfo> = new Map()): LatencyMatrix {
  const chosen = new Map<string, { rec: LatencyRecord; n: number }>();
  for (const r of records) {
    const k = cellKey(r.device, r.delegate, variantKey(r));
    const cur = chosen.get(k);
    if (!cur) chosen.set(k, { rec: r, n: 1 });
    else chosen.set(k, { rec: newer(r, cur.rec) ? r : cur.rec, n: cur.n + 1 });
  }
  const cells: LatencyCell[] = [...chosen.values()].map(({ rec, n }) => ({
    device: rec.device,
    delegate: rec.delegate,
    variant: variantKey(rec),
    recordId: rec.id,
    latencyMs: rec.latencyMs,
    withinBudget: rec.latencyMs.mean <= opts.budgetMs,
    records: n,
    format: rec.format,
    ...(rec.ops ? { ops: rec.ops } : {}),
    ...(rec.opTypes ? { opTypes: rec.opTypes } : {}),
  }));
  cells.sort((a, b) => a.device.localeCompare(b.device) || a.delegate.localeCompare(b.delegate) || a.latencyMs.mean - b.latencyMs.mean);

  const missingEmbedder: string[] = [];
  const isEmbedder = (c: LatencyCell) => opts.embedder !== undefined && c.variant === opts.embedder;
  for (const c of cells) {
    if (isEmbedder(c)) continue;
    let e2e = c.latencyMs.mean / opts.detectEvery + opts.trackerMs;
    if (opts.embedder !== undefined) {
      const emb = cells.find((x) => isEmbedder(x) && x.device === c.device && x.delegate === c.delegate);
      if (!emb) {
        const where = `${c.device} / ${c.delegate}`;
        if (!missingEmbedder.includes(where)) missingEmbedder.push(where);
        continue;
      }
      e2e += emb.latencyMs.mean * opts.embedsPerFrame;
    }
    c.endToEndMs = e2e;
    c.endToEndWithinBudget = e2e <= opts.budgetMs;
  }

  const uniq = (xs: string[]) => [...new Set(xs)].sort();
  return {
    budgetMs: opts.budgetMs,
    devices: uniq(cells.map((c) => c.device)),
    delegates: uniq(cells.map((c) => c.delegate)),
    variants: uniq(cells.map((c) => c.variant)),
    cells,
    endToEnd: {
      detectEvery: opts.detectEvery,
      trackerMs: opts.trackerMs,
      ...(opts.embedder ? { embedder: opts.embedder } : {}),
      embedsPerFrame: opts.embedsPerFrame,
      missingEmbedder,
    },
    gate: accuracyGate(cells, variants, opts),
    records: records.length,
  };
}

export function accuracyGate(cells: LatencyCell[], variants: Map<string, VariantInfo>, opts: Pick<MatrixOptions, 'minSnrDb' | 'budgetMs'>): AccuracyGate {
  const best = new Map<string, GateChoice>();
  const ungated = new Set<string>();
  for (const c of cells) {
    const info = variants.get(c.variant);
    if (!info) continue;
    if (info.snrDb === undefined) {
      ungated.add(c.variant);
      continue;
    }
    if (info.snrDb < opts.minSnrDb) continue;
    const k = `${c.device}\u0000${c.delegate}\u0000${info.parent}`;
    const cur = best.get(k);
    if (!cur || c.latencyMs.mean < cur.meanMs) {
      best.set(k, {
        device: c.device,
        delegate: c.delegate,
        model: info.parent,
        variant: c.variant,
        meanMs: c.latencyMs.mean,
        ...(Number.isFinite(info.snrDb) ? { snrDb: info.snrDb } : {}),
        withinBudget: c.latencyMs.mean <= opts.budgetMs,
      });
    }
  }
  return { minSnrDb: opts.minSnrDb, choices: [...best.values()], ungated: [...ungated].sort() };
}
