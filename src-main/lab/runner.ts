// Runs a lab: spec → plan → cache keys → worker pool of child `edgelab call` processes (one per step) → summary, gates,
// lab report. State lives in <workspace>/labs/<name>/: steps/<key>/ (one folder per finished step, see cache.ts),
// plan.json, report.json, reports/ (copies of the report steps' files under stable names).
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { EdgeLabError, cancelledError } from '../../src-shared/protocol';
import type { LabResult, LabStepResult } from '../../src-shared/types/lab';
import { checkCancelled, type JobContext } from '../jobs/context';
import { sweepTemps, writeFileAtomic, writeJsonAtomic } from '../workspace/atomic';
import { commitAttempt, inputHasher, openAttempt, readDone, stepDir, stepKey, stepsDir, type StepRecord } from './cache';
import { cliEntry, runChild } from './child';
import { planLab, resolveStep, STDOUT_FILE, type LabStep } from './plan';
import { dropTempEntries, openWorkspace, patchRunFile, registerCompares, registerRun, registerVariant, repointReports } from './register';
import { defaultJobs, memoryBudgetMb, runPool, type TaskOutcome } from './pool';
import { loadSpec } from './spec';
import { callArgv } from './step-call';
import { labReport, labVerdicts, summaryRows } from './summary';

export interface RunLabOptions {
  /** Absolute path of the lab YAML. */
  specFile: string;
  /** Workspace folder (children get it as --workspace). */
  workspaceDir: string;
  /** EdgeLab version (part of every cache key). */
  version: string;
  /** EdgeLab's package root: the steps run its built CLI entry (out/main/cli.js). */
  appRoot: string;
  jobs?: number;
  failOn?: string;
  force?: boolean;
  /** Throws when this host may not read a path (confined server); called on every step input. */
  checkInput?: (path: string) => void;
}

/** The step's result JSON with its temp folder's path replaced by its final folder. */
function parseStdout(text: string, tmp: string, final: string, step: LabStep): unknown {
  try {
    return JSON.parse(text.split(tmp).join(final));
  } catch {
    throw new EdgeLabError('INTERNAL', `step ${step.id}: the step's stdout is not one JSON document`);
  }
}

