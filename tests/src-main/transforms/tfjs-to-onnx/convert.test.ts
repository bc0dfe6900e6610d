// The 'onnx' transform as a whole: registered for TF.js graph models; unsupported ops refused up front with
// the list and counts, naming the file, nothing written; bad settings; cancellation leaves nothing behind.
import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EdgeLabError } from '../../../../src-shared/protocol';
import { getTransform, listTransforms } from '../../../../src-main/transforms/registry';
import { tfjsToOnnx } from '../../../../src-main/transforms/tfjs-to-onnx/convert';
import { I, ints, roundTrip, str, TinyGraph } from './tiny-graph';

async function emptyDir(): Promise<string> {
  return fs.mkdtemp(join(tmpdir(), 'edgelab-onnx-out-'));
}

function conv(): TinyGraph {
  const g = new TinyGraph([1, 9, 9, 3]);
  g.op('y', 'Conv2D', ['x', g.rand('w', [3, 3, 3, 2])], { strides: ints([1, 1, 1, 1]), dilations: ints([1, 1, 1, 1]), padding: str('SAME') });
  return g;
}

describe('tfjs-to-onnx transform', () => {
  it('is the registered onnx transform for tfjs-graph models', () => {
    expect(getTransform('onnx', 'tfjs-graph')).toBe(tfjsToOnnx);
    expect(listTransforms()).toContainEqual({ kind: 'onnx', format: 'tfjs-graph' });
  });

  it('refuses unsupported ops with a list and counts, naming the file; writes nothing', async () => {
    const g = new TinyGraph([1, 9, 9, 3]);
    const ax = g.const('ax', [1], [], 'int32');
    const c1 = g.op('c1', 'Cumsum', ['x', ax], { Tidx: I });
    const c2 = g.op('c2', 'Cumsum', [c1, ax], { Tidx: I });
    g.op('atan', 'Atan2', [c2, 'x']);
    const file = await g.write();
    const outDir = await emptyDir();
    const err = await tfjsToOnnx.apply({ source: file, outDir, settings: {} }, { progress: () => {} }).catch((e) => e);
    expect(err).toBeInstanceOf(EdgeLabError);
    expect(err.code).toBe('UNSUPPORTED');
    expect(err.file).toBe(file);
    expect(err.message).toContain('cannot convert: Cumsum ×2, Atan2 ×1');
    expect(await fs.readdir(outDir)).toEqual([]);
  });

  it('a model whose input is not an image is checked on stated synthetic inputs', async () => {
    const g = new TinyGraph([1, 10]);
    const h = g.op('h', 'MatMul', ['x', g.rand('w', [10, 4], 3)], { transpose_a: { b: false }, transpose_b: { b: false } });
    g.op('p', 'Softmax', [h]);
    const r = await roundTrip(g, { checkFrames: 2 });
    expect(r.out.check!.input).toMatch(/^synthetic: 2 pseudo-random inputs .* x \[1,10\]/);
    expect(r.out.check!.frames).toEqual([]);
    expect(r.out.check!.maxAbsError).toBeLessThan(1e-6);
    expect(r.diff.p).toBeLessThan(1e-6);
  });

  it('refuses bad settings and unknown tensors', async () => {
    const file = await conv().write();
    const outDir = await emptyDir();
    for (const settings of [{ checkFrames: 0 }, { inputAt: 5 }, { outputs: ['nope'] }]) {
      const err = await tfjsToOnnx.apply({ source: file, outDir, settings }, { progress: () => {} }).catch((e) => e);
      expect(err, JSON.stringify(settings)).toBeInstanceOf(EdgeLabError);
      expect(err.code).toBe('BAD_INPUT');
    }
    expect(await fs.readdir(outDir)).toEqual([]);
  });

  it('a cancelled conversion (during the check, after the write) throws CANCELLED and leaves nothing', async () => {
    const file = await conv().write();
    const outDir = await emptyDir();
    const ac = new AbortController();
    let sawCheck = false;
    const err = await tfjsToOnnx
      .apply({ source: file, outDir, settings: {} }, {
        signal: ac.signal,
        progress: (p) => {
          if (p.stage === 'onnx: check') {
            sawCheck = true;
            ac.abort();
          }
        },
      })
      .catch((e) => e);
    expect(sawCheck).toBe(true);
    expect(err).toBeInstanceOf(EdgeLabError);
    expect(err.code).toBe('CANCELLED');
    expect(await fs.readdir(outDir)).toEqual([]);
  });
});
