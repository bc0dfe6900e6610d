// Shape-moving ops on a tiny graph: Pack/Unpack, ConcatV2 with a negative axis, Transpose, Tile, Pad, Slice
// with size −1, Reshape/ExpandDims/Squeeze, GatherV2 — TF.js vs onnxruntime, bit-exact (no arithmetic).
import { describe, expect, it } from 'vitest';
import { F, I, int, ints, TinyGraph, roundTrip } from '../tiny-graph';

describe('tfjs-to-onnx shape ops', () => {
  it('Pack, Unpack, ConcatV2, Transpose, Tile, Pad, Slice, Reshape, ExpandDims, Squeeze, GatherV2', async () => {
    const g = new TinyGraph([1, 17, 17, 3]);
    const ci = (name: string, v: number[], shape = [v.length]) => g.const(name, v, shape, 'int32');
    const x2 = g.op('x2', 'Mul', ['x', g.const('two', [2], [])]);
    g.op('pack', 'Pack', ['x', x2], { N: int(2), axis: int(1) });
    g.op('unpack', 'Unpack', ['x'], { num: int(3), axis: int(3) });
    g.op('unpack_sum', 'AddV2', ['unpack', 'unpack:2']);
    g.op('concat', 'ConcatV2', ['x', x2, ci('cax', [-1], [])], { N: int(2), Tidx: I });
    g.op('transpose', 'Transpose', ['x', ci('perm', [0, 3, 1, 2])], { Tperm: I });
    g.op('tile', 'Tile', ['x', ci('mult', [1, 1, 2, 2])], { Tmultiples: I });
    g.op('pad', 'Pad', ['x', ci('pads', [0, 0, 1, 2, 3, 0, 0, 0], [4, 2])], { Tpaddings: I });
    g.op('slice', 'Slice', ['x', ci('sb', [0, 2, 3, 0]), ci('ss', [-1, 5, 4, 2])], { Index: I });
    const flat = g.op('flat', 'Reshape', ['x', ci('fs', [-1])], { Tshape: I });
    g.op('gather', 'GatherV2', [flat, ci('gi', [5, 0, 866, 5], [2, 2]), ci('gax', [0], [])], { Tparams: F, Tindices: I, Taxis: I, batch_dims: int(0) });
    const ex = g.op('expand', 'ExpandDims', ['x', ci('ed', [0], [])], { Tdim: I });
    g.op('squeeze', 'Squeeze', [ex], { squeeze_dims: ints([0]) });
    const r = await roundTrip(g);
    expect(r.tf.pack.shape).toEqual([1, 2, 17, 17, 3]);
    expect(r.tf.unpack_sum.shape).toEqual([1, 17, 17]);
    expect(r.tf.pad.shape).toEqual([1, 20, 20, 3]);
    expect(r.tf.slice.shape).toEqual([1, 5, 4, 2]);
    expect(r.tf.gather.shape).toEqual([2, 2]);
    for (const [k, d] of Object.entries(r.diff)) expect(d, k).toBe(0);
  });
});
