import { InvalidArgumentError, Option, type Command } from 'commander';
import type { ArgsIn } from '../../../src-shared/api';
import { argSchemas } from '../../../src-shared/api';
import { formatBytes } from '../output';
import { runMethod } from '../run';
import type { DetectionValidation } from '../../../src-shared/types/validation';
import { BIAS_CORRECTION_FLAG, BIAS_CORRECTION_ON, biasCorrectionFlag, biasCorrectionFromFlag, type FoldedNode } from '../../../src-shared/types/model';
import { globals, intArg } from './args';
import { EXIT_GATE_FAILED } from './compare';
import type { MixedPrecisionReport, MixedStep } from '../../transforms/mixed-precision';

/** `--exclude a,b --exclude c` → ['a', 'b', 'c'] (node names never contain commas in practice; ONNX allows it, so a repeated flag is the escape). */
function collectList(v: string, prev: string[] = []): string[] {
  return [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];
}

function numberIn(lo: number, hi: number, openLo: boolean) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n > hi || (openLo ? n <= lo : n < lo)) {
      throw new InvalidArgumentError(`expected a number in ${openLo ? '(' : '['}${lo}, ${hi}]`);
    }
    return n;
  };
}

/** The convertModel schema: --to, --method and --compute offer its choices. */
const convert = argSchemas.convertModel.shape;
type ConvertArgs = ArgsIn<'convertModel'>;

interface ConvertOptions {
  to: ConvertArgs['to'];
  out?: string;
  calibration?: string;
  frames?: number;
  method?: ConvertArgs['method'];
  percentile?: number;
  exclude?: string[];
  compute?: ConvertArgs['compute'];
  reduceRange?: 'on' | 'off';
  biasCorrection?: (typeof BIAS_CORRECTION_FLAG)[number];
  targetSnr?: number;
  targetRecall?: number;
  strict?: boolean;
}

/** settings.mixedPrecision as stored: variants made by earlier versions lack the steps and the float32 / mixed latencies. */
type StoredMixedReport = Omit<MixedPrecisionReport, 'latencyMs' | 'steps'> & {
  latencyMs: Partial<MixedPrecisionReport['latencyMs']> & { int8: number };
  steps?: (Omit<MixedStep, 'latencyRatio'> & { latencyRatio?: number })[];
};

/** The mixed-precision summary (--target-snr / --target-recall): nodes kept in float and what they cost against full int8. */
function mixedLines(m: unknown): string[] {
  if (!m || typeof m !== 'object') return [];
  const x = m as StoredMixedReport;
  const f32 = x.latencyMs.float32;
  return [
    x.targetRecall !== undefined
      ? `mixed precision: target recall ${x.targetRecall} ${x.reached ? 'reached' : 'NOT reached'} — ${x.recall50?.toFixed(3)} of float32's detections (full int8 ${x.fullInt8Recall50?.toFixed(3)}), ${x.snrDb.toFixed(1)} dB, keeping ${x.keptFloatNodes.length} node(s) in float`
      : `mixed precision: target ${x.targetSnrDb} dB ${x.reached ? 'reached' : 'NOT reached'} — ${x.snrDb.toFixed(1)} dB (full int8 ${x.fullInt8SnrDb.toFixed(1)} dB) keeping ${x.keptFloatNodes.length} node(s) in float`,
    `  cost vs full int8: size ${formatBytes(x.sizeBytes.int8)} → ${formatBytes(x.sizeBytes.mixed)}, latency ${x.latencyMs.int8.toFixed(2)} → ${(x.latencyMs.mixed ?? x.latencyMs.int8).toFixed(2)} ms/frame${f32 !== undefined ? ` (float32 ${f32.toFixed(2)} ms)` : ''}`,
    ...(x.notReachedReason && !x.reached ? [`  why not: ${x.notReachedReason}`] : []),
    ...(x.steps?.length
      ? [`  steps (kept in float: ${x.targetRecall !== undefined ? 'recall / ' : ''}SNR / latency × float32, ✗ refused): ${x.steps.map((s) => `${s.keptFloat}: ${s.recall50 !== undefined && x.targetRecall !== undefined ? `${s.recall50.toFixed(3)} / ` : ''}${s.snrDb.toFixed(1)} dB${s.latencyRatio !== undefined ? ` / ${s.latencyRatio.toFixed(2)}×` : ''}${s.accepted ? '' : ' ✗'}`).join(', ')}`]
      : []),
  ];
}

