// `npm run bench:tflite`: the SSD .tflite (the bundled SSD ONNX converted by the 'tflite' transform into a temp dir,
// or a float32 .tflite given with --tflite) and its fp16 / int8-weights / int8 .tflite variants, in one run on this
// machine with LiteRT.js: size ratio, latency ratio, validation vs the float32 file on real frames.
// Latency: median ms/frame of `runs` timed runs on one preprocessed real frame after `warmup` runs, the float32 file
// and each variant timed in alternation (perf/median-latency.ts pairedMedianLatencyMs: load drift hits both alike).
// Works with whatever transforms are registered: a kind without a tflite transform is listed with `error`.
import { promises as fs } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import type { ValidationMetrics } from '../../src-shared/api';
import type { ModelMeta, VariantKind } from '../../src-shared/types/model';
import { calibrationFrames, openCalibrationSource } from '../calibration/reader';
import { silentJob } from '../jobs/context';
import { bundledClipPath, bundledModelPath, findBundledClip, findBundledModel } from '../models/catalog';
import { liteRtNode } from '../runtimes/litert-node';
import { LITERT_BACKEND, LITERT_DEFAULT_THREADS, tfliteRuntime } from '../runtimes/tflite-runtime';
import type { HostTensor } from '../runtimes/types';
import { listTransforms, getTransform } from '../transforms/registry';
import { validateVariant } from '../validation/validate';
import { pairedMedianLatencyMs } from './median-latency';
import { intOption } from './replay-overhead-suite';
import type { BenchSuite } from './types';

export const TFLITE_BENCH_MODEL = 'ssd-mobilenet-v2-coco-onnx';
/** The .tflite variants of the TFLite converter's table, in its order. */
export const TFLITE_BENCH_KINDS: VariantKind[] = ['fp16', 'int8-weights', 'int8'];

interface VariantRow {
  kind: VariantKind;
  sizeRatio?: number;
  latencyRatio?: number;
  latencyMs?: number;
  float32Ms?: number;
  validation?: ValidationMetrics;
  keptFloat?: number;
  seconds?: number;
  error?: string;
}

const r4 = (x: number): number => Number(x.toFixed(4));
const message = (e: unknown): string => String((e as Error)?.message ?? e);
const has = (kind: VariantKind, format: 'onnx' | 'tflite'): boolean => listTransforms().some((t) => t.kind === kind && t.format === format);

export interface BenchTfliteOptions {
  model: string;
  /** A float32 .tflite to use instead of converting `model`. */
  tflite?: string;
  /** Metadata of `tflite` (programmatic use, e.g. tests); default: the bundled model's. */
  meta?: ModelMeta;
  clip: string;
  frames: number;
  validationFrames: number;
  runs: number;
  warmup: number;
  threads: number;
}

export async function benchTflite(o: BenchTfliteOptions): Promise<Record<string, unknown>> {
  const bundled = o.meta && o.tflite ? { meta: o.meta } : findBundledModel(o.model);
  const clip = findBundledClip(o.clip);
  if (!bundled?.meta?.input) throw new Error(`no bundled model ${o.model} with an input spec`);
  if (!clip) throw new Error(`no bundled clip ${o.clip}`);
  const clipPath = bundledClipPath(clip);
  const lt = await liteRtNode();
  const head = { model: o.model, runtime: `LiteRT.js @litertjs/core ${lt.version} (${LITERT_BACKEND}, ${o.threads} thread${o.threads > 1 ? 's' : ''})`, cpu: cpus()[0]?.model ?? 'unknown' };
  const scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-bench-tflite-'));
  try {
    let float32: string;
    if (o.tflite) float32 = o.tflite;
    else if (!has('tflite', 'onnx')) {
      const error = "no ONNX → TFLite transform is registered (kind 'tflite'): nothing to measure";
      return { ...head, error, variants: TFLITE_BENCH_KINDS.map((kind) => ({ kind, error })) };
    } else {
      const dir = join(scratch, 'float32');
      await fs.mkdir(dir);
      const res = await getTransform('tflite', 'onnx').apply({ source: bundledModelPath(findBundledModel(o.model)!), outDir: dir, settings: { meta: bundled.meta } }, silentJob);
      float32 = res.mainFile;
    }
    // The .tflite keeps the source's tensor names; its own input name wins if it differs.
    const probe = await tfliteRuntime.load(float32);
    const inputName = probe.inputs[0].name;
    await probe.dispose();
    const meta: ModelMeta = { ...bundled.meta, input: { ...bundled.meta.input, name: inputName } };
    let feed: HostTensor | undefined;
    for await (const f of calibrationFrames(await openCalibrationSource(clipPath), meta.input, 1)) feed = f.tensor;
    const floatSize = (await fs.stat(float32)).size;
    const variants: VariantRow[] = [];
    for (const kind of TFLITE_BENCH_KINDS) {
      if (!has(kind, 'tflite')) {
        variants.push({ kind, error: `no ${kind} transform for tflite models is registered` });
        continue;
      }
      try {
        const dir = join(scratch, kind);
        await fs.mkdir(dir);
        const t0 = performance.now();
        const res = await getTransform(kind, 'tflite').apply({ source: float32, outDir: dir, settings: { meta, calibration: clipPath, frames: o.frames, method: 'minmax' } }, silentJob);
        const seconds = (performance.now() - t0) / 1000;
        const [fMs, vMs] = await pairedMedianLatencyMs(tfliteRuntime, float32, res.mainFile, inputName, feed!, o.runs, o.warmup, o.threads);
        const validation = await validateVariant({ reference: { file: float32, format: 'tflite' }, variant: { file: res.mainFile, format: 'tflite' }, meta, source: clipPath, frames: o.validationFrames }, silentJob);
        variants.push({
          kind,
          sizeRatio: r4((await fs.stat(res.mainFile)).size / floatSize),
          latencyRatio: r4(vMs / fMs),
          latencyMs: r4(vMs),
          float32Ms: r4(fMs),
          validation,
          keptFloat: res.keptFloat.length,
          seconds: r4(seconds),
        });
      } catch (e) {
        variants.push({ kind, error: message(e) });
      }
    }
    return {
      ...head,
      float32: { file: o.tflite ?? 'converted from the bundled ONNX by the tflite transform', sizeBytes: floatSize },
      variants,
      clip: clip.id,
      calibrationFrames: o.frames,
      validationFrames: o.validationFrames,
      runs: o.runs,
      warmup: o.warmup,
      node: process.version,
    };
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

export const tfliteSuite: BenchSuite = {
  name: 'tflite',
  description: '.tflite variants (fp16 / int8-weights / int8) of the SSD vs its float32 .tflite with LiteRT.js: size, latency, validation',
  async run(argv) {
    const program = new Command('bench tflite')
      .description(this.description)
      .option('--model <id>', 'bundled ONNX model converted to the float32 .tflite', TFLITE_BENCH_MODEL)
      .option('--tflite <file>', 'a float32 .tflite to use instead of converting --model (its input spec: --model\'s)')
      .option('--clip <id>', 'bundled clip id for calibration and validation', 'cup')
      .option('--frames <n>', 'calibration frames (int8)', intOption(1), 32)
      .option('--validation-frames <n>', 'validation frames', intOption(1), 16)
      .option('--runs <n>', 'timed runs per model', intOption(1), 20)
      .option('--warmup <n>', 'untimed runs first', intOption(0), 3)
      .option('--threads <n>', 'LiteRT.js CPU threads', intOption(1), LITERT_DEFAULT_THREADS);
    program.parse(argv, { from: 'user' });
    return benchTflite(program.opts());
  },
};
