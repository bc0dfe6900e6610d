// compare: degradation metrics of a variant run against a baseline run (pseudo ground truth) or a labels file.
// Reads both runs (and labels), then runs each metric family of src-main/evaluate on the shared sequences, and keeps
// the result in the workspace (`compares/<id>.json`, listed by `listCompares`).
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { Args } from '../../src-shared/api';
import { EdgeLabError } from '../../src-shared/protocol';
import type { CompareResult, StoredCompare } from '../../src-shared/types/degradation';
import { checkCancelled, type JobContext } from '../jobs/context';
import { readEmbeddings, readRun } from '../pipeline/replay';
import { correspond } from '../evaluate/correspond';
import { detectionScores } from '../evaluate/detection';
import { embeddingScores } from '../evaluate/embedding';
import { compareEvents } from '../evaluate/events';
import { experienceScores, labelFlips } from '../evaluate/experience';
import { DEFAULT_GATES, parseGates, verdict } from '../evaluate/gates';
import { againstLabels } from '../evaluate/against-labels';
import { MAX_LABELS_BYTES, readLabels, type Labels } from '../evaluate/ground-truth';
import { readRegularFile } from '../workspace/regular-file';
import { classAgnostic, durationMs, onlyClasses, runSequence, truncate } from '../evaluate/sequence';
import { classTracking } from '../evaluate/tracking';
import { writeJsonAtomic } from '../workspace/atomic';
import type { EngineCtx } from './context';
import { resolveRunDir } from './resolve';

const STAGES = 6;

export async function compare(ctx: EngineCtx, args: Args<'compare'>, job: JobContext): Promise<CompareResult> {
  const gates = parseGates(args.failOn ?? DEFAULT_GATES);
  const step = (done: number, stage: string) => {
    checkCancelled(job);
    job.progress({ stage, done, total: STAGES, unit: 'stages', fraction: done / STAGES });
  };
  const b = await resolveRunDir(ctx, args.baseline);
  const v = await resolveRunDir(ctx, args.variant);
  const baseRun = await readRun(b.dir);
  const varRun = await readRun(v.dir);
  if (baseRun.clip.sha256 !== varRun.clip.sha256) {
    throw new EdgeLabError('BAD_INPUT', `runs are of different clips (${baseRun.clip.name} vs ${varRun.clip.name})`, v.dir);
  }
  step(1, 'read runs');
  let base = runSequence(baseRun);
  let variant = runSequence(varRun);
  const n0 = Math.min(base.frames.length, variant.frames.length);
  base = truncate(base, n0);
  variant = truncate(variant, n0);
  let ref = base;
  let labelsFile: string | undefined;
  let labels: Labels | undefined;
  if (args.gt !== undefined) {
    labelsFile = ctx.policy.resolveInput(args.gt);
    labels = await readLabels(labelsFile, base, {
      motClasses: args.motClasses,
      read: async (f) => (await readRegularFile(f, 'labels file', MAX_LABELS_BYTES)).toString('utf8'),
    });
    ref = labels.seq;
    base = truncate(base, ref.frames.length);
    variant = truncate(variant, ref.frames.length);
  }
  step(2, 'read labels');
  // Labels still count as label flips; everything else matches boxes of any class with each other.
  const shownVariant = variant;
  if (labels) {
    // As TrackEval prepares a tracker's boxes: unscored labels dropped, predictions on distractors removed.
    base = againstLabels(ref, base, labels.predictions);
    variant = againstLabels(ref, variant, labels.predictions);
  }
  if (args.classes) {
    const same = ref === base;
    base = onlyClasses(base, args.classes);
    variant = onlyClasses(variant, args.classes);
    ref = same ? base : onlyClasses(ref, args.classes);
  }
  if (args.classAgnostic) {
    const same = ref === base;
    base = classAgnostic(base);
    variant = classAgnostic(variant);
    ref = same ? base : classAgnostic(ref);
  }
  const detection = detectionScores(ref, variant);
  step(3, 'detection');
  const tracking = classTracking(ref, variant);
  step(4, 'tracking');
  const corr = correspond(ref, variant);
  const experience = { ...experienceScores(ref, base, variant, corr), labelFlips: labelFlips(shownVariant) };
  const events = compareEvents(ref, variant, corr);
  step(5, 'experience');
  // Embeddings compare with the baseline pipeline's vectors whatever the reference: baseline track → variant track.
  const toVariant = ref === base ? corr.major : correspond(base, variant).major;
  const trackMap = new Map<number, number>();
  for (const [bt, vt] of toVariant) if (!trackMap.has(vt)) trackMap.set(vt, bt);
  const embedding = embeddingScores(
    { items: baseRun.embeddings?.items ?? [], vectors: await readEmbeddings(b.dir, baseRun) },
    { items: varRun.embeddings?.items ?? [], vectors: await readEmbeddings(v.dir, varRun) },
    trackMap,
  );
  step(6, 'embedding');
  const who = (id: string | undefined, dir: string, r: typeof baseRun) => ({ runId: id ?? r.id, dir, model: r.model.name, variantKind: r.model.variantKind });
  const result: Omit<CompareResult, 'verdict'> = {
    baseline: who(b.id, b.dir, baseRun),
    variant: who(v.id, v.dir, varRun),
    reference: {
      ...(labelsFile ? { kind: 'labels' as const, file: labelsFile } : { kind: 'baseline' as const }),
      frames: ref.frames.length,
      ...(args.classAgnostic ? { classAgnostic: true } : {}),
      ...(args.classes ? { classes: [...args.classes] } : {}),
      ...(labels?.motClasses ? { motClasses: labels.motClasses } : {}),
    },
    detection,
    tracking,
    experience,
    embedding,
    events,
    ...(labelsFile ? { baselineVsLabels: { detection: detectionScores(ref, base), tracking: classTracking(ref, base) } } : {}),
    frames: variant.frames.length,
    durationMs: durationMs(variant),
  };
  const full: CompareResult = { ...result, verdict: verdict({ ...result, verdict: { pass: true, checks: [] } }, gates) };
  checkCancelled(job);
  await storeCompare(ctx, args, full, baseRun.clip.name, baseRun.model, varRun.model);
  return full;
}

