// The CenterNet tail pattern on a tiny graph: TopKV2 over a flattened map, integer FloorDiv/FloorMod of the
// indices (including negative operands, where floor and truncation differ), float FloorDiv/FloorMod, Cast,
// GatherV2 by the indices, ConcatV2 — TF.js vs onnxruntime, exact.
import { describe, expect, it } from 'vitest';
import { F, I, int, TinyGraph, roundTrip } from '../tiny-graph';

describe('tfjs-to-onnx TopKV2 and integer arithmetic', () => {
  it('TopKV2 values/indices, FloorDiv/FloorMod (int and float), Cast, GatherV2, ConcatV2', async () => {
    const g = new TinyGraph([1, 17, 17, 3]);
    const ci = (name: string, v: number[], shape = [v.length]) => g.const(name, v, shape, 'int32');
    const flat = g.op('flat', 'Reshape', ['x', ci('shape', [1, -1])], { Tshape: I });
    g.op('topk', 'TopKV2', [flat, ci('k', [10], [])], { sorted: { b: true } });
    const shifted = g.op('shifted', 'Sub', ['topk:1', ci('off', [400], [])], { T: I }); // some indices negative
    const fd = g.op('fd', 'FloorDiv', [shifted, ci('d', [7], [])], { T: I });
    const fm = g.op('fm', 'FloorMod', [shifted, ci('m', [7], [])], { T: I });
    const fdf = g.op('fdf', 'Cast', [fd], { SrcT: I, DstT: F });
    const fmf = g.op('fmf', 'Cast', [fm], { SrcT: I, DstT: F });
    const vec = g.op('vec', 'Reshape', ['x', ci('vshape', [-1])], { Tshape: I });
    const picked = g.op('picked', 'GatherV2', [vec, 'topk:1', ci('ax0', [0], [])], { Tparams: F, Tindices: I, Taxis: I, batch_dims: int(0) });
    g.op('rows', 'ConcatV2', ['topk', fdf, fmf, picked, ci('ax', [1], [])], { N: int(4), Tidx: I });
    g.op('ffd', 'FloorDiv', ['x', g.const('p3', [0.3], [])]);
    g.op('ffm', 'FloorMod', ['x', g.const('p3b', [0.3], [])]);
    const r = await roundTrip(g);
    expect(r.tf.rows.shape).toEqual([1, 40]);
    const rows = Array.from(r.onnx.rows.data as Float32Array);
    // Values sorted descending, and the gathered values equal them (indices right).
    for (let i = 1; i < 10; i++) expect(rows[i]).toBeLessThanOrEqual(rows[i - 1]);
    expect(rows.slice(30, 40)).toEqual(rows.slice(0, 10));
    expect(r.diff.rows).toBe(0);
    expect(r.diff.ffd).toBe(0);
    expect(r.diff.ffm).toBeLessThan(1e-6);
  });
});
