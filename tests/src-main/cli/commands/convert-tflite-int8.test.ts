// `edgelab convert <m.tflite> --to int8` (BUILT CLI, run `npm run build` first) on the test conv net written by
// EdgeLab's TFLite writer, with a sidecar giving its input spec: --json output, validation on real frames, the
// sidecar written beside --out, keptFloat from --exclude, the file's tensors int8.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTfliteAtomic } from '../../../../src-main/formats/tflite/writer';
import { readTfliteModel } from '../../../../src-main/formats/tflite/read-model';
import { CONVNET_INPUT, tfliteConvNet } from '../../../support/tflite-convnet';
import { edgelab, tempWorkspace } from './spawn-cli';

let t: Awaited<ReturnType<typeof tempWorkspace>>;
let dir: string;
let src: string;
beforeAll(async () => {
  t = await tempWorkspace();
  dir = join(t.ws, '..');
  src = join(dir, 'convnet.tflite');
  await writeTfliteAtomic(src, tfliteConvNet());
  await fs.writeFile(join(dir, 'convnet.edgelab.json'), JSON.stringify({ task: 'embedder', input: CONVNET_INPUT, embedding: { output: 'scores', dims: 128 } }));
});
afterAll(async () => {
  await t.cleanup();
});

describe('edgelab convert <m.tflite> --to int8', () => {
  it('writes a full-integer .tflite with float I/O, validated on real frames; --exclude keeps the op float', async () => {
    const out = join(dir, 'convnet-int8.tflite');
    const r = await edgelab(t.ws, ['convert', src, '--to', 'int8', '--calibration', 'cup', '--frames', '8', '--exclude', 'mean1', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.output).toBe(out);
    expect(j.variant.format).toBe('tflite');
    expect(j.files).toEqual([out, join(dir, 'convnet-int8.edgelab.json')]);
    expect(j.sizeBytes).toBe((await fs.stat(out)).size);
    expect(j.sizeBytes / j.sourceSizeBytes).toBeLessThanOrEqual(0.3);
    expect(j.validation.frames).toBe(8);
    expect(j.validation.cosine).toBeGreaterThanOrEqual(0.99);
    expect(j.keptFloat).toEqual([
      { name: 'mean1', reason: 'excluded by --exclude' },
      { name: 'post-processing', reason: expect.stringMatching(/^2 op\(s\) .*\(1 LOGISTIC, 1 RESHAPE\)/) },
    ]);
    expect(j.variant.settings).toMatchObject({ method: 'minmax', calibrationFrames: 8, exclude: ['mean1'] });
    const m = readTfliteModel(new Uint8Array(await fs.readFile(out)), out);
    const mean = m.operators.find((o) => o.op === 'MEAN')!;
    expect(m.tensors[mean.inputs[0]].type).toBe('float32');
    expect(m.operators.filter((o) => o.op === 'CONV_2D').every((o) => m.tensors[o.inputs[1]].type === 'int8')).toBe(true);
  });

  it('an --exclude naming no op exits 1 naming it; nothing written', async () => {
    const out = join(dir, 'bad-int8.tflite');
    const r = await edgelab(t.ws, ['convert', src, '--to', 'int8', '--calibration', 'cup', '--frames', '2', '--exclude', 'no-such-op', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no-such-op/);
    await expect(fs.stat(out)).rejects.toThrow();
  });
});
