// Assembles the version-2 report JSON: the per-clip detection agreement and key frames of build.ts, plus the
// variant table (size, SNR, compare metrics vs baseline), compare-event key frames, the latency matrix, gate
// verdict, settings and lineage. Deterministic: output order follows the input run order and pair order; nothing
// reads the clock except a missing `generatedAt`.
import { basename, dirname } from 'node:path';
import type { CompareEvent, CompareResult, GateCheck } from '../../src-shared/types/degradation';
import type { LatencyMatrix } from '../../src-shared/types/latency';
import type { VariantLineage } from '../../src-shared/types/model';
import type { KeyFrame, LineageEntry, ReportJson, ReportSource, VariantMetrics, VariantRow } from '../../src-shared/types/report';
import type { ProjectSettings } from '../../src-shared/types/settings';
import { EVENT_KINDS, REPORT_METRICS, type ReportMetricValues } from '../../src-shared/metrics/catalogue';
import { EdgeLabError } from '../../src-shared/protocol';
import { checkCancelled, silentJob, subJob, type JobContext } from '../jobs/context';
import { buildReport, keyFrameOf, runSummary, type BuildReportOptions, type ReportRunInput } from './build';

/** Compare events turned into key frames, per variant. */
export const KEY_EVENTS_PER_VARIANT = 3;
/** Event kinds in the order they are picked for key frames (the most visible to users first). */
const EVENT_PRIORITY = ['missed', 'extra', 'id-switch', 'drift', 'flicker'] as const;

export interface ReportPair {
  /** Run ids (RunFile.id) of the baseline and the variant; both in `runs`, same clip. */
  baseline: string;
  variant: string;
  compare: CompareResult;
}

/** What the workspace knows about a run's model (a workspace variant's validation and lineage). */
export interface ModelFacts {
  /** Variant kind when the run's own record cannot tell (a lab variant replayed from a file path). */
  variantKind?: string;
  /** Display name when the run's own is a file name (a lab's model id). */
  modelName?: string;
  /** Latency matrix variant keys (LatencyCell.variant) known to measure this run's model (a lab's import-bench steps). */
  latencyKeys?: string[];
  snrDb: number | null;
  cosine: number | null;
  parentId: string | null;
  lineage: VariantLineage | null;
}

export interface AssembleInput {
  /** Every run once, in report order. */
  runs: ReportRunInput[];
  pairs: ReportPair[];
  /** By run id. */
  facts: Map<string, ModelFacts>;
  latency: LatencyMatrix | null;
  settings: ProjectSettings | null;
  source: ReportSource;
  /** Gate spec the compares were judged with. */
  gates: string;
}

/** Groups of [baseline, ...variants]: one per baseline named by a pair, then per clip for runs no pair names. */
export function groupRuns(runs: ReportRunInput[], pairs: { baseline: string; variant: string }[]): ReportRunInput[][] {
  const byId = new Map(runs.map((r) => [r.file.id, r]));
  const get = (id: string) => {
    const r = byId.get(id);
    if (!r) throw new EdgeLabError('BAD_INPUT', `compare pair names run ${id}, which is not among the report's runs`);
    return r;
  };
  const groups = new Map<string, ReportRunInput[]>();
  const named = new Set<string>();
  for (const p of pairs) {
    const g = groups.get(p.baseline) ?? [get(p.baseline)];
    if (!g.some((r) => r.file.id === p.variant)) g.push(get(p.variant));
    groups.set(p.baseline, g);
    named.add(p.baseline).add(p.variant);
  }
  const byClip = new Map<string, ReportRunInput[]>();
  for (const r of runs) {
    if (named.has(r.file.id)) continue;
    const g = byClip.get(r.file.clip.sha256) ?? [];
    g.push(r);
    byClip.set(r.file.clip.sha256, g);
  }
  return [...groups.values(), ...byClip.values()];
}

/** Up to `count` events, most visible kinds first, at least `minGap` frames apart; then in frame order. */
export function pickEvents(events: CompareEvent[], count: number, minGap: number): CompareEvent[] {
  const rank = (e: CompareEvent) => EVENT_PRIORITY.indexOf(e.kind as (typeof EVENT_PRIORITY)[number]);
  const ranked = [...events].sort((a, b) => rank(a) - rank(b) || a.frame - b.frame);
  const picked: CompareEvent[] = [];
  for (const e of ranked) {
    if (picked.length >= count) break;
    if (picked.every((p) => Math.abs(p.frame - e.frame) >= minGap)) picked.push(e);
  }
  return picked.sort((a, b) => a.frame - b.frame);
}

/** The report's `metrics` of a compare: the catalogue's `inReport` entries in catalogue order, then event counts. */
export function flattenMetrics(c: CompareResult): VariantMetrics {
  const events: Record<string, number> = {};
  for (const k of EVENT_KINDS) events[k] = 0;
  for (const e of c.events) events[e.kind] = (events[e.kind] ?? 0) + 1;
  const values = Object.fromEntries(REPORT_METRICS.map((m) => [m.key, m.value(c)])) as ReportMetricValues;
  return { ...values, events };
}