/**
 * Stored compare id: hash of what decides the result (the two run directories, labels file, options), so a
 * repeated compare replaces its earlier file instead of piling up copies.
 */
export function compareId(baselineDir: string, variantDir: string, args: Pick<Args<'compare'>, 'gt' | 'failOn' | 'classAgnostic' | 'motClasses' | 'classes'>): string {
  // The MOT preset and the class scope enter the key only when set, so earlier compares keep their ids.
  const mot = args.motClasses && args.motClasses !== 'all' ? [args.motClasses] : [];
  const classes = args.classes ? [{ classes: [...args.classes].sort() }] : [];
  const key = JSON.stringify([baselineDir, variantDir, args.gt ?? null, args.failOn ?? null, args.classAgnostic === true, ...mot, ...classes]);
  return 'cmp-' + createHash('sha256').update(key).digest('hex').slice(0, 16);
}

type ModelRef = { id?: string; name: string; variantKind: string };
const modelKey = (m: ModelRef) => m.id ?? `${m.name} (${m.variantKind})`;

async function storeCompare(ctx: EngineCtx, args: Args<'compare'>, r: CompareResult, clip: string, bm: ModelRef, vm: ModelRef): Promise<void> {
  const stored: StoredCompare = {
    id: compareId(r.baseline.dir, r.variant.dir, args),
    baseline: r.baseline.runId,
    variant: r.variant.runId,
    baselineModel: modelKey(bm),
    variantModel: modelKey(vm),
    clip,
    gt: r.reference.file ?? null,
    createdAt: new Date().toISOString(),
    result: r,
    gates: args.failOn ?? DEFAULT_GATES,
  };
  await writeJsonAtomic(ctx.policy.confine(ctx.ws.path('compares', `${stored.id}.json`)), stored);
}

/**
 * Stored compares, newest first; with `run` (workspace run id or run directory) only those whose baseline or
 * variant is that run. A file that is not a stored compare is a BAD_INPUT naming it.
 */
export async function listCompares(ctx: EngineCtx, args: Args<'listCompares'>): Promise<StoredCompare[]> {
  const dir = ctx.ws.path('compares');
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
  const out: StoredCompare[] = [];
  for (const n of names) {
    const file = ctx.policy.confine(ctx.ws.path('compares', n)); // a stored compare linked outside is not read
    let s: StoredCompare;
    try {
      s = JSON.parse(await fs.readFile(file, 'utf8')) as StoredCompare;
    } catch {
      throw new EdgeLabError('BAD_INPUT', 'stored compare is not valid JSON', file);
    }
    if (typeof s?.id !== 'string' || typeof s.createdAt !== 'string' || typeof s.result?.baseline?.dir !== 'string') {
      throw new EdgeLabError('BAD_INPUT', 'stored compare lacks id, createdAt or result', file);
    }
    out.push(s);
  }
  let hits = out;
  if (args.run !== undefined) {
    const run = args.run;
    const m = await ctx.ws.read();
    const dir = m.runs.find((r) => r.id === run)?.dir ?? ctx.policy.resolveInput(run);
    const involves = (who: CompareResult['baseline']) => who.runId === run || who.dir === dir;
    hits = out.filter((s) => involves(s.result.baseline) || involves(s.result.variant));
  }
  return hits.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}