/** Activations folded into their quantized producer, counted by op (they are neither float ops nor in the variant's graph). */
function foldedLines(folded: FoldedNode[] | undefined): string[] {
  if (!folded?.length) return [];
  const ops = new Map<string, number>();
  for (const f of folded) ops.set(f.op, (ops.get(f.op) ?? 0) + 1);
  return [`folded into their quantized producer (no float op): ${[...ops].map(([op, n]) => `${n} ${op}`).join(', ')}`];
}

/** settings.biasCorrectionAuto as int8-onnx.ts records it (--bias-correction auto). */
interface StoredAuto {
  chosen: 'corrected' | 'plain';
  reason?: string;
  rule?: 'detections' | 'snr';
  frames?: number;
  referenceBoxes?: number;
  plain?: { matched?: number; worstSnrDb: number };
  corrected?: { matched?: number; worstSnrDb: number };
  correction?: { scope: string; seconds: number };
}

/** --bias-correction auto: the side kept, and the held-out figures it was chosen on, one line. */
function autoLine(a: unknown): string[] {
  if (!a || typeof a !== 'object') return [];
  const x = a as StoredAuto;
  const kept = x.chosen === 'corrected' ? `corrected (${x.correction?.scope})` : 'plain (no correction)';
  if (!x.plain || !x.corrected) return [`bias correction auto: kept ${kept} — ${x.reason ?? 'not judged'}`];
  const side = (s: { matched?: number; worstSnrDb: number }) => `${s.matched !== undefined ? `${s.matched}/${x.referenceBoxes} float32 detections matched, ` : ''}worst SNR ${s.worstSnrDb.toFixed(1)} dB`;
  const cost = x.correction ? `; correction took ${x.correction.seconds.toFixed(1)} s` : '';
  return [`bias correction auto: kept ${kept} on ${x.frames} held-out frames — corrected ${side(x.corrected)}; plain ${side(x.plain)}${cost}`];
}

/** Decoded detections of the variant vs float32 on the validation frames, one line. */
function detectionLine(d: DetectionValidation): string {
  return `detections vs float32: ${d.referenceBoxes} reference boxes, recall@0.5 ${d.recall50.toFixed(3)}, precision ${d.precision50.toFixed(3)}, score mean abs error ${d.scoreMeanAbsError.toFixed(3)}`;
}

