// bench:quant's `models[]` (issue 18): for each bundled ONNX detector, the int8 variant EdgeLab delivers (static QDQ,
// minmax calibration on `frames` frames of the clip, the default pre-pass) against its float32 model, in one run on
// this machine: latency ratios with 1 thread and with every core (float32 and int8 in interleaved runs), the detection keep rate (float32 detections at
// score ≥ 0.3 that the int8 model finds at IoU ≥ 0.5 with the same class, over the validation frames), the worst
// output SNR, calibration wall time and peak RSS (measured in a fresh child process, quant-calibration.ts), and
// what onnxruntime runs of it (quant-ops.ts). Where plain int8 keeps fewer than KEEP_GOAL of float32's detections,
// the int8 EdgeLab delivers is mixed precision (issue 18: "mixed precision where needed, flagged"): the same
// conversion with --target-recall KEEP_GOAL (transforms/mixed-prefix.ts), whose figures then fill the int8 fields;
// `mixedPrecision` says what was kept in float and what plain int8 measured. The calibration figures stay plain
// minmax (the contract: calibrationSeconds is minmax over the frames).
import { promises as fs } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostTensor } from '../runtimes/types';
import { calibrationFrames, openCalibrationSource } from '../calibration/reader';
import { silentJob } from '../jobs/context';
import { bundledClipPath, bundledModelPath, findBundledClip, findBundledModel } from '../models/catalog';
import { validateVariant } from '../validation/validate';
import { mixedPrecisionOnnx } from '../transforms/mixed-precision';
import type { MixedPrecisionReport } from '../transforms/mixed-report';
import { optimizedOpCounts, type OpCounts } from './quant-ops';
import { interleavedLatency } from '../runtimes/interleaved-latency';
import { biasSetting, calibrateInChild } from './quant-calibration';

/** The detectors of issue 18's goals (SSD ≤ 0.60×, CenterNet ≤ 0.80× float32 with VNNI, keeping ≥ 90 %). */
export const QUANT_GOAL_MODELS = ['ssd-mobilenet-v2-coco-onnx', 'centernet-mobilenet-v3-coco-onnx'];
/** Keep rate the delivered int8 must reach; under it, mixed precision with this target recall is delivered. */
export const KEEP_GOAL = 0.9;

/** models[].mixedPrecision when the delivered int8 is mixed: what it kept in float and what plain int8 measured. */
export interface DeliveredMixed {
  targetRecall: number;
  reached: boolean;
  keptFloat: number;
  /** Wall time of the search (every candidate calibrated, validated and timed), s. */
  searchSeconds: number;
  steps: MixedPrecisionReport['steps'];
  plain: { int8KeepRate: number | null; int8LatencyRatio1T: number; int8LatencyRatioNT: number; int8WorstSnrDb: number };
}

export interface QuantModelFigures extends Partial<OpCounts> {
  model: string;
  int8LatencyRatio1T: number;
  int8LatencyRatioNT: number;
  /** Threads of the NT figures (this machine's cores). */
  threadsNT: number;
  int8KeepRate: number | null;
  int8WorstSnrDb: number;
  /** false: the delivered int8 is plain static int8; else the mixed-precision variant delivered instead (see above). */
  mixedPrecision: false | DeliveredMixed;
  /** The variant's bias correction as its settings record it ('off', or what it corrected: quant/bias-correction.ts). */
  biasCorrection: unknown;
  /** --bias-correction auto: the judgement the variant's settings record (quant/bias-auto.ts: side kept, held-out figures). */
  biasCorrectionAuto?: unknown;
  /** Wall time of the int8 transform (plan, minmax calibration over `frames` frames, bias correction if any, write), s, in the child. */
  calibrationSeconds: number;
  /** Peak RSS (VmHWM, perf/peak-rss.ts) of a fresh process that only ran that transform, MiB (perf/quant-calibration.ts). */
  calibrationPeakRssMb: number;
  /** Its RSS just before the transform (Node + modules loaded), MiB. */
  calibrationStartRssMb: number;
  sizeRatio: number;
  float32Ms1T: number;
  int8Ms1T: number;
}

const r4 = (x: number) => Number(x.toFixed(4));

