// One int8 conversion (quantize + calibrate, `int8` ONNX transform) of a bundled model alone in a process, for an
// honest calibration memory figure: bench:quant's models[] runs it in a fresh child process per model
// (`calibrateInChild`), so no earlier model, session or validation counts in it. The child is this bench entry
// (out/main/bench.js) with the suite `quant-calibration`, which prints
// `{ mainFile, seconds, peakRssMb, startRssMb, settings }`:
//   seconds    wall time of the transform (plan + calibration over `frames` frames + writing the int8 file);
//   peakRssMb  the process's peak resident set (peak-rss.ts: VmHWM, exact, not sampled, not the parent's), MiB — includes Node,
//              onnxruntime and the decoder; startRssMb is the RSS just before the transform, MiB.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command, Option } from 'commander';
import { BIAS_CORRECTION_FLAG, biasCorrectionFromFlag } from '../../src-shared/types/model';
import { EdgeLabError } from '../../src-shared/protocol';
import { silentJob } from '../jobs/context';
import { bundledClipPath, bundledModelPath, findBundledClip, findBundledModel } from '../models/catalog';
import { locateOut } from '../server/locate';
import { getTransform } from '../transforms/registry';
import { intOption } from './replay-overhead-suite';
import type { BenchSuite } from './types';
import { peakRssMb } from './peak-rss';

/** The int8 transform's bias-correction setting for a --bias-correction flag of the quant benches ({} = the default). */
export function biasSetting(flag: string | undefined): { biasCorrection?: ReturnType<typeof biasCorrectionFromFlag> } {
  return flag !== undefined ? { biasCorrection: biasCorrectionFromFlag(flag as (typeof BIAS_CORRECTION_FLAG)[number]) } : {};
}

export interface CalibrationRun {
  /** The int8 model written in `outDir`. */
  mainFile: string;
  seconds: number;
  peakRssMb: number;
  startRssMb: number;
  settings: Record<string, unknown>;
}

const mib = (bytes: number) => Math.round(bytes / (1 << 20));

/** `--bias-correction <mode>` of the quant benches: the int8 transform's biasCorrection (on = true, off = false, or a scope); absent = its default. */
export function biasCorrectionOption(): Option {
  return new Option('--bias-correction <mode>', 'int8: bias correction of the variant measured (default: the convert default)').choices(BIAS_CORRECTION_FLAG);
}

/** Runs the int8 transform of bundled ONNX `model` in this process (calibration: `frames` frames of `clip`, minmax). */
export async function calibrateHere(o: { model: string; clip: string; frames: number; outDir: string; method?: string; biasCorrection?: string }): Promise<CalibrationRun> {
  const model = findBundledModel(o.model);
  const clip = findBundledClip(o.clip);
  if (!model || model.format !== 'onnx') throw new EdgeLabError('NOT_FOUND', `no bundled ONNX model ${o.model}`);
  if (!clip) throw new EdgeLabError('NOT_FOUND', `no bundled clip ${o.clip}`);
  const startRssMb = mib(process.memoryUsage().rss);
  const t0 = performance.now();
  const res = await getTransform('int8', 'onnx').apply(
    {
      source: bundledModelPath(model),
      outDir: o.outDir,
      settings: { method: o.method ?? 'minmax', meta: model.meta, calibration: bundledClipPath(clip), frames: o.frames, ...biasSetting(o.biasCorrection) },
    },
    silentJob,
  );
  const seconds = (performance.now() - t0) / 1000;
  return { mainFile: res.mainFile, seconds, peakRssMb: peakRssMb(), startRssMb, settings: res.settings ?? {} };
}

/** `calibrateHere` in a fresh Node process running out/main/bench.js (needs `npm run build`). */
export async function calibrateInChild(o: { model: string; clip: string; frames: number; outDir: string; method?: string; biasCorrection?: string }): Promise<CalibrationRun> {
  const entry = join(locateOut().outDir, 'main', 'bench.js');
  const args = [entry, 'quant-calibration', '--model', o.model, '--clip', o.clip, '--frames', String(o.frames), '--out-dir', o.outDir, '--method', o.method ?? 'minmax'];
  if (o.biasCorrection !== undefined) args.push('--bias-correction', o.biasCorrection);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new EdgeLabError('INTERNAL', `calibration child (${entry}) exited ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(out) as CalibrationRun;
}

export const quantCalibrationSuite: BenchSuite = {
  name: 'quant-calibration',
  description: 'one int8 (ONNX) conversion of a bundled model alone in this process: wall time and peak RSS (bench:quant runs it as a child)',
  async run(argv) {
    const program = new Command('bench quant-calibration')
      .description(this.description)
      .requiredOption('--model <id>', 'bundled ONNX model id')
      .requiredOption('--out-dir <dir>', 'existing folder the int8 model is written to')
      .option('--clip <id>', 'bundled clip id for calibration', 'cup')
      .option('--frames <n>', 'calibration frames', intOption(1), 100)
      .option('--method <m>', 'calibration method', 'minmax')
      .addOption(biasCorrectionOption());
    program.parse(argv, { from: 'user' });
    const o = program.opts();
    return { ...(await calibrateHere({ model: o.model, clip: o.clip, frames: o.frames, outDir: o.outDir, method: o.method, biasCorrection: o.biasCorrection })) };
  },
};
