// MaxPool / AvgPool (SAME stride 2 on an odd input, where TF excludes the padding from averages; VALID) and
// Mean with and without keep_dims, TF.js vs onnxruntime.
import { describe, expect, it } from 'vitest';
import { bool, I, ints, str, TinyGraph, roundTrip } from '../tiny-graph';

describe('tfjs-to-onnx pooling and reductions', () => {
  it('MaxPool/AvgPool SAME and VALID, Mean keep_dims true/false, Sum', async () => {
    const g = new TinyGraph([1, 17, 17, 3]);
    const pool = (k: number, s: number, pad: string) => ({ ksize: ints([1, k, k, 1]), strides: ints([1, s, s, 1]), padding: str(pad), data_format: str('NHWC') });
    g.op('max_same', 'MaxPool', ['x'], pool(3, 2, 'SAME'));
    g.op('avg_same', 'AvgPool', ['x'], pool(3, 2, 'SAME'));
    g.op('avg_valid', 'AvgPool', ['x'], pool(2, 2, 'VALID'));
    g.op('mean_keep', 'Mean', ['x', g.const('ax12', [1, 2], [2], 'int32')], { keep_dims: bool(true), Tidx: I });
    g.op('mean_drop', 'Mean', ['x', g.const('ax1', [-3], [1], 'int32')], { keep_dims: bool(false), Tidx: I });
    g.op('sum_keep', 'Sum', ['x', g.const('ax3', [3], [1], 'int32')], { keep_dims: bool(true), Tidx: I });
    const r = await roundTrip(g);
    expect(r.tf.max_same.shape).toEqual([1, 9, 9, 3]);
    expect(r.tf.mean_keep.shape).toEqual([1, 1, 1, 3]);
    expect(r.tf.mean_drop.shape).toEqual([1, 17, 3]);
    for (const [k, d] of Object.entries(r.diff)) expect(d, k).toBeLessThan(1e-5);
  });
});
