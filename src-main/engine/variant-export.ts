// `convert --out` of a registered variant: the file name it was written to is kept on the variant entry.
import type { VariantEntry } from '../../src-shared/types/model';
import type { EngineCtx } from './context';
import { basename } from 'node:path';

/** Notes the file name a registered variant was written to with `--out` (VariantEntry.exportedAs), so a device
 *  benchmark of that very file (`benchmark_model --graph=/data/local/tmp/<name>`) links to the variant on import
 *  (benchmarks/link.ts matches by file name: benchmark logs carry no sha256). */
export async function recordExport(ctx: EngineCtx, variant: VariantEntry, out: string): Promise<VariantEntry> {
  const name = basename(out);
  return ctx.ws.update((m) => {
    const v = m.models.find((x) => x.id === variant.parentId)?.variants.find((x) => x.id === variant.id);
    if (!v) return variant;
    v.exportedAs = [...new Set([...(v.exportedAs ?? []), name])];
    return v;
  });
}
