// validateVariant: generic over runtimes (onnxruntime, tfjs), by-name output pairing, image-folder source.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledModelPath, findBundledModel, samplesDir } from '../../../src-main/models/catalog';
import { silentJob } from '../../../src-main/jobs/context';
import { validateVariant } from '../../../src-main/validation/validate';
import { fp16Tfjs } from '../../../src-main/transforms/fp16-tfjs';
import { ffmpegPath } from '../transforms/real-frame';

const CUP = join(samplesDir(), 'cup.mp4');
const blaze = findBundledModel('blazeface-front')!;
let scratch: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-validate-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

describe('validateVariant', () => {
  it('a model against itself: SNR at the cap, cosine 1, error 0, every output listed', async () => {
    const f = bundledModelPath(blaze);
    const v = await validateVariant({ reference: { file: f, format: 'onnx' }, variant: { file: f, format: 'onnx' }, meta: blaze.meta, source: CUP, frames: 3 }, silentJob);
    expect(v).toMatchObject({ snrDb: 999, cosine: 1, maxAbsError: 0, frames: 3 });
    expect(v.perOutput).toHaveLength(4);
  });

  it('reads frames from an image folder (ffmpeg-decoded JPEGs), and stops at the frames asked', async () => {
    const imgs = join(scratch, 'imgs');
    await fs.mkdir(imgs);
    await promisify(execFile)(ffmpegPath(), ['-v', 'error', '-i', CUP, '-frames:v', '3', '-vf', 'select=not(mod(n\\,30))', '-vsync', '0', join(imgs, 'f%02d.jpg')]);
    expect((await fs.readdir(imgs)).length).toBe(3);
    const f = bundledModelPath(blaze);
    const v = await validateVariant({ reference: { file: f, format: 'onnx' }, variant: { file: f, format: 'onnx' }, meta: blaze.meta, source: imgs, frames: 10 }, silentJob);
    expect(v.frames).toBe(3);
  });

  it('works on TF.js models too: SSD float32 vs its fp16 variant on real frames (tfjs runtime)', async () => {
    const ssd = findBundledModel('ssd-mobilenet-v2-coco')!;
    const out = join(scratch, 'ssd16');
    await fs.mkdir(out);
    const res = await fp16Tfjs.apply({ source: bundledModelPath(ssd), outDir: out, settings: {} }, silentJob);
    const v = await validateVariant({ reference: { file: bundledModelPath(ssd), format: 'tfjs-graph' }, variant: { file: res.mainFile, format: 'tfjs-graph' }, meta: ssd.meta, source: CUP, frames: 2 }, silentJob);
    expect(v.frames).toBe(2);
    expect(v.snrDb).toBeGreaterThan(30);
    expect(v.snrDb).toBeLessThan(999);
    expect(v.cosine).toBeGreaterThan(0.999);
  }, 120_000);
});
