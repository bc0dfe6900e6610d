// The int8 option vocabularies of src-shared/types/model.ts the UI's New variant form uses: the --bias-correction
// flag ↔ API biasCorrection mapping both ways, and the weight ranges ↔ API reduceRange.
import { describe, expect, it } from 'vitest';
import {
  BIAS_CORRECTION_FLAG,
  BIAS_CORRECTION_SCOPES,
  DEFAULT_BIAS_CORRECTION,
  INT8_WEIGHT_RANGES,
  biasCorrectionFlag,
  biasCorrectionFromFlag,
  int8WeightRange,
} from '../../../src-shared/types/model';

describe('int8 option vocabularies', () => {
  it('biasCorrectionFlag inverts biasCorrectionFromFlag for every flag; absent or unknown = the default', () => {
    for (const f of BIAS_CORRECTION_FLAG) expect(biasCorrectionFlag(biasCorrectionFromFlag(f))).toBe(f);
    expect(biasCorrectionFlag(undefined)).toBe(DEFAULT_BIAS_CORRECTION);
    expect(biasCorrectionFlag('sideways')).toBe(DEFAULT_BIAS_CORRECTION);
    expect(BIAS_CORRECTION_FLAG).toEqual(expect.arrayContaining([...BIAS_CORRECTION_SCOPES]));
  });

  it('INT8_WEIGHT_RANGES: automatic = reduceRange absent, 8-bit = false, 7-bit = true; int8WeightRange inverts it', () => {
    expect(INT8_WEIGHT_RANGES.map((r) => [r.id, r.reduceRange])).toEqual([['auto', undefined], ['8-bit', false], ['7-bit', true]]);
    for (const r of INT8_WEIGHT_RANGES) expect(int8WeightRange(r.reduceRange)).toBe(r.id);
    expect(int8WeightRange('yes')).toBe('auto');
  });
});
