// `npm run bench:quant`: float32 vs fp16 / int8-weights / int8 (static QDQ) of the bundled ONNX detector, in
// one run on this machine with onnxruntime-node: size and latency ratios against float32, validation on real
// frames, calibration wall time (quantize + calibrate, N frames) and peak RSS while calibrating.
// Latency: median of `runs` timed model.run calls on one preprocessed real frame, after `warmup` runs,
// intra-op threads = the runtime's default (1: the lab machines share 2 cores).
import { promises as fs } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import { EdgeLabError } from '../../src-shared/protocol';
import type { VariantKind } from '../../src-shared/types/model';
import type { ValidationMetrics } from '../../src-shared/api';
import { calibrationFrames, openCalibrationSource } from '../calibration/reader';
import { silentJob } from '../jobs/context';
import { bundledClipPath, bundledModelPath, findBundledClip, findBundledModel } from '../models/catalog';
import { ONNX_DEFAULT_THREADS } from '../runtimes/onnx-runtime';
import { MAX_VALIDATION_FRAMES } from '../validation/validate';
import { getTransform } from '../transforms/registry';
import { validateVariant } from '../validation/validate';
import { intOption } from './replay-overhead-suite';
import type { BenchSuite } from './types';
import { KEEP_GOAL, QUANT_GOAL_MODELS, quantModelFigures } from './quant-models';
import { biasCorrectionOption } from './quant-calibration';
import { medianLatencyMs } from './median-latency';

/** Preferred bundled ONNX detectors, first present wins: the converted CenterNet (COCO), else BlazeFace. */
export const QUANT_BENCH_MODELS = ['centernet-mobilenet-v3-coco-onnx', 'blazeface-front'];

interface VariantFigures {
  kind: VariantKind;
  label: string;
  sizeRatio: number;
  latencyRatio: number;
  latencyMs: number;
  validation: ValidationMetrics;
  settings: Record<string, unknown>;
  calibrationSeconds?: number;
}

