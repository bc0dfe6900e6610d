// The layout pass keeps the interior in NCHW: conv → hard-swish (Add of a constant, Clip, Mul, Mul by a
// per-channel constant) → squeeze-excite style Mean(keep_dims) → conv → Concat → conv runs with one Transpose
// in and one out, and the result still matches TF.js; a tensor also read in NHWC (a Reshape) keeps its Transpose.
import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import onnxProto from 'onnx-proto';
import { bool, I, int, ints, str, TinyGraph, roundTrip } from './tiny-graph';

const CONV = { strides: ints([1, 1, 1, 1]), dilations: ints([1, 1, 1, 1]), padding: str('SAME') };

async function transposes(file: string): Promise<number> {
  const m = onnxProto.onnx.ModelProto.decode(await fs.readFile(file));
  return (m.graph?.node ?? []).filter((n) => n.opType === 'Transpose').length;
}

describe('tfjs-to-onnx layout pass', () => {
  it('elementwise ops, keepdims means and concats between convs run in NCHW: 2 Transposes', async () => {
    const g = new TinyGraph([1, 11, 11, 3]);
    const a = g.op('a', 'Conv2D', ['x', g.rand('w1', [3, 3, 3, 4], 1)], CONV);
    const plus3 = g.op('plus3', 'AddV2', [a, g.const('three', [3], [])]);
    const clip = g.op('clip', 'Relu6', [plus3]);
    const hs = g.op('hs', 'Mul', [g.op('hs0', 'Mul', [a, clip]), g.rand('perchan', [4], 2)]);
    const se = g.op('se', 'Mean', [hs, g.const('ax', [1, 2], [2], 'int32')], { keep_dims: bool(true), Tidx: I });
    const scaled = g.op('scaled', 'Mul', [hs, g.op('gate', 'Sigmoid', [se])]);
    const b = g.op('b', 'Conv2D', [scaled, g.rand('w2', [1, 1, 4, 4], 3)], CONV);
    const cat = g.op('cat', 'ConcatV2', [b, scaled, g.const('cax', [-1], [], 'int32')], { N: int(2), Tidx: I });
    g.op('out', 'Conv2D', [cat, g.rand('w3', [3, 3, 8, 2], 4)], CONV);
    const r = await roundTrip(g);
    expect(await transposes(r.out.mainFile)).toBe(2);
    expect(r.out.settings?.transposes).toEqual({ perOp: 6, kept: 2 });
    expect(r.diff.out).toBeLessThan(1e-4);
  });

  it('keeps the NHWC tensor where a shape op reads it', async () => {
    const g = new TinyGraph([1, 7, 7, 3]);
    const a = g.op('a', 'Conv2D', ['x', g.rand('w1', [3, 3, 3, 2], 1)], CONV);
    const relu = g.op('relu', 'Relu', [a]);
    g.op('flat', 'Reshape', [relu, g.const('s', [1, -1], [2], 'int32')], { Tshape: I });
    g.op('out', 'Conv2D', [relu, g.rand('w2', [1, 1, 2, 2], 2)], CONV);
    const r = await roundTrip(g);
    expect(await transposes(r.out.mainFile)).toBe(3); // input, relu → NHWC for the Reshape, output
    expect(r.diff.flat).toBeLessThan(1e-5);
    expect(r.diff.out).toBeLessThan(1e-5);
  });
});
