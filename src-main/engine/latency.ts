// Device latency: benchmark-file import, the device × delegate × variant matrix, the workstation runner.
// Records live in <workspace>/latency/records.json (benchmarks/records.ts); parsing is benchmarks/registry.ts.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import type { Args, Results } from '../../src-shared/api';
import type { LatencyRecord } from '../../src-shared/types/latency';
import type { ModelEntry, VariantEntry } from '../../src-shared/types/model';
import { EdgeLabError } from '../../src-shared/protocol';
import { linkRecord, linkTargets } from '../benchmarks/link';
import { buildMatrix, type VariantInfo } from '../benchmarks/matrix';
import { readRecords, recordId, recordsPath, storeRecords } from '../benchmarks/records';
import { MAX_BENCH_BYTES, parseBenchText } from '../benchmarks/registry';
import { readRegularFile } from '../workspace/regular-file';
import { benchOnHost } from '../benchmarks/runner';
import type { ParsedRecord } from '../benchmarks/types';
import { checkCancelled, type JobContext } from '../jobs/context';
import { bundledModelPath, loadBundledModels } from '../models/catalog';
import { findModelOrVariant } from '../workspace/manifest';
import type { EngineCtx } from './context';
import { resolveClip, resolveModel } from './resolve';

/** Clip the workstation runner takes its frames from. */
export const BENCH_CLIP = 'cup';

interface Parsed {
  file: string;
  sha256: string;
  format: string;
  records: ParsedRecord[];
}

async function bundledTargets() {
  return (await loadBundledModels()).map((b) => ({ id: b.id, path: bundledModelPath(b), sha256: b.sha256, name: b.name }));
}

/** Parsed records → stored records: ids, device, links. Runs inside the records lock. */
async function finalise(ctx: EngineCtx, parsed: Parsed[], args: { device?: string; variant?: string }, warnings: string[]): Promise<LatencyRecord[]> {
  const manifest = await ctx.ws.read();
  const bundled = await bundledTargets();
  if (args.variant && !findModelOrVariant(manifest, args.variant) && !bundled.some((b) => b.id === args.variant)) {
    throw new EdgeLabError('NOT_FOUND', `no workspace model/variant or bundled model with id ${args.variant}`);
  }
  const targets = linkTargets(manifest.models, bundled);
  const now = new Date().toISOString();
  const out: LatencyRecord[] = [];
  for (const p of parsed) {
    p.records.forEach((r, i) => {
      const device = r.device || args.device; // --device names devices the file does not
      if (!device) warnings.push(`${p.file}: record ${i + 1} names no device; stored as "unknown" (use --device)`);
      const link = args.variant ? { id: args.variant } : linkRecord(r, targets);
      if (link.ambiguous) warnings.push(`${p.file}: model ${r.model} matches several variants (${link.ambiguous.join(', ')}); not linked (use --variant)`);
      out.push({
        ...r,
        id: recordId(p.sha256, p.format, i),
        device: device ?? 'unknown',
        ...(link.id ? { variantId: link.id } : {}),
        sourceSha256: p.sha256,
        importedAt: now,
      });
    });
  }
  return out;
}

export async function importBench(ctx: EngineCtx, args: Args<'importBench'>, job: JobContext): Promise<Results['importBench']> {
  const warnings: string[] = [];
  const parsed: Parsed[] = [];
  // Everything is parsed before anything is stored: one bad file imports nothing.
  for (const [i, f] of args.files.entries()) {
    checkCancelled(job);
    const file = ctx.policy.resolveInput(f);
    let bytes: Buffer;
    try {
      bytes = await readRegularFile(file, 'benchmark file', MAX_BENCH_BYTES);
    } catch (e) {
      if (e instanceof EdgeLabError && e.code === 'BAD_INPUT') throw e;
      throw new EdgeLabError('NOT_FOUND', 'no such benchmark file', file);
    }
    const r = parseBenchText(bytes.toString('utf8'), file);
    parsed.push({ file, sha256: createHash('sha256').update(bytes).digest('hex'), format: r.format, records: r.records });
    for (const w of args.variant ? r.warnings.filter((x) => !x.includes('link with --variant')) : r.warnings) warnings.push(w);
    job.progress({ stage: 'parse', done: i + 1, total: args.files.length, unit: 'files', fraction: (i + 1) / args.files.length });
  }
  checkCancelled(job);
  ctx.policy.confine(recordsPath(ctx.ws)); // latency/ linked out of the roots: refused before writing
  const { stored, replaced } = await storeRecords(ctx.ws, () => finalise(ctx, parsed, args, warnings));
  if (replaced) warnings.push(`${replaced} record(s) were already imported from the same file content; updated in place`);
  return { records: stored, warnings };
}

/** Parent model and degradation for every workspace model / variant id (and bundled ids as float32 references). */
function variantInfo(models: ModelEntry[], bundledIds: string[]): Map<string, VariantInfo> {
  const m = new Map<string, VariantInfo>();
  for (const b of bundledIds) m.set(b, { parent: b, snrDb: Infinity });
  for (const model of models) {
    m.set(model.id, { parent: model.id, snrDb: Infinity });
    for (const v of model.variants) m.set(v.id, { parent: model.id, snrDb: variantSnr(v) });
  }
  return m;
}

/** Output SNR vs float32 (dB) recorded by variant validation (issue 4), wherever this version finds it. */
export function variantSnr(v: VariantEntry): number | undefined {
  const loose = v as VariantEntry & { validation?: { snrDb?: unknown } };
  const s = v.settings as { validation?: { snrDb?: unknown }; snrDb?: unknown };
  const x = loose.validation?.snrDb ?? s.validation?.snrDb ?? s.snrDb;
  if (v.kind === 'fp32') return Infinity;
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
}

export async function latency(ctx: EngineCtx, args: Args<'latency'>, _job: JobContext): Promise<Results['latency']> {
  const records = await readRecords(ctx.ws);
  const manifest = await ctx.ws.read();
  const bundled = await loadBundledModels();
  return buildMatrix(records, args, variantInfo(manifest.models, bundled.map((b) => b.id)));
}

export async function benchModel(ctx: EngineCtx, args: Args<'benchModel'>, job: JobContext): Promise<Results['benchModel']> {
  const m = await resolveModel(ctx, args.model);
  const clip = await resolveClip(ctx, BENCH_CLIP);
  const rec = await benchOnHost(
    {
      modelFile: m.mainFile,
      format: m.format,
      meta: m.meta,
      runtime: args.runtime,
      threads: args.threads,
      runs: args.runs,
      warmup: args.warmup,
      clipPath: clip.path,
      modelName: basename(m.mainFile),
      modelSha256: m.ref.sha256,
    },
    job,
  );
  checkCancelled(job);
  const variantId = m.variant?.id ?? m.entry?.id ?? m.bundledId;
  // A measurement is its own source: identity = model bytes + host + settings + time (never deduped away).
  const identity = createHash('sha256').update(JSON.stringify([m.ref.sha256, rec.device, rec.delegate, args, Date.now(), process.pid])).digest('hex');
  const stored: LatencyRecord = {
    ...rec,
    id: recordId(identity, rec.format, 0),
    ...(variantId ? { variantId } : {}),
    sourceSha256: identity,
    importedAt: new Date().toISOString(),
  };
  ctx.policy.confine(recordsPath(ctx.ws));
  await storeRecords(ctx.ws, [stored]);
  return stored;
}
