// fp16 of a .tflite (transforms/fp16-tflite.ts) on real models: a hand-built conv net (32×32×3, He-scaled weights)
// and the float fixtures of tests/fixtures/tflite. Every float32 constant becomes float16 + DEQUANTIZE (v3), as TF's
// converter writes it; outputs in LiteRT.js agree with the float32 file (cosine ≥ 0.9999); the file is ~0.5×.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { silentJob } from '../../../src-main/jobs/context';
import { fp16Tflite } from '../../../src-main/transforms/fp16-tflite';
import { getTransform } from '../../../src-main/transforms/registry';
import { readTfliteModel } from '../../../src-main/formats/tflite/read-model';
import { writeTfliteAtomic } from '../../../src-main/formats/tflite/writer';
import { cosine, imageFill, runTflite, smallConvNet } from '../../support/tflite-build';

const FIX = join(process.cwd(), 'tests/fixtures/tflite');
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-fp16-tflite-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function variant(source: string, settings: Record<string, unknown> = {}) {
  const outDir = await fs.mkdtemp(join(dir, 'out-'));
  const res = await fp16Tflite.apply({ source, outDir, settings }, silentJob);
  const bytes = new Uint8Array(await fs.readFile(res.mainFile));
  return { res, bytes, model: readTfliteModel(bytes, res.mainFile) };
}

async function compare(src: string, out: string, fill: (i: number) => number): Promise<number> {
  const a = await runTflite(src, fill);
  const b = await runTflite(out, fill);
  let worst = 1;
  for (const k of Object.keys(a)) worst = Math.min(worst, cosine(a[k].data, b[k].data));
  return worst;
}

describe('fp16 of a .tflite', () => {
  it('is the registry transform for (fp16, tflite)', () => expect(getTransform('fp16', 'tflite')).toBe(fp16Tflite));

  it('conv net: float16 constants + DEQUANTIZE v3 first, float32 compute; cosine ≥ 0.9999 vs float32; size ≈ 0.5×', async () => {
    const src = join(dir, 'net.tflite');
    const f32 = await writeTfliteAtomic(src, smallConvNet());
    const { res, bytes, model } = await variant(src);
    const deq = model.operators.filter((o) => o.op === 'DEQUANTIZE');
    expect(deq.length).toBe(12); // 6 weights + 6 biases (gap/axes is int32)
    expect(model.operators.slice(0, 12).every((o) => o.op === 'DEQUANTIZE' && o.version === 3)).toBe(true);
    for (const o of deq) {
      expect(model.tensors[o.inputs[0]].type).toBe('float16');
      expect(model.tensors[o.outputs[0]].type).toBe('float32');
      expect(model.tensors[o.outputs[0]].data).toBeUndefined();
    }
    expect(model.tensors.filter((t) => t.data && t.type === 'float32')).toEqual([]);
    expect(model.tensors.find((t) => t.name === 'conv2/w')!.data).toBeUndefined(); // consumers keep the float32 name
    expect(res.settings).toMatchObject({ storage: 'float16', compute: 'float32', convertedConstants: 12 });
    const ratio = bytes.length / f32.length;
    console.log(`fp16 conv net: ${f32.length} → ${bytes.length} bytes (${ratio.toFixed(3)}×)`);
    expect(ratio).toBeGreaterThan(0.48);
    expect(ratio).toBeLessThan(0.53);
    const c = await compare(src, res.mainFile, imageFill);
    console.log(`fp16 conv net vs float32 (LiteRT.js): cosine ${c}`);
    expect(c).toBeGreaterThanOrEqual(0.9999);
  });

  it('--exclude keeps a named constant and the constants of a named op (its output tensor) in float32', async () => {
    const src = join(dir, 'net-x.tflite');
    await writeTfliteAtomic(src, smallConvNet());
    const { res, model } = await variant(src, { exclude: ['conv1/w', 'pw1'] });
    expect(res.keptFloat).toEqual(expect.arrayContaining([
      { name: 'conv1/w', reason: 'excluded by --exclude' },
      { name: 'pw1/w', reason: "read by CONV_2D 'pw1', excluded by --exclude" },
      { name: 'pw1/b', reason: "read by CONV_2D 'pw1', excluded by --exclude" },
    ]));
    const f32 = model.tensors.filter((t) => t.data && t.type === 'float32').map((t) => t.name).sort();
    expect(f32).toEqual(['conv1/w', 'pw1/b', 'pw1/w']);
    expect(res.settings!.convertedConstants).toBe(9);
  });

  for (const [f, fill] of [
    ['hello_world_float.tflite', () => Math.PI / 3],
    ['tiny_embedder_float.tflite', imageFill],
    ['tiny_ssd_postprocess.tflite', imageFill],
  ] as const) {
    it(`${f} (TF converter file): outputs agree with the float32 file (cosine ≥ 0.9999)`, async () => {
      const src = join(FIX, f);
      const { res, model } = await variant(src);
      expect(model.operators.some((o) => o.op === 'DEQUANTIZE')).toBe(true);
      const c = await compare(src, res.mainFile, fill);
      console.log(`fp16 ${f}: cosine ${c}`);
      expect(c).toBeGreaterThanOrEqual(0.9999);
      if (f === 'tiny_ssd_postprocess.tflite') {
        expect(res.keptFloat.some((k) => /custom op TFLite_Detection_PostProcess/.test(k.reason))).toBe(true); // the anchors
      }
    });
  }

  it('refuses compute float16 (TFLite fp16 variants compute in float32)', async () => {
    const e = await variant(join(FIX, 'hello_world_float.tflite'), { compute: 'float16' }).catch((x: unknown) => x as { code: string; message: string });
    expect(e).toMatchObject({ code: 'UNSUPPORTED' });
  });
});