export async function quantModelFigures(o: { models: string[]; clip: string; frames: number; validationFrames: number; runs: number; warmup: number; biasCorrection?: string; mixed?: boolean }): Promise<QuantModelFigures[]> {
  const clip = findBundledClip(o.clip);
  if (!clip) throw new Error(`no bundled clip ${o.clip}`);
  const clipPath = bundledClipPath(clip);
  const nt = Math.max(1, cpus().length);
  const out: QuantModelFigures[] = [];
  for (const id of o.models) {
    const model = findBundledModel(id);
    if (!model || model.format !== 'onnx') continue;
    const source = bundledModelPath(model);
    const input = model.meta.input.name ?? 'input';
    let feed: HostTensor | undefined;
    for await (const f of calibrationFrames(await openCalibrationSource(clipPath), model.meta.input, 1)) feed = f.tensor;
    const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-bench-quant-model-'));
    try {
      // Quantize + calibrate alone in a fresh child process: its peak RSS is the calibration's, not this bench's.
      const cal = await calibrateInChild({ model: id, clip: o.clip, frames: o.frames, outDir: dir, biasCorrection: o.biasCorrection });
      const res = { mainFile: cal.mainFile };
      // float32 and int8 timed in interleaved runs: load that changes between rounds hits both alike (the ratio is
      // the median over rounds of int8 ÷ float32 in the same round; timed one after the other on the shared
      // machine, SSD measured 0.98× where interleaved runs gave 0.53×).
      /** Latency ratios (1 thread, every core), validation against float32 on the validation frames. */
      const measure = async (file: string) => {
        const l1 = await interleavedLatency([source, file], input, feed!, o.runs, o.warmup, 1);
        const lN = await interleavedLatency([source, file], input, feed!, o.runs, o.warmup, nt);
        const v = await validateVariant(
          { reference: { file: source, format: 'onnx' }, variant: { file, format: 'onnx' }, meta: model.meta, source: clipPath, frames: o.validationFrames },
          silentJob,
        );
        // validation.detection.recall50: float32 boxes at score ≥ 0.3 that int8 finds at IoU ≥ 0.5, same class.
        const keep = v.detection?.recall50;
        return {
          l1,
          figures: {
            int8LatencyRatio1T: r4(l1.ratioToFirst[1]),
            int8LatencyRatioNT: r4(lN.ratioToFirst[1]),
            int8KeepRate: typeof keep === 'number' ? r4(keep) : null,
            int8WorstSnrDb: r4(Math.min(v.snrDb, ...(v.perOutput ?? []).map((p) => p.snrDb))),
          },
        };
      };
      const plain = await measure(res.mainFile);
      let delivered = plain;
      let mainFile = res.mainFile;
      let mixedPrecision: false | DeliveredMixed = false;
      const keep = plain.figures.int8KeepRate;
      if (o.mixed !== false && model.meta.decoder && keep !== null && keep < KEEP_GOAL) {
        const mdir = join(dir, 'mixed');
        await fs.mkdir(mdir);
        const t0 = performance.now();
        const m = await mixedPrecisionOnnx.apply({ source, outDir: mdir, settings: { method: 'minmax', meta: model.meta, calibration: clipPath, frames: o.frames, ...biasSetting(o.biasCorrection), targetRecall: KEEP_GOAL } }, silentJob);
        const report = m.settings?.mixedPrecision as MixedPrecisionReport;
        mainFile = m.mainFile;
        delivered = await measure(mainFile);
        mixedPrecision = { targetRecall: KEEP_GOAL, reached: report.reached, keptFloat: report.keptFloatNodes.length, searchSeconds: r4((performance.now() - t0) / 1000), steps: report.steps, plain: plain.figures };
      }
      const [f1, q1] = delivered.l1.medianMs;
      out.push({
        model: id,
        ...delivered.figures,
        threadsNT: nt,
        mixedPrecision,
        biasCorrection: cal.settings.biasCorrection ?? 'off',
        ...(cal.settings.biasCorrectionAuto !== undefined ? { biasCorrectionAuto: cal.settings.biasCorrectionAuto } : {}),
        calibrationSeconds: r4(cal.seconds),
        calibrationPeakRssMb: cal.peakRssMb,
        calibrationStartRssMb: cal.startRssMb,
        sizeRatio: r4((await fs.stat(mainFile)).size / (await fs.stat(source)).size),
        float32Ms1T: r4(f1),
        int8Ms1T: r4(q1),
        ...(await optimizedOpCounts(mainFile, 1)),
      });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
  return out;
}
