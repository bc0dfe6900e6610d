// The New variant form's int8 options that apply to ONNX int8 (static QDQ) only: bias correction (off / on / a scope,
// the `--bias-correction` choices) and the weight range (automatic from the converting CPU / 8-bit / 7-bit). The
// choices come from src-shared (BIAS_CORRECTION_FLAG, INT8_WEIGHT_RANGES); convertModel gets a field only when it
// differs from the default (absent = default).
import type { ArgsIn } from '../../src-shared/api';
import {
  BIAS_CORRECTION_AUTO,
  BIAS_CORRECTION_FLAG,
  BIAS_CORRECTION_ON,
  INT8_WEIGHT_RANGES,
  biasCorrectionFlag,
  biasCorrectionFromFlag,
  int8WeightRange,
  type Int8WeightRange,
} from '../../src-shared/types/model';

export type BiasCorrectionFlag = (typeof BIAS_CORRECTION_FLAG)[number];

/** What the two fields hold. */
export interface Int8OnnxChoice {
  biasCorrection: BiasCorrectionFlag;
  weights: Int8WeightRange;
}

/** The fields' values for API values (a prefill's; absent = the defaults). */
export function int8OnnxChoice(v: { biasCorrection?: unknown; reduceRange?: unknown } = {}): Int8OnnxChoice {
  return { biasCorrection: biasCorrectionFlag(v.biasCorrection), weights: int8WeightRange(v.reduceRange) };
}

/** The convertModel fields of a choice: only those that differ from the defaults. */
export function int8OnnxArgs(c: Int8OnnxChoice): Pick<ArgsIn<'convertModel'>, 'biasCorrection' | 'reduceRange'> {
  const args: Pick<ArgsIn<'convertModel'>, 'biasCorrection' | 'reduceRange'> = {};
  if (c.biasCorrection !== biasCorrectionFlag(undefined)) args.biasCorrection = biasCorrectionFromFlag(c.biasCorrection);
  const reduceRange = INT8_WEIGHT_RANGES.find((r) => r.id === c.weights)?.reduceRange;
  if (reduceRange !== undefined) args.reduceRange = reduceRange;
  return args;
}

const flagLabel = (f: BiasCorrectionFlag) =>
  f === 'on' ? `on (${BIAS_CORRECTION_ON})` : f === 'off' ? 'off' : f === BIAS_CORRECTION_AUTO ? `auto (${BIAS_CORRECTION_ON} if better on held-out frames)` : `${f} convs`;

export function Int8OnnxFields({ value, onChange }: { value: Int8OnnxChoice; onChange(c: Int8OnnxChoice): void }) {
  return (
    <>
      <label>
        bias correction
        <select data-testid="variant-bias-correction" value={value.biasCorrection} onChange={(e) => onChange({ ...value, biasCorrection: e.target.value as BiasCorrectionFlag })}>
          {BIAS_CORRECTION_FLAG.map((f) => (
            <option key={f} value={f}>
              {flagLabel(f)}
              {f === biasCorrectionFlag(undefined) ? ' (default)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        weights
        <select data-testid="variant-weights" value={value.weights} onChange={(e) => onChange({ ...value, weights: e.target.value as Int8WeightRange })}>
          {INT8_WEIGHT_RANGES.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
