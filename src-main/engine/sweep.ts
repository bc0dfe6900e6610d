// sweep: "how rarely can we detect?" — the clip replayed once per detector cadence (every Nth frame or motion-gated),
// each run compared with the every-frame run (or labels) by `compare` and gated per row; the pick is the lowest
// detector frequency whose row passes. Every run and compare is an ordinary workspace run / stored compare, so a row
// opens in A/B against the reference. The detector runs once per frame, in the every-frame reference replay: the
// other cadences take each frame's boxes from a detection memo (pipeline/detection-memo.ts: exact, the boxes of frame k
// do not depend on the cadence) and only decode, track and write their runs. The decode itself is not shared.
import type { Args } from '../../src-shared/api';
import { gateByKey, metricByKey } from '../../src-shared/metrics/catalogue';
import type { RunSummary } from '../../src-shared/formats/run';
import { EdgeLabError } from '../../src-shared/protocol';
import { SWEEP_METRICS, type SweepCadence, type SweepResult, type SweepRow } from '../../src-shared/types/sweep';
import { checkCancelled, subJob, type JobContext } from '../jobs/context';
import { readRun } from '../pipeline/run-file';
import { DEFAULT_GATES, parseGates } from '../evaluate/gates';
import type { EngineCtx } from './context';
import { compare } from './degradation';
import { replay } from './runs';
import { DetectionMemo } from '../pipeline/detection-memo';

/** Busy time per second of clip above which the detector cannot keep up in real time, ms. */
const REALTIME_MS_PER_SEC = 1000;

export async function sweep(ctx: EngineCtx, args: Args<'sweep'>, job: JobContext): Promise<SweepResult> {
  const gatesSpec = args.failOn ?? DEFAULT_GATES;
  // Bad gates fail before any replay, not after minutes of them.
  for (const g of parseGates(gatesSpec)) if (!gateByKey(g.metric)) throw new EdgeLabError('BAD_INPUT', `gate on unknown metric "${g.metric}"`);
  // The reference (cadence 1) runs first; it is also the cadence-1 row when listed.
  const plan: SweepCadence[] = [1, ...args.cadences.filter((c) => c !== 1)];
  const steps = plan.length;
  const runs = new Map<SweepCadence, RunSummary>();
  const memo = new DetectionMemo();
  for (const [i, c] of plan.entries()) {
    checkCancelled(job);
    const motion = c === 'motion';
    runs.set(
      c,
      await replay(
        ctx,
        {
          model: args.model,
          clip: args.clip,
          frames: args.frames,
          detectEvery: motion ? 1 : c,
          realtime: false,
          scoreThreshold: args.scoreThreshold,
          iouThreshold: args.iouThreshold,
          maxDetections: args.maxDetections,
          thumbnailSize: args.thumbnailSize,
          ...(args.deviceLatencyMs !== undefined ? { deviceLatencyMs: args.deviceLatencyMs } : {}),
          ...(args.device !== undefined ? { device: args.device } : {}),
          ...(motion
            ? {
                detectOn: 'motion' as const,
                ...(args.motionThreshold !== undefined ? { motionThreshold: args.motionThreshold } : {}),
                ...(args.maxIntervalMs !== undefined ? { maxIntervalMs: args.maxIntervalMs } : {}),
              }
            : {}),
        },
        subJob(job, i / steps, (i + 0.9) / steps, `sweep: cadence ${c}`),
        { memo: { memo, mode: i === 0 ? 'record' : 'reuse' } },
      ),
    );
  }
  const ref = runs.get(1)!;
  const refFile = await readRun(ref.dir);
  const latencyMs = refFile.settings.deviceLatencyMs ?? null;
  const seconds = ref.frames / Math.max(1e-9, ref.clip.fps);
  const perSec = (calls: number) => (seconds > 0 ? calls / seconds : 0);
  const rows: SweepRow[] = [];
  for (const [i, c] of args.cadences.entries()) {
    const run = runs.get(c)!;
    const r = await compare(
      ctx,
      {
        baseline: ref.dir,
        variant: run.dir,
        failOn: gatesSpec,
        ...(args.gt !== undefined ? { gt: args.gt } : {}),
        ...(args.classAgnostic ? { classAgnostic: true } : {}),
        ...(args.motClasses !== undefined ? { motClasses: args.motClasses } : {}),
      },
      subJob(job, (plan.indexOf(c) + 0.9) / steps, (plan.indexOf(c) + 1) / steps, `sweep: compare ${i + 1}/${args.cadences.length}`),
    );
    const calls = run.detectorCalls ?? 0;
    const metrics = Object.fromEntries(SWEEP_METRICS.map((k) => [k, metricByKey(k)!.value(r)])) as { [K in (typeof SWEEP_METRICS)[number]]: number | null };
    const busy = latencyMs !== null ? perSec(calls) * latencyMs : undefined;
    rows.push({
      cadence: c,
      detectorCalls: calls,
      detectorCallsPerSec: perSec(calls),
      ...metrics,
      pass: r.verdict.pass,
      failed: r.verdict.checks.filter((k) => k.failed).map((k) => `${k.metric}${k.op}${k.limit}`),
      runId: run.id,
      runDir: run.dir,
      ...(busy !== undefined ? { detectorBusyMsPerSec: busy, withinBudget: busy <= REALTIME_MS_PER_SEC } : {}),
    });
  }
  return {
    reference: {
      kind: args.gt !== undefined ? 'labels' : 'every-frame',
      runId: ref.id,
      runDir: ref.dir,
      ...(args.gt !== undefined ? { file: ctx.policy.resolveInput(args.gt) } : {}),
      frames: ref.frames,
      detectorCallsPerSec: perSec(ref.detectorCalls ?? 0),
    },
    rows,
    pick: pickRow(rows, ref.frames),
    gates: gatesSpec,
    deviceLatencyMs: latencyMs,
    sharedDetections: { recorded: memo.size, reused: memo.reused },
  };
}

/** The passing row with the fewest detector calls (ties: the larger fixed cadence); saving against every frame. */
export function pickRow(rows: readonly SweepRow[], frames: number): SweepResult['pick'] {
  const rank = (c: SweepCadence) => (c === 'motion' ? 0 : c);
  let best: SweepRow | null = null;
  for (const r of rows) {
    if (!r.pass) continue;
    if (!best || r.detectorCalls < best.detectorCalls || (r.detectorCalls === best.detectorCalls && rank(r.cadence) > rank(best.cadence))) best = r;
  }
  if (!best) return null;
  return { cadence: best.cadence, detectorCallsPerSec: best.detectorCallsPerSec, saving: frames > 0 ? 1 - best.detectorCalls / frames : 0 };
}
