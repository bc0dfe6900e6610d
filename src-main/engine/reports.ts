// report: builds the ReportJson of runs (first = baseline) and writes it in one format, to `out` or to
// `reports/<id>/report.<ext>`; registers the report in the manifest.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Args } from '../../src-shared/api';
import type { ReportJson, ReportResult } from '../../src-shared/types/report';
import { EdgeLabError } from '../../src-shared/protocol';
import { checkCancelled, subJob, type JobContext } from '../jobs/context';
import { buildReport } from '../reports/build';
import { getReportWriter } from '../reports/registry';
import { readRun } from '../pipeline/replay';
import { buildDirAtomic, writeFileAtomic } from '../workspace/atomic';
import { randomId } from '../workspace/ids';
import type { EngineCtx } from './context';
import { resolveRunDir } from './resolve';

/** Reads the runs and builds the report JSON. */
export async function buildReportOf(ctx: EngineCtx, runs: string[], title: string | undefined, job: JobContext): Promise<ReportJson> {
  const loaded = [];
  for (const [i, r] of runs.entries()) {
    checkCancelled(job);
    const { dir } = await resolveRunDir(ctx, r);
    loaded.push({ file: await readRun(dir), dir });
    job.progress({ stage: 'read runs', done: i + 1, total: runs.length, unit: 'runs', fraction: (0.5 * (i + 1)) / runs.length });
  }
  const report = await buildReport(loaded, { title }, subJob(job, 0.5, 1));
  checkCancelled(job);
  return report;
}

export async function report(ctx: EngineCtx, args: Args<'report'>, job: JobContext): Promise<ReportResult> {
  const out = args.out === undefined ? undefined : ctx.policy.resolveOutput(args.out);
  if (out !== undefined && (await fs.stat(out).then((s) => s.isDirectory(), () => false))) {
    throw new EdgeLabError('BAD_INPUT', 'output is a directory; give a file name', out);
  }
  const rep = await buildReportOf(ctx, args.runs, args.title, job);
  const writer = getReportWriter(args.format);
  const data = writer.render(rep);
  let file: string;
  const id = randomId(args.title ?? 'report');
  if (out !== undefined) {
    file = out;
    await writeFileAtomic(file, data);
  } else {
    const dir = ctx.ws.path('reports', id);
    file = join(dir, `report.${writer.ext}`);
    await buildDirAtomic(dir, (tmp) => fs.writeFile(join(tmp, `report.${writer.ext}`), data));
  }
  await ctx.ws.update((m) => {
    m.reports.push({ id, title: rep.title, createdAt: rep.generatedAt, format: args.format, runIds: rep.runs.map((r) => r.id), files: [file] });
  });
  job.progress({ stage: 'write', fraction: 1 });
  return { files: [file], format: args.format, report: rep };
}
