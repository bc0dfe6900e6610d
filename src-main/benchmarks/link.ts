// Links latency records to workspace variants/models: an explicit id (--variant) first, then the model's
// sha256, then its file name (a variant is also known by the names it was written to with `convert --out`).
// Only a unique match links; an ambiguous name is reported, not guessed.
import type { ModelEntry, VariantEntry } from '../../src-shared/types/model';
import type { ParsedRecord } from './types';

export interface LinkTarget {
  /** Workspace model id, variant id or bundled model id. */
  id: string;
  sha256: string;
  /** File names the target is known by (main file base name, model name). */
  names: string[];
}

const base = (p: string) => p.split(/[\\/]/).pop() ?? p;

/** Every model and variant in the workspace, plus bundled models, as link targets. */
export function linkTargets(models: ModelEntry[], bundled: { id: string; path: string; sha256: string; name: string }[]): LinkTarget[] {
  const out: LinkTarget[] = [];
  for (const m of models) {
    out.push({ id: m.id, sha256: m.sha256, names: [base(m.path), base(m.origin), m.name] });
    for (const v of m.variants as VariantEntry[]) out.push({ id: v.id, sha256: v.sha256, names: [base(v.path), ...(v.exportedAs ?? [])] });
  }
  for (const b of bundled) out.push({ id: b.id, sha256: b.sha256, names: [base(b.path), b.id] });
  return out;
}

/** Variant id for `rec`, or undefined with a reason when the link is ambiguous. */
export function linkRecord(rec: ParsedRecord, targets: LinkTarget[]): { id?: string; ambiguous?: string[] } {
  if (rec.variantId) return { id: rec.variantId };
  if (rec.modelSha256) {
    const hit = targets.find((t) => t.sha256 === rec.modelSha256);
    if (hit) return { id: hit.id };
  }
  if (!rec.model || rec.model === 'unknown') return {};
  const name = base(rec.model);
  const matched = targets.filter((t) => t.names.includes(name));
  const hits = [...new Set(matched.map((t) => t.id))];
  // The same bytes known twice (a bundled model imported into the workspace) are one model: the first
  // (workspace) entry wins.
  if (hits.length === 1 || new Set(matched.map((t) => t.sha256)).size === 1) return hits.length ? { id: hits[0] } : {};
  if (hits.length > 1) return { ambiguous: hits };
  return {};
}
