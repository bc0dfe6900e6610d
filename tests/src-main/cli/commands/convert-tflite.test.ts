// The built CLI end to end: `convert <ssd onnx> --to tflite --out x/ssd.tflite --json` writes the .tflite and its
// sidecar, then `replay --model x/ssd.tflite` runs it by path (LiteRT.js, run.json model.format "tflite").
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, edgelab, tempWorkspace } from './spawn-cli';

describe('edgelab convert --to tflite (built CLI)', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterAll(async () => cleanup?.());

  it('convert --to tflite --out, then replay --model <the .tflite>', async () => {
    const t = await tempWorkspace();
    cleanup = t.cleanup;
    const out = join(t.ws, '..', 'x', 'ssd.tflite');
    const src = join(REPO, 'models', 'ssd-mobilenet-v2-coco-onnx', 'model.onnx');
    const c = await edgelab(t.ws, ['convert', src, '--to', 'tflite', '--out', out, '--json']);
    expect(c.code, c.stderr).toBe(0);
    const r = JSON.parse(c.stdout);
    expect(r.output).toBe(out);
    expect(r.variant).toMatchObject({ kind: 'tflite', format: 'tflite' });
    expect(r.validation.cosine).toBeGreaterThanOrEqual(0.9999);
    expect((await fs.readdir(join(t.ws, '..', 'x'))).sort()).toEqual(['ssd.edgelab.json', 'ssd.tflite']);
    const runDir = join(t.ws, '..', 'run');
    const p = await edgelab(t.ws, ['replay', '--model', out, '--clip', 'cup', '--frames', '5', '--out', runDir, '--json']);
    expect(p.code, p.stderr).toBe(0);
    expect(JSON.parse(p.stdout).detections).toBeGreaterThan(0);
    const run = JSON.parse(await fs.readFile(join(runDir, 'run.json'), 'utf8'));
    expect(run.model.format).toBe('tflite');
  }, 300_000);
});
