// report: gathers a report's inputs (runs, or a lab's runs and compare pairs), runs the engine's compare on every
// variant × baseline pair, reads the latency matrix, settings and model lineage of the workspace, assembles the
// report JSON (reports/assemble.ts) and writes it in one format, to `out` or to `reports/<id>/report.<ext>`;
// registers the report in the manifest.
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { argSchemas, type Args } from '../../src-shared/api';
import type { ReportJson, ReportResult, ReportSource } from '../../src-shared/types/report';
import { EdgeLabError } from '../../src-shared/protocol';
import { checkCancelled, subJob, type JobContext } from '../jobs/context';
import { DEFAULT_GATES, parseGates } from '../evaluate/gates';
import { assembleReport, type ModelFacts, type ReportPair } from '../reports/assemble';
import type { ReportRunInput } from '../reports/build';
import { labReportSource } from '../reports/lab-source';
import { getReportWriter } from '../reports/registry';
import { readRun } from '../pipeline/replay';
import { buildDirAtomic, registerOrRemove, sweepTemps, writeFileAtomic } from '../workspace/atomic';
import { randomId } from '../workspace/ids';
import { compare } from './degradation';
import type { EngineCtx } from './context';
import { latency } from './latency';
import { resolveRunDir } from './resolve';
import { getSettings } from './settings';

export interface ReportSourceSpec {
  /** Run ids or directories, in report order. */
  runs: string[];
  /** Baseline → variant pairs (run ids or directories, as in `runs`); absent = per clip, first run is the baseline. */
  pairs?: { baseline: string; variant: string; gt?: string; classAgnostic?: boolean }[];
  source: ReportSource;
  title?: string;
  /** Gates of the source (a lab's), used when the call gives none. */
  gates?: string;
  /** Model facts the source knows better than the workspace (a lab's convert steps), by run directory. */
  facts?: Map<string, ModelFacts>;
}

async function readRuns(ctx: EngineCtx, runs: string[], job: JobContext): Promise<{ inputs: ReportRunInput[]; byRef: Map<string, ReportRunInput> }> {
  const inputs: ReportRunInput[] = [];
  const byRef = new Map<string, ReportRunInput>();
  for (const [i, r] of runs.entries()) {
    checkCancelled(job);
    const { dir } = await resolveRunDir(ctx, r);
    const file = await readRun(dir);
    const input = inputs.find((x) => x.file.id === file.id) ?? { file, dir };
    if (!inputs.includes(input)) inputs.push(input);
    byRef.set(r, input);
    job.progress({ stage: 'read runs', done: i + 1, total: runs.length, unit: 'runs', fraction: (i + 1) / runs.length });
  }
  return { inputs, byRef };
}

/** Per clip, the first run of that clip is the baseline of the clip's other runs. */
function defaultPairs(inputs: ReportRunInput[]): { baseline: ReportRunInput; variant: ReportRunInput }[] {
  const first = new Map<string, ReportRunInput>();
  const out: { baseline: ReportRunInput; variant: ReportRunInput }[] = [];
  for (const r of inputs) {
    const b = first.get(r.file.clip.sha256);
    if (b) out.push({ baseline: b, variant: r });
    else first.set(r.file.clip.sha256, r);
  }
  return out;
}

/** SNR/cosine at conversion and lineage of each run's model, from the workspace manifest. */
async function modelFacts(ctx: EngineCtx, inputs: ReportRunInput[], known?: Map<string, ModelFacts>): Promise<Map<string, ModelFacts>> {
  const m = await ctx.ws.read();
  const out = new Map<string, ModelFacts>();
  for (const r of inputs) {
    const k = known?.get(r.dir);
    if (k) {
      out.set(r.file.id, k);
      continue;
    }
    const id = r.file.model.id;
    const variant = id ? m.models.flatMap((x) => x.variants).find((v) => v.id === id) : undefined;
    out.set(r.file.id, {
      snrDb: variant?.validation?.snrDb ?? null,
      cosine: variant?.validation?.cosine ?? null,
      parentId: variant?.parentId ?? null,
      lineage: variant?.lineage ?? null,
    });
  }
  return out;
}

