// The one TF dtype table: attrs written by number or 'DT_*' name read the same; what TF.js loads each as; which
// dtypes a weights manifest may store, and their sizes.
import { describe, expect, it } from 'vitest';
import { isTfFloat32, isTfFloatActivation, manifestStoredBytes, tfDtypeName, tfjsDtypeOf } from '../../../../src-main/formats/tfjs/dtypes';

describe('TF dtype table', () => {
  it('reads enum numbers and DT_* names alike', () => {
    for (const [num, name, edgelab] of [[1, 'DT_FLOAT', 'float32'], [19, 'DT_HALF', 'float16'], [9, 'DT_INT64', 'int64'], [10, 'DT_BOOL', 'bool']] as const) {
      expect(tfDtypeName(num)).toBe(edgelab);
      expect(tfDtypeName(String(num))).toBe(edgelab);
      expect(tfDtypeName(name)).toBe(edgelab);
    }
    expect(tfDtypeName('DT_VARIANT')).toBeUndefined();
  });

  it('says what TF.js holds each as, and which are float', () => {
    expect(tfjsDtypeOf('DT_UINT8')).toBe('int32');
    expect(tfjsDtypeOf(19)).toBe('float32');
    expect(tfjsDtypeOf('DT_VARIANT')).toBe('unknown');
    expect(isTfFloat32('DT_FLOAT')).toBe(true);
    expect(isTfFloat32('DT_HALF')).toBe(false);
    expect(isTfFloatActivation('19')).toBe(true);
    expect(isTfFloatActivation('DT_INT32')).toBe(false);
  });

  it('manifest storage: TF.js dtypes and the quantization dtypes only', () => {
    expect(manifestStoredBytes('float32')).toBe(4);
    expect(manifestStoredBytes('float16')).toBe(2);
    expect(manifestStoredBytes('uint8')).toBe(1);
    expect(manifestStoredBytes('uint16')).toBe(2);
    expect(manifestStoredBytes('complex64')).toBe(8);
    expect(manifestStoredBytes('string')).toBeUndefined();
    expect(manifestStoredBytes('int64')).toBeUndefined();
    expect(manifestStoredBytes('complex256')).toBeUndefined();
  });
});
