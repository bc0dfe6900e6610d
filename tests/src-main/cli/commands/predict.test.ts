// `edgelab predict` through the built CLI: --json on stdout is one clean JSON document (LiteRT.js chatter stays out),
// --save-outputs lists absolute .npy files; usage errors exit 2, a bad .tflite exits 1 naming the file.
import { isAbsolute, join } from 'node:path';
import { promises as fs } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PredictResult } from '../../../../src-shared/types/predict';
import { readNpy } from '../../formats/npy-reader';
import { REPO, edgelab, tempWorkspace } from './spawn-cli';

let ws: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ ws, cleanup } = await tempWorkspace()));
afterAll(async () => cleanup());

describe('edgelab predict', () => {
  it('a .tflite detector: --json lists inputs/outputs with absolute .npy files that parse', async () => {
    const out = join(ws, '..', 'npy');
    const r = await edgelab(ws, ['predict', join(REPO, 'tests/fixtures/tflite/tiny_ssd_postprocess.tflite'), '--clip', 'cup', '--frame', '1', '--save-outputs', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const p = JSON.parse(r.stdout) as PredictResult;
    expect(p.model.format).toBe('tflite');
    expect(p.frame).toBe(1);
    expect(p.detections!.length).toBeGreaterThan(0);
    expect(p.outputs).toHaveLength(4);
    for (const t of [...p.inputs, ...p.outputs]) {
      expect(isAbsolute(t.file!)).toBe(true);
      expect(readNpy(await fs.readFile(t.file!)).shape).toEqual(t.shape);
    }
  });
  it('usage errors exit 2; a truncated .tflite exits 1 naming it', async () => {
    expect((await edgelab(ws, ['predict', 'ssd-mobilenet-v2-coco-onnx'])).code).toBe(2); // --clip is required
    expect((await edgelab(ws, ['predict', 'ssd-mobilenet-v2-coco-onnx', '--clip', 'cup', '--frame', '-1'])).code).toBe(2);
    const bad = join(REPO, 'tests/fixtures/bad/models/truncated.tflite');
    const r = await edgelab(ws, ['predict', bad, '--clip', 'cup']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(bad);
  });
});
