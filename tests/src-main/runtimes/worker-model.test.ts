// The ONNX model on a worker thread against the BUILT worker (out/main/model-worker.js, made by `npm run build`):
// the same outputs as the in-thread session, bit for bit; fed tensors handed over or copied as asked; run times
// placed on this thread's clock; load errors and use after dispose in words.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { onnxRuntime } from '../../../src-main/runtimes/onnx-runtime';
import { loadOnnxInWorker, modelThreadFor } from '../../../src-main/runtimes/worker-model';
import type { HostTensor } from '../../../src-main/runtimes/types';
import { preprocess } from '../../../src-main/pipeline/nodes/preprocess';
import { bundled, CUP, framesAt } from '../pipeline/fixtures';

const WORKER = join(process.cwd(), 'out/main/model-worker.js');
const SSD = bundled('ssd-mobilenet-v2-coco-onnx');

function input(rgb: Uint8Array, w: number, h: number): HostTensor {
  return preprocess(rgb, w, h, SSD.meta.input).tensor;
}

describe('loadOnnxInWorker (built worker)', () => {
  it('gives the same outputs as the in-thread session on real cup frames, and times the run on this clock', async () => {
    const frames = await framesAt(CUP, [0, 30]);
    const here = await onnxRuntime.load(SSD.path, { threads: 1 });
    const there = await loadOnnxInWorker(SSD.path, WORKER, { threads: 1, handOverFeeds: true });
    try {
      expect(there.thread).toBe('worker');
      expect(there.inputs).toEqual(here.inputs);
      expect(there.outputs).toEqual(here.outputs);
      const name = here.inputs[0].name;
      for (const f of frames) {
        const want = await here.run({ [name]: input(f.rgb, f.width, f.height) });
        const feed = input(f.rgb, f.width, f.height);
        const before = performance.now();
        const got = await there.runTimed!({ [name]: feed });
        const after = performance.now();
        expect(Object.keys(got.outputs).sort()).toEqual(Object.keys(want).sort());
        for (const k of Object.keys(want)) {
          expect(got.outputs[k].shape).toEqual(want[k].shape);
          expect(got.outputs[k].dtype).toBe(want[k].dtype);
          expect(Buffer.from(got.outputs[k].data.buffer).equals(Buffer.from(want[k].data.buffer))).toBe(true);
        }
        // handed over: the feed's buffer went to the worker
        expect(feed.data.length).toBe(0);
        expect(got.startMs).toBeGreaterThanOrEqual(before - 1);
        expect(got.endMs).toBeGreaterThan(got.startMs);
        expect(got.endMs).toBeLessThanOrEqual(after + 1);
      }
      // Default: feeds are copied and stay usable.
      const copied = await loadOnnxInWorker(SSD.path, WORKER);
      const feed = input(frames[0].rgb, frames[0].width, frames[0].height);
      await copied.run({ [name]: feed });
      expect(feed.data.length).toBe(300 * 300 * 3);
      await copied.dispose();
      await expect(copied.run({ [name]: feed })).rejects.toThrow(/after dispose/);
    } finally {
      await here.dispose();
      await there.dispose();
    }
  }, 60_000);

  it('a file that is not a model fails to load with BAD_INPUT naming it; a bad feed rejects that run only', async () => {
    const err = await loadOnnxInWorker(CUP, WORKER).catch((e) => e);
    expect(err).toMatchObject({ code: 'BAD_INPUT', file: CUP });
    const m = await loadOnnxInWorker(SSD.path, WORKER);
    try {
      const name = m.inputs[0].name;
      await expect(m.run({ [name]: { data: new Float32Array(3), shape: [1, 1, 1, 3], dtype: 'float32' } })).rejects.toThrow();
      const f = (await framesAt(CUP, [0]))[0];
      const out = await m.run({ [name]: input(f.rgb, f.width, f.height) });
      expect(Object.keys(out).length).toBeGreaterThan(0);
    } finally {
      await m.dispose();
    }
  }, 60_000);

  it('modelThreadFor: from sources there is no built worker beside the module, so the model stays on this thread', () => {
    const env = process.env.EDGELAB_INFER;
    try {
      delete process.env.EDGELAB_INFER;
      expect(modelThreadFor()).toEqual({ thread: 'main' });
      expect(modelThreadFor(WORKER)).toEqual({ thread: 'worker', workerFile: WORKER });
      process.env.EDGELAB_INFER = 'main';
      expect(modelThreadFor(WORKER)).toEqual({ thread: 'main' });
      process.env.EDGELAB_INFER = 'worker';
      expect(() => modelThreadFor()).toThrow(/not built/);
    } finally {
      if (env === undefined) delete process.env.EDGELAB_INFER;
      else process.env.EDGELAB_INFER = env;
    }
  });
});