export async function benchQuant(o: { model?: string; clip: string; frames: number; validationFrames: number; runs: number; warmup: number; models: string; biasCorrection?: string; mixed?: boolean }): Promise<Record<string, unknown>> {
  const id = o.model ?? QUANT_BENCH_MODELS.find((m) => findBundledModel(m));
  const model = id ? findBundledModel(id) : undefined;
  const clip = findBundledClip(o.clip);
  if (!model || model.format !== 'onnx') throw new EdgeLabError('NOT_FOUND', `no bundled ONNX model ${id}`);
  if (!clip) throw new EdgeLabError('NOT_FOUND', `no bundled clip ${o.clip}`);
  const source = bundledModelPath(model);
  const clipPath = bundledClipPath(clip);
  const input = model.meta.input.name ?? 'input';
  const srcSize = (await fs.stat(source)).size;
  let feed;
  for await (const f of calibrationFrames(await openCalibrationSource(clipPath), model.meta.input, 1)) feed = f.tensor;
  const floatMs = await medianLatencyMs(source, input, feed!, o.runs, o.warmup);

  const scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-bench-quant-'));
  const plans: { kind: VariantKind; label: string; settings: Record<string, unknown> }[] = [
    { kind: 'fp16', label: 'fp16', settings: {} },
    { kind: 'int8-weights', label: 'int8-weights', settings: {} },
    { kind: 'int8', label: 'int8 (minmax)', settings: { method: 'minmax' } },
    { kind: 'int8', label: 'int8 (entropy)', settings: { method: 'entropy' } },
  ];
  const variants: VariantFigures[] = [];
  let calibrationSeconds: number | undefined;
  let peakRss = 0;
  try {
    for (const [k, p] of plans.entries()) {
      const dir = join(scratch, String(k));
      await fs.mkdir(dir);
      const settings = { ...p.settings, meta: model.meta, calibration: clipPath, frames: o.frames };
      // RSS sampled every 10 ms while the transform (quantize + calibrate) runs.
      let rss = process.memoryUsage().rss;
      const timer = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 10);
      const t0 = performance.now();
      const res = await getTransform(p.kind, 'onnx').apply({ source, outDir: dir, settings }, silentJob).finally(() => clearInterval(timer));
      const seconds = (performance.now() - t0) / 1000;
      if (p.kind === 'int8') {
        peakRss = Math.max(peakRss, rss);
        if (calibrationSeconds === undefined) calibrationSeconds = seconds;
      }
      const ms = await medianLatencyMs(res.mainFile, input, feed!, o.runs, o.warmup);
      const validation = await validateVariant(
        { reference: { file: source, format: 'onnx' }, variant: { file: res.mainFile, format: 'onnx' }, meta: model.meta, source: clipPath, frames: o.validationFrames },
        silentJob,
      );
      const { calibrationSetSha256: _h, ...shown } = res.settings ?? {};
      variants.push({
        kind: p.kind,
        label: p.label,
        sizeRatio: Number(((await fs.stat(res.mainFile)).size / srcSize).toFixed(4)),
        latencyRatio: Number((ms / floatMs).toFixed(4)),
        latencyMs: Number(ms.toFixed(3)),
        validation,
        settings: shown,
        ...(p.kind === 'int8' ? { calibrationSeconds: Number(seconds.toFixed(3)) } : {}),
      });
    }
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
  const int8 = variants.find((v) => v.kind === 'int8')!;
  // Issue 18's per-detector figures (SSD and CenterNet by default; `--models none` skips them).
  const goalModels = o.models === 'none' ? [] : o.models.split(',').map((m) => m.trim()).filter(Boolean);
  const models = await quantModelFigures({ models: goalModels, clip: o.clip, frames: o.frames, validationFrames: o.validationFrames, runs: o.runs, warmup: o.warmup, biasCorrection: o.biasCorrection, mixed: o.mixed });
  return {
    models,
    model: model.id,
    clip: clip.id,
    calibrationFrames: o.frames,
    validationFrames: o.validationFrames,
    float32: { latencyMs: Number(floatMs.toFixed(3)), sizeBytes: srcSize },
    variants,
    calibrationSeconds: Number((calibrationSeconds ?? 0).toFixed(3)),
    peakRssMb: Math.round(peakRss / (1 << 20)),
    goals: {
      int8LatencyRatio: { target: 0.67, measured: int8.latencyRatio, met: int8.latencyRatio <= 0.67 },
      calibrationSeconds: { target: 10, measured: Number((calibrationSeconds ?? 0).toFixed(3)), met: (calibrationSeconds ?? Infinity) <= 10 },
    },
    threads: ONNX_DEFAULT_THREADS,
    runs: o.runs,
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
  };
}

export const quantSuite: BenchSuite = {
  name: 'quant',
  description: 'quantization: size, latency and validation of fp16 / int8-weights / int8 vs float32 (ONNX detector)',
  async run(argv) {
    const program = new Command('bench quant')
      .description(this.description)
      .option('--model <id>', `bundled ONNX model id (default: first of ${QUANT_BENCH_MODELS.join(', ')})`)
      .option('--clip <id>', 'bundled clip id for calibration and validation', 'cup')
      .option('--frames <n>', 'calibration frames', intOption(1), 100)
      // Default: validated as `edgelab convert` validates a variant (engine/variants.ts: the calibration frames, at most
      // MAX_VALIDATION_FRAMES), so the keep rate printed here is the one the user's conversion reports. (Until this step
      // 16: ≈ 30 float32 boxes on cup, where one box moved the keep rate by 0.03.)
      .option('--validation-frames <n>', `validation frames (default: as convert, the calibration frames up to ${MAX_VALIDATION_FRAMES})`, intOption(1))
      .option('--runs <n>', 'timed runs per model', intOption(1), 30)
      .option('--warmup <n>', 'untimed runs first', intOption(0), 5)
      .option('--models <ids>', `models[]: bundled ONNX detectors, comma-separated, or none`, QUANT_GOAL_MODELS.join(','))
      .option('--no-mixed', `models[]: deliver plain int8 even where it keeps under ${KEEP_GOAL} of float32's detections (no mixed-precision search)`)
      .addOption(biasCorrectionOption());
    program.parse(argv, { from: 'user' });
    const o = program.opts<Omit<Parameters<typeof benchQuant>[0], 'validationFrames'> & { validationFrames?: number }>();
    return benchQuant({ ...o, validationFrames: o.validationFrames ?? Math.min(o.frames, MAX_VALIDATION_FRAMES) });
  },
};
