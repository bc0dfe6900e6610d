// FaceRes embedder (TF.js, float16-stored weights, _FusedMatMul heads) converted: embeddings of real face
// crops (the portrait clip, face region cropped and resized as the embed step does) agree with TF.js,
// cosine > 0.999, and the transform's own check is tight.
import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledModelPath, findBundledModel } from '../../../../src-main/models/catalog';
import { decodeFrames } from '../../../../src-main/media/decode';
import { preprocess } from '../../../../src-main/pipeline/nodes/preprocess';
import { onnxRuntime } from '../../../../src-main/runtimes/onnx-runtime';
import { tfjsRuntime } from '../../../../src-main/runtimes/tfjs-runtime';
import { tfjsToOnnx } from '../../../../src-main/transforms/tfjs-to-onnx/convert';
import { faceClip } from '../../../support/face-clip';

const FACERES = findBundledModel('faceres')!;

/** A w×h crop of packed RGB at (x, y). */
function crop(rgb: Uint8Array, width: number, x: number, y: number, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h * 3);
  for (let r = 0; r < h; r++) out.set(rgb.subarray(((y + r) * width + x) * 3, ((y + r) * width + x + w) * 3), r * w * 3);
  return out;
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / Math.sqrt(aa * bb);
}

describe('FaceRes TF.js → ONNX', () => {
  it('embeddings of real face crops: cosine > 0.999 against TF.js', async () => {
    const outDir = await fs.mkdtemp(join(tmpdir(), 'edgelab-faceres-onnx-'));
    const out = await tfjsToOnnx.apply({ source: bundledModelPath(FACERES), outDir, settings: {} }, { progress: () => {} });
    expect(out.check!.outputs['global_pooling/Mean'].maxAbsError).toBeLessThan(1e-4);
    const a = await tfjsRuntime.load(bundledModelPath(FACERES));
    const b = await onnxRuntime.load(out.mainFile);
    const name = FACERES.meta.embedding!.output;
    const cosines: number[] = [];
    try {
      for await (const f of decodeFrames(await faceClip(), { maxFrames: 40 })) {
        if (f.index % 13 !== 0) continue;
        // The portrait's face sits in the middle of the 320×320 window: a 176×176 crop around it.
        const c = crop(f.rgb, f.width, 72, 40, 176, 176);
        const feeds = { [FACERES.meta.input.name!]: preprocess(c, 176, 176, FACERES.meta.input).tensor };
        const ea = (await a.run(feeds, [name]))[name].data;
        const eb = (await b.run(feeds, [name]))[name].data;
        expect(eb.length).toBe(1024);
        cosines.push(cosine(ea, eb));
      }
    } finally {
      await a.dispose();
      await b.dispose();
      await fs.rm(outDir, { recursive: true, force: true });
    }
    expect(cosines).toHaveLength(4);
    for (const c of cosines) expect(c).toBeGreaterThan(0.999);
  });
});
