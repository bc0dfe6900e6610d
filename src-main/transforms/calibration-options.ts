// The calibration options both static int8 transforms take (ONNX QDQ, int8-onnx.ts; full-integer .tflite,
// int8-tflite.ts) and the calibration part of the settings they record: one reading of --calibration, --method,
// --percentile and --frames, one description of what was calibrated on.
import type { Hash } from 'node:crypto';
import { EdgeLabError } from '../../src-shared/protocol';
import { DEFAULT_METHOD, DEFAULT_PERCENTILE } from '../calibration/calibrators';
import { openCalibrationSource, type CalibrationSource } from '../calibration/reader';
import type { CollectResult } from '../calibration/collect';
import { BIAS_CORRECTION_AUTO, BIAS_CORRECTION_ON, BIAS_CORRECTION_SCOPES, DEFAULT_BIAS_CORRECTION } from '../../src-shared/types/model';
import type { BiasCorrectionScope } from './quant/bias-correction';

/** Calibration frames taken when --frames is not given. */
export const DEFAULT_CALIBRATION_FRAMES = 100;

export interface CalibrationOptions {
  source: CalibrationSource;
  method: string;
  /** Set for method 'percentile' only. */
  percentile?: number;
  frames: number;
  /** Empirical bias correction after the QDQ rewrite (ONNX int8, quant/bias-correction.ts): which convs, off, or auto (quant/bias-auto.ts). */
  biasCorrection: BiasCorrectionScope | typeof BIAS_CORRECTION_AUTO | 'off';
}

/** settings.biasCorrection: true (= BIAS_CORRECTION_ON) / false (= 'off') / 'auto' / a scope name; absent = DEFAULT_BIAS_CORRECTION. */
export function readBiasCorrection(v: unknown, file: string): BiasCorrectionScope | typeof BIAS_CORRECTION_AUTO | 'off' {
  if (v === undefined) return DEFAULT_BIAS_CORRECTION;
  if (v === true) return BIAS_CORRECTION_ON;
  if (v === false || v === 'off') return 'off';
  if (v === BIAS_CORRECTION_AUTO) return BIAS_CORRECTION_AUTO;
  if ((BIAS_CORRECTION_SCOPES as readonly unknown[]).includes(v)) return v as BiasCorrectionScope;
  throw new EdgeLabError('BAD_INPUT', `biasCorrection must be true, false, ${BIAS_CORRECTION_AUTO} or one of ${BIAS_CORRECTION_SCOPES.join(', ')}`, file);
}

/** Reads and opens the calibration options of transform `settings`; BAD_INPUT naming `file` without a source. */
export async function readCalibrationOptions(s: Record<string, unknown>, file: string): Promise<CalibrationOptions> {
  if (typeof s.calibration !== 'string') throw new EdgeLabError('BAD_INPUT', 'int8 needs a calibration clip or image folder (--calibration)', file);
  const source = await openCalibrationSource(s.calibration);
  const method = (s.method as string | undefined) ?? DEFAULT_METHOD;
  const percentile = method === 'percentile' ? ((s.percentile as number | undefined) ?? DEFAULT_PERCENTILE) : undefined;
  return { source, method, percentile, frames: (s.frames as number | undefined) ?? DEFAULT_CALIBRATION_FRAMES, biasCorrection: readBiasCorrection(s.biasCorrection, file) };
}

/** "minmax", "percentile 99.999"… as the variant's description says it. */
export function methodText(o: CalibrationOptions): string {
  return o.method === 'percentile' ? `percentile ${o.percentile}` : o.method;
}

/** The calibration fields of a variant's settings (JSON-safe); `hash` has seen the exact frames used. */
export function calibrationSettings(o: CalibrationOptions, cal: Pick<CollectResult, 'frames' | 'seconds' | 'binsPerTensor'>, hash: Hash): Record<string, unknown> {
  return {
    method: o.method,
    ...(o.percentile !== undefined ? { percentile: o.percentile } : {}),
    calibrationFrames: cal.frames,
    calibrationSource: o.source.kind,
    calibrationSetSha256: hash.digest('hex'),
    calibrationSeconds: Number(cal.seconds.toFixed(3)),
    histogramBins: cal.binsPerTensor,
  };
}