function variantRow(r: ReportRunInput, pair: ReportPair | undefined, base: ReportRunInput | undefined, facts: ModelFacts | undefined): VariantRow {
  const f = r.file;
  const s = f.summary;
  return {
    runId: f.id,
    baselineRunId: pair ? pair.baseline : null,
    model: facts?.modelName ?? f.model.name,
    modelId: f.model.id ?? null,
    variantKind: facts?.variantKind ?? f.model.variantKind,
    format: f.model.format,
    runtime: f.model.runtime,
    backend: f.model.backend,
    clip: f.clip.name,
    clipSha256: f.clip.sha256,
    sizeBytes: f.model.sizeBytes,
    sizeRatio: base && base.file.model.sizeBytes > 0 ? f.model.sizeBytes / base.file.model.sizeBytes : null,
    snrDb: facts?.snrDb ?? null,
    cosine: facts?.cosine ?? null,
    inferenceMsMean: s.inferenceMsMean,
    inferenceMsP90: s.inferenceMsP90,
    detectionsPerFrame: s.detectionsPerFrame,
    firstBoxMs: s.firstBoxMs,
    latencyKeys: latencyKeys(r, facts),
    metrics: pair ? flattenMetrics(pair.compare) : null,
    pass: pair ? pair.compare.verdict.pass : null,
    checks: pair ? pair.compare.verdict.checks : [],
  };
}

/** Names a latency record may give this run's model: workspace id, file name, bundled model folder, and the source's own. */
function latencyKeys(r: ReportRunInput, facts: ModelFacts | undefined): string[] {
  const m = r.file.model;
  const names = [m.id, basename(m.path), basename(dirname(m.path)), ...(facts?.latencyKeys ?? [])].filter((x): x is string => !!x);
  return [...new Set(names)];
}

function lineageOf(r: ReportRunInput, facts: ModelFacts | undefined): LineageEntry {
  const f = r.file;
  return {
    runId: f.id,
    model: facts?.modelName ?? f.model.name,
    modelSha256: f.model.sha256,
    modelPath: f.model.path,
    parentId: facts?.parentId ?? null,
    variant: facts?.lineage ?? null,
    clip: f.clip.name,
    clipSha256: f.clip.sha256,
  };
}

async function eventKeyFrames(input: AssembleInput, byId: Map<string, ReportRunInput>, job: JobContext): Promise<KeyFrame[]> {
  const out: KeyFrame[] = [];
  for (const [i, p] of input.pairs.entries()) {
    checkCancelled(job);
    const v = byId.get(p.variant) as ReportRunInput;
    const b = byId.get(p.baseline) as ReportRunInput;
    const minGap = Math.max(1, Math.round(p.compare.frames / (2 * KEY_EVENTS_PER_VARIANT)));
    for (const e of pickEvents(p.compare.events, KEY_EVENTS_PER_VARIANT, minGap)) {
      // Event frames index the compared sequence, i.e. the run's frames in order.
      const frame = [...v.file.frames].sort((x, y) => x.index - y.index)[e.frame]?.index ?? e.frame;
      const k = await keyFrameOf(v, frame, `${e.kind}: ${e.detail}`, b);
      out.push({ ...k, event: { kind: e.kind, detail: e.detail } });
    }
    job.progress({ stage: 'event frames', done: i + 1, total: input.pairs.length, unit: 'variants', fraction: (i + 1) / input.pairs.length });
  }
  return out;
}

export async function assembleReport(input: AssembleInput, opts: BuildReportOptions = {}, job: JobContext = silentJob): Promise<ReportJson> {
  if (input.runs.length === 0) throw new EdgeLabError('BAD_INPUT', 'a report needs at least one run');
  const byId = new Map(input.runs.map((r) => [r.file.id, r]));
  const groups = groupRuns(input.runs, input.pairs);
  const parts: ReportJson[] = [];
  for (const [i, g] of groups.entries()) {
    parts.push(await buildReport(g, { generatedAt: 'x' }, subJob(job, (0.7 * i) / groups.length, (0.7 * (i + 1)) / groups.length, 'agreement')));
  }
  const events = await eventKeyFrames(input, byId, subJob(job, 0.7, 1, 'key frames'));
  const order = new Map(input.runs.map((r, i) => [r.file.id, i]));
  const seenKey = new Set<string>();
  const keyFrames: KeyFrame[] = [];
  for (const k of [...parts.flatMap((p) => p.keyFrames), ...events]) {
    const id = `${k.runId}@${k.frame}`;
    if (seenKey.has(id)) continue;
    seenKey.add(id);
    keyFrames.push(k);
  }
  keyFrames.sort((a, b) => (order.get(a.runId) ?? 0) - (order.get(b.runId) ?? 0) || a.frame - b.frame);
  const pairOf = new Map(input.pairs.map((p) => [p.variant, p]));
  const first = input.runs[0].file;
  const checks: (GateCheck & { runId: string })[] = input.pairs.flatMap((p) => p.compare.verdict.checks.map((c) => ({ runId: p.variant, ...c })));
  const series = new Map(parts.flatMap((p) => p.series).map((x) => [x.runId, x]));
  return {
    schema: parts[0].schema,
    version: parts[0].version,
    generatedAt: opts.generatedAt ?? new Date().toISOString(),
    title: opts.title ?? `${first.model.name} on ${first.clip.name}`,
    runs: input.runs.map((r) => {
      const s = runSummary(r.file, r.dir);
      const f = input.facts.get(r.file.id);
      return f ? { ...s, model: { ...s.model, name: f.modelName ?? s.model.name, variantKind: f.variantKind ?? s.model.variantKind } } : s;
    }),
    comparisons: parts.flatMap((p) => p.comparisons),
    keyFrames,
    series: input.runs.map((r) => series.get(r.file.id) as ReportJson['series'][number]),
    runSettings: input.runs.map((r) => ({ runId: r.file.id, settings: r.file.settings })),
    source: input.source,
    variants: input.runs.map((r) => {
      const p = pairOf.get(r.file.id);
      return variantRow(r, p, p ? byId.get(p.baseline) : undefined, input.facts.get(r.file.id));
    }),
    latency: input.latency,
    gates: { spec: input.gates, pass: checks.every((c) => !c.failed), checks },
    settings: input.settings,
    lineage: input.runs.map((r) => lineageOf(r, input.facts.get(r.file.id))),
  };
}
