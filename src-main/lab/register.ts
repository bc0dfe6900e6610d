// Registers what lab steps made in the workspace, with the paths they have once published. A step's child
// (`edgelab call replay|compare …`) writes into the step's temp folder and registers that temp path; the runner
// renames the folder in afterwards, so it is the runner that makes the workspace tell the truth:
// - before the rename, a replay step's run.json gets the parent model's name and the real variant kind (the child
//   only saw `…/model.onnx`, an fp32-looking file);
// - after the rename, the run is (re-)registered in the manifest with its final folder and the lab's name, and
//   entries pointing into a temp folder of this lab are dropped;
// - at the end, each stored compare made by a compare step carries the lab's name, step and gates, and its verdict
//   is the one under the lab's gates (what the lab summary shows).
import { parseGates, verdict } from '../evaluate/gates';
import { promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ConvertResult } from '../../src-shared/api';
import type { ModelEntry, VariantEntry } from '../../src-shared/types/model';
import { RUN_FILE, type RunSummary } from '../../src-shared/formats/run';
import type { StoredCompare } from '../../src-shared/types/degradation';
import type { LabVerdict } from '../../src-shared/types/lab';
import { bundledModelPath, findBundledModel } from '../models/catalog';
import { TMP_MARK, writeJsonAtomic } from '../workspace/atomic';
import { Workspace } from '../workspace/workspace';
import type { StepRecord } from './cache';
import type { LabPlan, LabStep } from './plan';

/**
 * The name runs of a lab model carry: the bundled model's name, else the lab's model id (a path model's file stem,
 * `model.json`, names nothing).
 */
export function labModelName(plan: LabPlan, modelId: string): string {
  const base = plan.steps.find((s) => s.kind === 'replay' && s.settings.model === modelId && s.settings.variant === 'fp32');
  const ref = base ? String((base.args as { model?: unknown }).model ?? '') : '';
  return findBundledModel(ref)?.name ?? modelId;
}

/** What a replay step's run is: its model's name and variant kind ('fp32' for the model itself). */
function runIdentity(plan: LabPlan, step: LabStep): { name: string; variantKind: string } {
  return { name: labModelName(plan, String(step.settings.model)), variantKind: String(step.settings.variant) };
}

/** Before the rename: a replay step's run.json (in `tmp`/run) names the parent model and the real variant kind. */
export async function patchRunFile(plan: LabPlan, step: LabStep, tmp: string): Promise<void> {
  if (step.kind !== 'replay') return;
  const file = join(tmp, 'run', RUN_FILE);
  const run = JSON.parse(await fs.readFile(file, 'utf8')) as { model: { name: string; variantKind: string } };
  Object.assign(run.model, runIdentity(plan, step));
  await writeJsonAtomic(file, run);
}

const inTemp = (dir: string, labDir: string) => dir.startsWith(join(labDir, 'steps') + sep) && dir.includes(TMP_MARK);

/**
 * After the rename (or for a cached step): the replay step's run in the manifest, with its final folder, model
 * name, variant kind and lab; every entry of the same run id, of the same folder, or inside a temp folder of this
 * lab is replaced.
 */
export async function registerRun(ws: Workspace, plan: LabPlan, labDir: string, step: LabStep, record: StepRecord): Promise<void> {
  if (step.kind !== 'replay') return;
  const s = record.stdout as RunSummary;
  const dir = join(labDir, 'steps', record.key, 'run');
  const summary: RunSummary = { ...s, dir, runDir: dir, model: { ...s.model, ...runIdentity(plan, step) }, lab: { name: plan.name, step: step.id } };
  await ws.update((m) => {
    m.runs = m.runs.filter((r) => r.id !== summary.id && r.dir !== dir && !inTemp(r.dir, labDir)).concat(summary);
  });
}

/** At the end of a lab run: entries of steps that failed or were cancelled (runs, reports inside a temp folder of this lab) go. */
export async function dropTempEntries(ws: Workspace, labDir: string): Promise<void> {
  const m0 = await ws.read();
  const stale = m0.runs.some((r) => inTemp(r.dir, labDir)) || m0.reports.some((r) => r.files.some((f) => inTemp(f, labDir)));
  if (!stale) return;
  await ws.update((m) => {
    m.runs = m.runs.filter((r) => !inTemp(r.dir, labDir));
    m.reports = m.reports.filter((r) => !r.files.some((f) => inTemp(f, labDir)));
  });
}

