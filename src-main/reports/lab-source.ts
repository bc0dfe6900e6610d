// A lab as a report source: its replay steps' runs (plan order) and its compare steps as baseline → variant pairs,
// read from the lab's state folder (<workspace>/labs/<name>/: plan.json, report.json with every step's cache key,
// steps/<key>/ holding each finished step's outputs — see src-main/lab/runner.ts). Accepts the state folder or the
// lab.yaml (whose `name` locates the folder in the workspace's labs folder, which the caller passes in).
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import type { ReportSource } from '../../src-shared/types/report';
import type { ArgsIn, ConvertResult } from '../../src-shared/api';
import type { BenchImportResult } from '../../src-shared/types/latency';
import { STDOUT_FILE } from '../lab/plan';
import type { ModelFacts } from './assemble';
import { stepDir } from '../lab/cache';
import type { LabPlan } from '../lab/plan';
import { loadSpec, specPath } from '../lab/spec';

export interface LabReportSource {
  /** Run directories, in plan order. */
  runs: string[];
  /** With the labels file and matching mode of the lab's compare step, so the report scores as the lab did. */
  pairs: { baseline: string; variant: string; gt?: string; classAgnostic?: boolean }[];
  source: ReportSource;
  title: string;
  /** The lab's gates (compare --fail-on syntax), when it set some. */
  gates?: string;
  /** Variant kind, validation and lineage of each variant run (from its convert step), by run directory. */
  facts: Map<string, ModelFacts>;
}

interface LabStateReport {
  name: string;
  gates: string | null;
  steps: { id: string; key: string; ok: boolean }[];
}

async function readJson<T>(file: string, what: string): Promise<T> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new EdgeLabError('NOT_FOUND', `${what} not found: has the lab been run (edgelab run <lab.yaml>)?`, file);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new EdgeLabError('BAD_INPUT', `${what} is not valid JSON`, file);
  }
}

/** The lab's state folder: `lab` itself when it is a folder, else <labsDir>/<spec name>. */
async function labDirOf(labsDir: string, lab: string): Promise<string> {
  const st = await fs.stat(lab).catch(() => {
    throw new EdgeLabError('NOT_FOUND', 'lab folder or lab.yaml not found', lab);
  });
  if (st.isDirectory()) return lab;
  return join(labsDir, loadSpec(lab).spec.name);
}

/** `labsDir`: the workspace's labs folder (<workspace>/labs), where a lab.yaml's state folder is looked up. */
export async function labReportSource(labsDir: string, lab: string): Promise<LabReportSource> {
  const labDir = await labDirOf(labsDir, lab);
  const plan = await readJson<LabPlan>(join(labDir, 'plan.json'), 'lab plan (plan.json)');
  const state = await readJson<LabStateReport>(join(labDir, 'report.json'), 'lab state (report.json)');
  if (!Array.isArray(plan.steps) || !Array.isArray(state.steps)) throw new EdgeLabError('BAD_INPUT', 'lab state lacks its steps', labDir);
  const done = new Map(state.steps.filter((s) => s.ok).map((s) => [s.id, s.key]));
  const runOf = (id: string) => {
    const key = done.get(id);
    return key === undefined ? undefined : join(stepDir(labDir, key), 'run');
  };
  const runs = plan.steps.filter((s) => s.kind === 'replay').map((s) => runOf(s.id)).filter((d): d is string => d !== undefined);
  if (!runs.length) throw new EdgeLabError('BAD_INPUT', 'the lab has no finished replay step to report on', labDir);
  const stdoutOf = <T>(id: string, key: string) => readJson<T>(join(stepDir(labDir, key), STDOUT_FILE), `step ${id} result`);
  // Latency records the lab imported for "<model>/<variant>": the matrix names them by variantKey (record.variantId ?? record.model).
  const benchKeys = new Map<string, string[]>();
  for (const s of plan.steps.filter((x) => x.kind === 'import-bench' && done.has(x.id) && x.settings.model !== null)) {
    const r = await stdoutOf<BenchImportResult>(s.id, done.get(s.id) as string);
    const k = `${s.settings.model}/${s.settings.variant}`;
    benchKeys.set(k, [...(benchKeys.get(k) ?? []), ...(r.records ?? []).map((x) => x.variantId ?? x.model)]);
  }
  const facts = new Map<string, ModelFacts>();
  for (const s of plan.steps.filter((x) => x.kind === 'replay')) {
    const run = runOf(s.id);
    const { model, variant } = s.settings as { model?: string; variant?: string };
    if (!run || !variant || !model) continue;
    const common = { modelName: model, variantKind: variant, latencyKeys: benchKeys.get(`${model}/${variant}`) ?? [] };
    const convertKey = done.get(`convert:${model}:${variant}`);
    if (variant === 'fp32' || convertKey === undefined) {
      facts.set(run, { ...common, snrDb: null, cosine: null, parentId: null, lineage: null });
      continue;
    }
    const c = await stdoutOf<ConvertResult>(`convert:${model}:${variant}`, convertKey);
    facts.set(run, {
      ...common,
      snrDb: c.validation?.snrDb ?? null,
      cosine: c.validation?.cosine ?? null,
      parentId: c.variant?.parentId ?? null,
      lineage: c.variant?.lineage ?? null,
    });
  }
  const pairs: LabReportSource['pairs'] = [];
  for (const s of plan.steps.filter((x) => x.kind === 'compare' && done.has(x.id))) {
    const [b, v] = s.deps.map(runOf);
    if (!b || !v) continue;
    // The compare step's args are what the lab ran: its gt path is relative to the spec.
    const a = s.args as ArgsIn<'compare'>;
    const gt = a.gt !== undefined ? specPath(plan.specDir, a.gt) : undefined;
    pairs.push({ baseline: b, variant: v, ...(gt ? { gt } : {}), ...(a.classAgnostic ? { classAgnostic: true } : {}) });
  }
  return {
    runs,
    pairs,
    source: { kind: 'lab', labDir, spec: plan.specFile ?? null, name: plan.name ?? state.name ?? null },
    title: `Lab ${plan.name ?? state.name}`,
    ...(state.gates ? { gates: state.gates } : {}),
    facts,
  };
}
