// runLab: a lab spec run by the lab runner (src-main/lab/runner.ts: cached, resumable steps as child `edgelab call`
// processes; the engine passes in its version and package root). exportWorkflow lives in workflow.ts, listCompares
// in degradation.ts. listLabs / getLab read the labs' reports (labs/<name>/report.json) for the UI's Lab view.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Args, Results } from '../../src-shared/api';
import { EdgeLabError } from '../../src-shared/protocol';
import type { LabDetail, LabListEntry, LabReport } from '../../src-shared/types/lab';
import { LAB_REPORT_SCHEMA, SUMMARY_COLUMNS } from '../lab/summary';
import type { JobContext } from '../jobs/context';
import { runLabSpec } from '../lab/runner';
import { appPackage } from './app-root';
import type { EngineCtx } from './context';
import { listCompares } from './degradation';

export async function runLab(ctx: EngineCtx, args: Args<'runLab'>, job: JobContext): Promise<Results['runLab']> {
  const pkg = appPackage();
  return runLabSpec(
    {
      specFile: ctx.policy.resolveInput(args.spec),
      workspaceDir: ctx.ws.dir,
      version: pkg.version,
      appRoot: pkg.root,
      // The steps' children read with an open policy: every input is checked against this host's policy first.
      checkInput: (p) => void ctx.policy.resolveInput(p),
      ...(args.jobs !== undefined ? { jobs: args.jobs } : {}),
      ...(args.failOn !== undefined ? { failOn: args.failOn } : {}),
      ...(args.force ? { force: true } : {}),
    },
    job,
  );
}

/** labs/<name>/report.json of the workspace, parsed; null when absent or not a lab report. */
async function readLabReport(ctx: EngineCtx, name: string): Promise<LabReport | null> {
  try {
    const r = JSON.parse(await fs.readFile(ctx.ws.path('labs', name, 'report.json'), 'utf8')) as LabReport;
    return r?.schema === LAB_REPORT_SCHEMA && Array.isArray(r.summary) ? r : null;
  } catch {
    return null;
  }
}

export async function listLabs(ctx: EngineCtx): Promise<LabListEntry[]> {
  const names = (await fs.readdir(ctx.ws.path('labs')).catch(() => [] as string[])).filter((n) => !n.startsWith('.')).sort();
  const out: LabListEntry[] = [];
  for (const name of names) {
    const r = await readLabReport(ctx, name);
    if (r) out.push({ name, dir: ctx.ws.path('labs', name), generatedAt: r.generatedAt, gates: r.gates, passed: r.passed, rows: r.summary.length });
  }
  return out;
}

export async function getLab(ctx: EngineCtx, args: Args<'getLab'>): Promise<LabDetail> {
  const dir = ctx.ws.path('labs', args.name);
  const report = await readLabReport(ctx, args.name);
  if (!report) throw new EdgeLabError('NOT_FOUND', `no lab named ${args.name} in this workspace (run it with edgelab run)`, dir);
  const runs: Record<string, string> = {};
  for (const r of (await ctx.ws.read()).runs) if (r.lab?.name === args.name) runs[r.lab.step] = r.id;
  const compares: Record<string, string> = {};
  for (const c of await listCompares(ctx, {})) if (c.lab?.name === args.name && !(c.lab.step in compares)) compares[c.lab.step] = c.id;
  const reportsDir = join(dir, 'reports');
  const reports = (await fs.readdir(reportsDir).catch(() => [] as string[])).filter((n) => !n.startsWith('.')).sort().map((n) => join(reportsDir, n));
  return { name: args.name, dir, report, columns: [...SUMMARY_COLUMNS], runs, compares, reports };
}
