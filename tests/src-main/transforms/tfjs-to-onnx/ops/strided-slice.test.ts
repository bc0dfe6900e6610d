// StridedSlice with every mask: begin/end masks, strides > 1, shrink_axis, new_axis with ellipsis, negative
// strides with begin/end masks. Plan unit checks plus TF.js vs onnxruntime on a tiny graph.
import { describe, expect, it } from 'vitest';
import { planStridedSlice } from '../../../../../src-main/transforms/tfjs-to-onnx/ops/strided-slice';
import { int, I, TinyGraph, roundTrip } from '../tiny-graph';

const masks = (m: Partial<{ begin: number; end: number; ellipsis: number; newAxis: number; shrink: number }>) => ({ begin: 0, end: 0, ellipsis: 0, newAxis: 0, shrink: 0, ...m });

describe('StridedSlice', () => {
  it('plans only the axes that are cut; ellipsis skips the axes it covers', () => {
    // x[..., 1:2] on rank 4: one slice on axis 3.
    expect(planStridedSlice(4, [0, 1], [0, 2], [1, 1], masks({ ellipsis: 1 }))).toEqual([{ axis: 3, start: 1, end: 2, step: 1 }]);
    // x[:, 5] (shrink) on rank 4.
    expect(planStridedSlice(4, [0, 5], [0, 6], [1, 1], masks({ begin: 1, end: 1, shrink: 2 }))[1]).toEqual({ axis: 1, start: 5, end: 6, step: 1 });
    expect(() => planStridedSlice(2, [0, 0, 0], [1, 1, 1], [1, 1, 1], masks({}))).toThrow(/covers 3 axes/);
  });

  it('matches TF.js for masks, strides, negative strides and new axes', async () => {
    const g = new TinyGraph([1, 17, 17, 3]);
    const c = (name: string, v: number[]) => g.const(name, v, [v.length], 'int32');
    const ss = (name: string, b: number[], e: number[], s: number[], m: Record<string, number>) =>
      g.op(name, 'StridedSlice', ['x', c(`${name}/b`, b), c(`${name}/e`, e), c(`${name}/s`, s)], {
        Index: I,
        begin_mask: int(m.begin ?? 0),
        end_mask: int(m.end ?? 0),
        ellipsis_mask: int(m.ellipsis ?? 0),
        new_axis_mask: int(m.newAxis ?? 0),
        shrink_axis_mask: int(m.shrink ?? 0),
      });
    ss('steps', [0, 1, 2, 0], [0, 15, -1, 0], [1, 2, 3, 1], { begin: 9, end: 9 }); // x[:, 1:15:2, 2:-1:3, :]
    ss('shrink', [0, 5], [0, 6], [1, 1], { begin: 1, end: 1, shrink: 2 }); // x[:, 5]
    ss('ellipsis_newaxis', [0, 0, 1], [0, 0, 2], [1, 1, 1], { ellipsis: 1, newAxis: 2 }); // x[..., None, 1:2]
    ss('reverse', [0, -1, 0, 0], [0, 0, 0, 0], [1, -1, 1, 1], { begin: 13, end: 13 }); // x[:, -1:0:-1]
    ss('reverse_to_start', [0, 10], [0, 0], [1, -2], { begin: 1, end: 3 }); // x[:, 10::-2]
    ss('shrink_last', [0, 0, 0, -1], [0, 0, 0, 0], [1, 1, 1, 1], { begin: 7, end: 7, shrink: 8 }); // x[..., -1]
    const r = await roundTrip(g);
    expect(r.tf.shrink.shape).toEqual([1, 17, 3]);
    expect(r.tf.ellipsis_newaxis.shape).toEqual([1, 17, 17, 1, 1]);
    expect(r.tf.reverse.shape).toEqual([1, 16, 17, 3]);
    expect(r.tf.reverse_to_start.shape).toEqual([1, 6, 17, 3]);
    expect(r.tf.shrink_last.shape).toEqual([1, 17, 17]);
    for (const [k, d] of Object.entries(r.diff)) expect(d, k).toBe(0);
  });
});
