import { describe, expect, it } from 'vitest';
import { getTransform, listTransforms } from '../../../src-main/transforms/registry';
import { fp16Onnx } from '../../../src-main/transforms/fp16-onnx';
import { fp16Tfjs } from '../../../src-main/transforms/fp16-tfjs';
import { onnxToTflite } from '../../../src-main/transforms/onnx-to-tflite/convert';

describe('transform registry', () => {
  it('maps (kind, format) to the transform', () => {
    expect(getTransform('fp16', 'onnx')).toBe(fp16Onnx);
    expect(getTransform('fp16', 'tfjs-graph')).toBe(fp16Tfjs);
    expect(getTransform('tflite', 'onnx')).toBe(onnxToTflite);
    expect(listTransforms()).toEqual(
      expect.arrayContaining([
        { kind: 'fp16', format: 'tfjs-graph' },
        { kind: 'fp16', format: 'onnx' },
        { kind: 'uint8', format: 'tfjs-graph' },
        { kind: 'uint16', format: 'tfjs-graph' },
        { kind: 'int8', format: 'tfjs-graph' },
      ]),
    );
    const pairs = listTransforms().map((p) => `${p.kind}/${p.format}`);
    expect(new Set(pairs).size).toBe(pairs.length); // one transform per (kind, format)
  });

  it('throws UNSUPPORTED naming what exists', () => {
    expect(() => getTransform('uint8', 'onnx')).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
    expect(() => getTransform('uint8', 'onnx')).toThrow(/no uint8 transform for onnx models; available: fp16 \(tfjs-graph\), fp16 \(onnx\), uint8 \(tfjs-graph\)/);
  });
});