/** Builds the report JSON of `spec`; `failOn` gates every variant's compare (default: the documented gates). */
export async function buildReportFrom(ctx: EngineCtx, spec: ReportSourceSpec, failOn: string | undefined, job: JobContext, generatedAt?: string): Promise<ReportJson> {
  const gates = failOn ?? DEFAULT_GATES;
  parseGates(gates); // BAD_INPUT before any work
  const { inputs, byRef } = await readRuns(ctx, spec.runs, subJob(job, 0, 0.1));
  type PairRuns = { baseline: ReportRunInput; variant: ReportRunInput; gt?: string; classAgnostic?: boolean };
  const pairRuns: PairRuns[] = spec.pairs
    ? spec.pairs.map((p) => {
        const baseline = byRef.get(p.baseline);
        const variant = byRef.get(p.variant);
        if (!baseline || !variant) throw new EdgeLabError('BAD_INPUT', `compare pair ${p.baseline} → ${p.variant} names a run that is not in the report`);
        return { baseline, variant, ...(p.gt ? { gt: p.gt } : {}), ...(p.classAgnostic ? { classAgnostic: true } : {}) };
      })
    : defaultPairs(inputs);
  const pairs: ReportPair[] = [];
  for (const [i, p] of pairRuns.entries()) {
    const sub = subJob(job, 0.1 + (0.4 * i) / pairRuns.length, 0.1 + (0.4 * (i + 1)) / pairRuns.length, 'compare');
    const c = await compare(ctx, { baseline: p.baseline.dir, variant: p.variant.dir, failOn: gates, gt: p.gt, classAgnostic: p.classAgnostic }, sub);
    pairs.push({ baseline: p.baseline.file.id, variant: p.variant.file.id, compare: c });
  }
  checkCancelled(job);
  const matrix = await latency(ctx, argSchemas.latency.parse({}), job);
  const rep = await assembleReport(
    {
      runs: inputs,
      pairs,
      facts: await modelFacts(ctx, inputs, spec.facts),
      latency: matrix.cells.length ? matrix : null,
      settings: await getSettings(ctx),
      source: spec.source,
      gates,
    },
    { title: spec.title, generatedAt },
    subJob(job, 0.5, 1),
  );
  checkCancelled(job);
  return rep;
}

/** Reads the runs (first = baseline per clip) and builds the report JSON (used by demo). */
export async function buildReportOf(ctx: EngineCtx, runs: string[], title: string | undefined, job: JobContext): Promise<ReportJson> {
  return buildReportFrom(ctx, { runs, source: { kind: 'runs', runs }, title }, undefined, job);
}

async function sourceOf(ctx: EngineCtx, args: Args<'report'>): Promise<ReportSourceSpec> {
  if ((args.runs === undefined) === (args.lab === undefined)) {
    throw new EdgeLabError('BAD_INPUT', 'a report is made from runs or from a lab: give exactly one of them');
  }
  if (args.runs) return { runs: args.runs, source: { kind: 'runs', runs: args.runs }, title: args.title };
  const lab = await labReportSource(ctx.ws.path('labs'), ctx.policy.resolveInput(args.lab as string));
  return { ...lab, title: args.title ?? lab.title };
}

export async function report(ctx: EngineCtx, args: Args<'report'>, job: JobContext): Promise<ReportResult> {
  const out = args.out === undefined ? undefined : ctx.policy.resolveOutput(args.out);
  if (out !== undefined && (await fs.stat(out).then((s) => s.isDirectory(), () => false))) {
    throw new EdgeLabError('BAD_INPUT', 'output is a directory; give a file name', out);
  }
  const writer = getReportWriter(args.format);
  writer.preflight?.();
  const spec = await sourceOf(ctx, args);
  const rep = await buildReportFrom(ctx, spec, args.failOn ?? spec.gates, subJob(job, 0, 0.9));
  const data = await writer.output(rep);
  checkCancelled(job);
  let file: string;
  let made: string;
  const id = randomId(args.title ?? 'report');
  if (out !== undefined) {
    file = made = out;
    await sweepTemps(dirname(out)); // leftovers of killed report writes beside this --out
    await writeFileAtomic(file, data);
  } else {
    made = ctx.policy.confine(ctx.ws.path('reports', id));
    file = join(made, `report.${writer.ext}`);
    await buildDirAtomic(made, (tmp) => fs.writeFile(join(tmp, `report.${writer.ext}`), data));
  }
  await registerOrRemove(made, () =>
    ctx.ws.update((m) => {
      m.reports.push({ id, title: rep.title, createdAt: rep.generatedAt, format: args.format, runIds: rep.runs.map((r) => r.id), files: [file] });
    }),
  );
  job.progress({ stage: 'write', fraction: 1 });
  return { files: [file], format: args.format, report: rep };
}