export async function runLabSpec(o: RunLabOptions, job: JobContext): Promise<LabResult> {
  const plan = planLab(loadSpec(o.specFile, o.checkInput));
  for (const s of plan.steps) for (const p of s.inputs) o.checkInput?.(p);
  const labDir = join(o.workspaceDir, 'labs', plan.name);
  o.checkInput?.(labDir); // the lab's state folder too: labs/ or labs/<name> linked out of the roots is refused
  await fs.mkdir(stepsDir(labDir), { recursive: true });
  // Leftovers of a killed run (its children stop within parent-watch's poll period).
  for (const d of [stepsDir(labDir), labDir, join(labDir, 'reports')]) await sweepTemps(d);
  await writeJsonAtomic(join(labDir, 'plan.json'), plan);
  const ws = await openWorkspace(o.workspaceDir);

  const hash = inputHasher();
  const keys = new Map<string, string>();
  for (const s of plan.steps) {
    const inputs = await Promise.all(s.inputs.map(hash));
    keys.set(s.id, stepKey(s, o.version, inputs, s.deps.map((d) => keys.get(d) as string)));
  }
  checkCancelled(job);

  const total = plan.steps.length;
  const records = new Map<string, StepRecord>();
  const results = new Map<string, LabStepResult>();
  const running = new Map<string, number>(); // step id → its own fraction
  const report = (stage: string, message?: string, milestone = false) => {
    const finished = results.size;
    const partial = [...running.values()].reduce((a, b) => a + b, 0);
    job.progress({ stage, done: finished, total, unit: 'steps', fraction: Math.min(1, (finished + partial) / total), ...(message ? { message } : {}), ...(milestone ? { milestone } : {}) });
  };
  const ac = new AbortController();
  const onCancel = () => ac.abort();
  job.signal?.addEventListener('abort', onCancel, { once: true });
  if (job.signal?.aborted) ac.abort();

  const runStep = async (s: LabStep): Promise<TaskOutcome> => {
    const key = keys.get(s.id) as string;
    const cached = o.force ? null : await readDone(labDir, key);
    if (cached) {
      records.set(s.id, cached);
      // Idempotent: also repairs workspaces of earlier versions.
      await registerRun(ws, plan, labDir, s, cached);
      await registerVariant(ws, plan, s, cached);
      results.set(s.id, { id: s.id, kind: s.kind, status: 'cached', key, durationMs: 0 });
      report(s.id, 'cached', true);
      return 'cached';
    }
    const tmp = await openAttempt(labDir, key);
    running.set(s.id, 0);
    report(s.id, 'started', true);
    try {
      const call = resolveStep(s, tmp, (id) => stepDir(labDir, keys.get(id) as string));
      const r = await runChild(callArgv(call), {
        cliEntry: cliEntry(o.appRoot), // checked when a step runs: a fully cached lab needs no built CLI
        workspace: o.workspaceDir,
        cwd: plan.specDir,
        signal: ac.signal,
        onProgress: (f, stage) => {
          if (stage === 'done') return; // the child's last line; the step is done only once published
          running.set(s.id, f);
          report(s.id, stage);
        },
      });
      if (ac.signal.aborted) throw cancelledError();
      if (r.code !== 0) {
        const why = r.stderrTail.filter((l) => l.startsWith('edgelab:')).pop() ?? r.stderrTail.pop() ?? `exit code ${r.code}`;
        throw new EdgeLabError('INTERNAL', `step ${s.id} failed (exit ${r.code}): ${why.replace(/^edgelab:\s*/, '')}`);
      }
      const final = stepDir(labDir, key);
      const record: StepRecord = {
        version: 1,
        id: s.id,
        kind: s.kind,
        key,
        method: s.method,
        args: s.args,
        argv: callArgv(s),
        durationMs: Math.round(r.durationMs),
        finishedAt: new Date().toISOString(),
        stdout: parseStdout(r.stdout, tmp, final, s),
      };
      await writeFileAtomic(join(tmp, STDOUT_FILE), JSON.stringify(record.stdout, null, 2) + '\n');
      await patchRunFile(plan, s, tmp);
      await commitAttempt(labDir, tmp, record);
      await registerRun(ws, plan, labDir, s, record);
      await registerVariant(ws, plan, s, record);
      await repointReports(ws, tmp, final);
      records.set(s.id, record);
      results.set(s.id, { id: s.id, kind: s.kind, status: 'done', key, durationMs: record.durationMs });
      return 'done';
    } catch (e) {
      await fs.rm(tmp, { recursive: true, force: true });
      if (!ac.signal.aborted) results.set(s.id, { id: s.id, kind: s.kind, status: 'failed', key, durationMs: 0, error: (e as Error).message });
      return 'failed';
    } finally {
      running.delete(s.id);
      report(s.id, results.get(s.id)?.status ?? 'cancelled', true);
    }
  };

  const jobs = o.jobs ?? defaultJobs();
  report('plan', `${total} steps, ${jobs} workers`, true);
  const outcome = await runPool(plan.steps, { jobs, budgetMb: memoryBudgetMb(), run: runStep, stop: () => ac.signal.aborted });
  job.signal?.removeEventListener('abort', onCancel);
  if (ac.signal.aborted) {
    await sweepTemps(stepsDir(labDir));
    await dropTempEntries(ws, labDir);
    throw cancelledError();
  }

  // Again at the end: an orphaned child of a killed earlier run may have recreated a temp folder while stopping.
  await sweepTemps(stepsDir(labDir));
  await dropTempEntries(ws, labDir);
  const steps: LabStepResult[] = plan.steps.map(
    (s) => results.get(s.id) ?? { id: s.id, kind: s.kind, status: outcome.get(s.id) === 'skipped' ? 'skipped' : 'failed', key: keys.get(s.id) as string, durationMs: 0 },
  );
  const gates = o.failOn ?? plan.gates;
  const verdicts = labVerdicts(plan, records, gates);
  const summary = summaryRows(plan, records, verdicts);
  await registerCompares(ws, plan, records, verdicts, gates);
  const reports: string[] = [];
  for (const s of plan.steps.filter((x) => x.kind === 'report' && records.has(x.id))) {
    const format = String(s.settings.format);
    const from = join(stepDir(labDir, keys.get(s.id) as string), `report.${format}`);
    const to = join(labDir, 'reports', `${s.settings.model}-${s.settings.clip}.${format}`);
    await writeFileAtomic(to, await fs.readFile(from));
    reports.push(to);
  }
  const labReportFile = join(labDir, 'report.json');
  await writeJsonAtomic(labReportFile, labReport(plan, steps, summary, verdicts, gates, new Date().toISOString()));
  return {
    labDir,
    name: plan.name,
    steps,
    summary,
    gates: verdicts.flatMap((v) => v.checks),
    verdicts,
    passed: verdicts.every((v) => v.pass),
    reports,
    labReport: labReportFile,
  };
}
