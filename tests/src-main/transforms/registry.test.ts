import { describe, expect, it } from 'vitest';
import { getTransform, listTransforms } from '../../../src-main/transforms/registry';
import { fp16Onnx } from '../../../src-main/transforms/fp16-onnx';
import { fp16Tfjs } from '../../../src-main/transforms/fp16-tfjs';

describe('transform registry', () => {
  it('maps (kind, format) to the transform', () => {
    expect(getTransform('fp16', 'onnx')).toBe(fp16Onnx);
    expect(getTransform('fp16', 'tfjs-graph')).toBe(fp16Tfjs);
    expect(listTransforms()).toEqual([
      { kind: 'fp16', format: 'tfjs-graph' },
      { kind: 'fp16', format: 'onnx' },
    ]);
  });

  it('throws UNSUPPORTED naming what exists', () => {
    expect(() => getTransform('int8', 'onnx')).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
    expect(() => getTransform('int8', 'onnx')).toThrow(/no int8 transform for onnx models; available: fp16 \(tfjs-graph\), fp16 \(onnx\)/);
  });
});