export function registerConvert(program: Command): void {
  program
    .command('convert')
    .description(`make a variant of a model (${convert.to.options.join(', ')}), validated against float32 on real frames`)
    .argument('<model>', 'model file, workspace id or bundled id')
    .addOption(new Option('--to <kind>', 'variant kind').choices(convert.to.options).makeOptionMandatory())
    .option('--calibration <source>', 'calibration/validation frames: clip, image folder or bundled clip id (default: cup)')
    .option('--frames <n>', 'frames taken from the calibration source (int8 default 100; validation uses up to 32)', intArg(1))
    .addOption(new Option('--method <m>', 'int8 activation range calibration').choices(convert.method.unwrap().options))
    .option('--percentile <p>', 'percentile kept by --method percentile, in (0, 100] (default 99.999)', numberIn(0, 100, true))
    .option('--exclude <nodes>', 'node names kept in float (comma list, or repeat the flag); for a .tflite: op output tensor or weight tensor names', collectList)
    .addOption(new Option('--compute <dtype>', 'fp16 (ONNX): where the maths runs (default float16)').choices(convert.compute.unwrap().options))
    .addOption(new Option('--reduce-range <on|off>', 'int8 (ONNX): 7-bit weights for x86 CPUs without VNNI (default: from this CPU)').choices(['on', 'off']))
    .addOption(
      new Option('--bias-correction <mode>', `int8 (ONNX): move the per-channel mean output error of the quantized convs into their biases: on (= ${BIAS_CORRECTION_ON}), off, auto (${BIAS_CORRECTION_ON} kept only if it agrees better with float32 on held-out calibration frames) or a scope; default ${biasCorrectionFlag(undefined)}`)
        .choices(BIAS_CORRECTION_FLAG),
    )
    .option('--target-snr <dB>', 'int8: keep the most sensitive nodes in float until the output reaches this SNR', numberIn(0, 200, false))
    .option('--target-recall <r>', "int8 (ONNX detectors): keep the smallest input-side region in float with which the variant finds this fraction (0..1] of float32's detections on the validation frames", numberIn(0, 1, true))
    .option('--out <path>', 'write the variant here (a directory for TF.js, a .onnx / .tflite file for ONNX / TFLite); must not exist')
    .option('--json', 'print the ConvertResult as JSON on stdout')
    .option('--strict', `exit ${EXIT_GATE_FAILED} when validation warns (a detector's variant disagrees with float32, e.g. collapsed scores)`)
    .action((model: string, o: ConvertOptions, cmd: Command) => {
      const args: ArgsIn<'convertModel'> = {
        model,
        to: o.to,
        ...(o.out ? { out: o.out } : {}),
        ...(o.calibration ? { calibration: o.calibration } : {}),
        ...(o.frames !== undefined ? { frames: o.frames } : {}),
        ...(o.method ? { method: o.method } : {}),
        ...(o.percentile !== undefined ? { percentile: o.percentile } : {}),
        ...(o.exclude?.length ? { exclude: o.exclude } : {}),
        ...(o.compute ? { compute: o.compute } : {}),
        ...(o.targetSnr !== undefined ? { targetSnrDb: o.targetSnr } : {}),
        ...(o.targetRecall !== undefined ? { targetRecall: o.targetRecall } : {}),
        ...(o.reduceRange ? { reduceRange: o.reduceRange === 'on' } : {}),
        ...(o.biasCorrection ? { biasCorrection: biasCorrectionFromFlag(o.biasCorrection) } : {}),
      };
      return runMethod(globals(cmd), 'convertModel', args, (r) => [
        `Variant ${r.variant.id}${r.simulated ? ' (SIMULATED int8: fake-quant estimate, not a deployable model)' : ''}: ` +
          `${formatBytes(r.sourceSizeBytes)} → ${formatBytes(r.sizeBytes)} (${(r.sizeBytes / r.sourceSizeBytes).toFixed(3)}×)`,
        ...(r.validation
          ? [`validation on ${r.validation.frames} frames: SNR ${r.validation.snrDb.toFixed(1)} dB, cosine ${r.validation.cosine.toFixed(5)}, max abs error ${r.validation.maxAbsError.toPrecision(3)} (worst output)`]
          : ['validation: skipped (no input spec for this model)']),
        ...(r.keptFloat.length ? [`kept float32: ${r.keptFloat.map((k) => k.name).join(', ')}`] : []),
        ...foldedLines(r.folded),
        ...mixedLines(r.variant.settings.mixedPrecision),
        ...autoLine(r.variant.settings.biasCorrectionAuto),
        ...(r.validation?.perSlice?.length ? [`per slice: ${r.validation.perSlice.map((x) => `${x.name} SNR ${x.snrDb.toFixed(1)} dB, cosine ${x.cosine.toFixed(5)}`).join('; ')}`] : []),
        ...(r.validation?.detection ? [detectionLine(r.validation.detection)] : []),
        ...(r.output ? [`output: ${r.output}`] : []),
        ...(r.warnings ?? []).map((w) => `WARNING: ${w}`),
      ], (r) => (o.strict && r.warnings?.length ? EXIT_GATE_FAILED : 0));
    });
}