/**
 * After the rename (or for a cached step): a convert step's variant in the manifest, under its parent model, with
 * its final path (workspace-relative) and the lab's name. The parent is the workspace model of the same content
 * when the user imported it; else, for a bundled model, an entry made for it that references the bundled file
 * (absolute path, origin `lab <name>`), so `edgelab models` and the Models view list the lab's variants. A path
 * model that is not in the workspace gets no entry (its runs still carry its name).
 */
export async function registerVariant(ws: Workspace, plan: LabPlan, step: LabStep, record: StepRecord): Promise<void> {
  if (step.kind !== 'convert') return;
  const r = record.stdout as ConvertResult & { variant: VariantEntry & { lineage?: { sourceSha256?: string } } };
  const sourceSha = r.variant?.lineage?.sourceSha256;
  if (!sourceSha || !r.output) return;
  const bundled = findBundledModel(String((step.args as { model?: unknown }).model ?? ''));
  const variant: VariantEntry & { lab: { name: string; step: string } } = { ...r.variant, path: relative(ws.dir, r.output), lab: { name: plan.name, step: step.id } };
  await ws.update((m) => {
    let parent = m.models.find((x) => x.sha256 === sourceSha);
    if (!parent) {
      if (!bundled) return;
      const entry: ModelEntry = {
        id: bundled.id,
        name: bundled.name,
        format: bundled.format,
        path: bundledModelPath(bundled),
        sizeBytes: r.sourceSizeBytes,
        sha256: sourceSha,
        importedAt: new Date().toISOString(),
        origin: `lab ${plan.name}`,
        meta: bundled.meta,
        variants: [],
      };
      if (m.models.some((x) => x.id === entry.id)) return; // an unrelated model holds the id: leave it alone
      m.models.push(entry);
      parent = entry;
    }
    variant.parentId = parent.id;
    const others = parent.variants.filter((v) => v.path !== variant.path);
    // The same conversion in another lab (or imported) keeps its entry: this one's id then names the lab.
    if (others.some((v) => v.id === variant.id)) variant.id = `${variant.id}-${plan.name}`;
    parent.variants = others.filter((v) => v.id !== variant.id).concat(variant);
  });
}

/**
 * After the rename: report entries the step's child registered with files in its temp folder `tmp` point at the
 * step's final folder `final` instead (a report step's `out` is inside its temp folder).
 */
export async function repointReports(ws: Workspace, tmp: string, final: string): Promise<void> {
  const m0 = await ws.read();
  if (!m0.reports.some((r) => r.files.some((f) => f.startsWith(tmp + sep)))) return;
  await ws.update((m) => {
    for (const r of m.reports) r.files = r.files.map((f) => (f.startsWith(tmp + sep) ? final + f.slice(tmp.length) : f));
  });
}

/**
 * The stored compares (`compares/*.json`) of the lab's compare steps, matched by their two run folders: they get
 * the lab's name, step and gates, and their verdict under the lab's gates (unchanged when the lab has none).
 */
export async function registerCompares(ws: Workspace, plan: LabPlan, records: Map<string, StepRecord>, verdicts: LabVerdict[], gates: string | undefined): Promise<void> {
  const byDirs = new Map<string, { step: LabStep; verdict?: LabVerdict }>();
  for (const s of plan.steps.filter((x) => x.kind === 'compare')) {
    const r = records.get(s.id)?.stdout as StoredCompare['result'] | undefined;
    if (r) byDirs.set(`${r.baseline.dir}\0${r.variant.dir}`, { step: s, verdict: verdicts.find((v) => v.step === s.id) });
  }
  const dir = ws.path('compares');
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
  for (const n of names) {
    const file = join(dir, n);
    let c: StoredCompare;
    try {
      c = JSON.parse(await fs.readFile(file, 'utf8')) as StoredCompare;
    } catch {
      continue; // listCompares names the bad file
    }
    const hit = c?.result?.baseline && byDirs.get(`${c.result.baseline.dir}\0${c.result.variant.dir}`);
    if (!hit) continue;
    const next: StoredCompare = { ...c, lab: { name: plan.name, step: hit.step.id, gates: gates ?? null } };
    if (gates !== undefined && hit.verdict) {
      // Under the lab's gates, from this compare's own numbers: a report step's compare of the same pair may score
      // against the baseline where the compare step scored against labels.
      next.gates = gates;
      next.result = { ...c.result, verdict: verdict(c.result, parseGates(gates)) };
    }
    if (JSON.stringify(next) !== JSON.stringify(c)) await writeJsonAtomic(file, next);
  }
}

/** Opens the workspace the steps wrote to (the runner's own handle for manifest updates). */
export const openWorkspace = (dir: string) => Workspace.open(dir);
