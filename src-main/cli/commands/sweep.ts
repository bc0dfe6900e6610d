// `edgelab sweep`: the clip replayed once per detector cadence, each run compared with the every-frame run (or
// labels) and gated; prints the rows and the pick (lowest detector frequency that passes). See docs/cadence.md.
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { ArgsIn } from '../../../src-shared/api';
import { DEFAULT_GATES, GATES } from '../../../src-shared/metrics/catalogue';
import { MOT_PRESETS, type MotPreset } from '../../../src-shared/metrics/mot-classes';
import { parseCadenceList, type SweepCadence, type SweepResult } from '../../../src-shared/types/sweep';
import { runMethod } from '../run';
import { fractionArg, globals, intArg, msArg, positiveFraction, positiveMs } from './args';

/** --cadence parser: parseCadenceList's problem becomes a usage error. */
export function cadenceListArg(v: string): SweepCadence[] {
  const r = parseCadenceList(v);
  if (typeof r === 'string') throw new InvalidArgumentError(r);
  return r;
}

interface SweepOpts {
  model: string;
  clip: string;
  frames: number;
  cadence: SweepCadence[];
  failOn?: string;
  gt?: string;
  classAgnostic?: boolean;
  motClasses: MotPreset;
  deviceLatency?: number;
  device?: string;
  motionThreshold?: number;
  maxIntervalMs?: number;
  score: number;
  thumbnailSize?: number;
}

const num = (x: number | null, d: number) => (x === null ? 'n/a' : x.toFixed(d));

function sweepLines(r: SweepResult): string[] {
  return [
    `reference: ${r.reference.kind === 'labels' ? `labels ${r.reference.file}` : 'every-frame run'} ${r.reference.runId}, ${r.reference.frames} frames; gates ${r.gates}`,
    ...r.rows.map(
      (w) =>
        `cadence ${String(w.cadence).padEnd(6)} ${num(w.detectorCallsPerSec, 2).padStart(6)} calls/s  mAP@.5 ${num(w.map50, 3)}  IDF1 ${num(w.idf1, 3)}  HOTA ${num(w.hota, 3)}  ` +
        `flicker/min ${num(w.flickerPerMin, 2)}  jitter ${num(w.jitter, 4)}  lag ${num(w.lagFrames, 0)}  first box ${num(w.timeToFirstBoxMs, 0)} ms` +
        (w.detectorBusyMsPerSec !== undefined ? `  busy ${w.detectorBusyMsPerSec.toFixed(0)} ms/s${w.withinBudget ? '' : ' (over budget)'}` : '') +
        `  ${w.pass ? 'PASS' : `FAIL ${w.failed.join(', ')}`}`,
    ),
    r.pick
      ? `pick: cadence ${r.pick.cadence}, ${r.pick.detectorCallsPerSec.toFixed(2)} detector calls/s, ${(100 * r.pick.saving).toFixed(0)} % of detector calls saved`
      : 'pick: none (no cadence passes the gates)',
  ];
}

export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('replay a clip once per detector cadence, compare each with every-frame detection, pick the lowest passing frequency')
    .requiredOption('--model <model>', 'model file, workspace model/variant id or bundled id')
    .requiredOption('--clip <video>', 'video file or bundled clip id')
    .option('--frames <n>', 'frames from the start of the clip (0 = all)', intArg(0), 0)
    .requiredOption('--cadence <list>', 'cadences, comma-separated: every Nth frame (integers >= 1) and/or motion, e.g. 1,2,3,5,8,motion', cadenceListArg)
    .option('--fail-on <gates>', `gates per row, e.g. "map50_drop>0.05,flickerPerMin>2" (metrics: ${GATES.map((g) => g.key).join(', ')}; default ${DEFAULT_GATES})`)
    .option('--gt <file>', 'labels: MOTChallenge gt.txt or COCO-style JSON (rows scored against them)')
    .option('--class-agnostic', 'ignore classes when matching boxes')
    .addOption(new Option('--mot-classes <preset>', 'MOTChallenge labels: classes scored').choices(MOT_PRESETS).default('all'))
    .addOption(new Option('--device-latency <ms>', 'simulated device detector latency for every replay, ms').argParser(msArg).conflicts('device'))
    .option('--device <record>', 'simulate an imported latency record (record id or device name; its mean latency)')
    .option('--motion-threshold <t>', 'cadence motion: net global motion since the last detection, fraction of the frame long side (default 0.05)', positiveFraction)
    .option('--max-interval-ms <ms>', 'cadence motion: longest clip time between detections, ms (default 200)', positiveMs)
    .option('--score <t>', 'score threshold in [0,1]', fractionArg, 0.3)
    .option('--thumbnail-size <px>', 'long side of stored thumbnails in pixels, 0 = none (default 320)', intArg(0))
    .option('--json', 'print { reference, rows: [{ cadence, detectorCalls, detectorCallsPerSec, map50, idf1, hota, flickerPerMin, jitter, lagFrames, timeToFirstBoxMs, pass, failed }], pick } as JSON')
    .action((o: SweepOpts, cmd: Command) => {
      const args: ArgsIn<'sweep'> = {
        model: o.model,
        clip: o.clip,
        frames: o.frames,
        cadences: o.cadence,
        scoreThreshold: o.score,
        ...(o.failOn !== undefined ? { failOn: o.failOn } : {}),
        ...(o.gt !== undefined ? { gt: o.gt } : {}),
        ...(o.classAgnostic ? { classAgnostic: true } : {}),
        ...(o.motClasses !== 'all' ? { motClasses: o.motClasses } : {}),
        ...(o.deviceLatency !== undefined ? { deviceLatencyMs: o.deviceLatency } : {}),
        ...(o.device !== undefined ? { device: o.device } : {}),
        ...(o.motionThreshold !== undefined ? { motionThreshold: o.motionThreshold } : {}),
        ...(o.maxIntervalMs !== undefined ? { maxIntervalMs: o.maxIntervalMs } : {}),
        ...(o.thumbnailSize !== undefined ? { thumbnailSize: o.thumbnailSize } : {}),
      };
      return runMethod(globals(cmd), 'sweep', args, sweepLines);
    });
}
