// Validation that sees detections (BUILT CLI, run `npm run build` first). The collapse model: the bundled SSD
// re-encoded as a YOLOv8 export [1, 4+C, N] whose last layer is a MatMul (identity weights) over rows packing cx, cy,
// w, h in input pixels (0..300) with the class scores (0..1) — one tensor, so int8's per-tensor activation
// quantization (step ≈ 300/255) collapses the scores, as in ultralytics#1683 / onnxruntime#14233, while the tensor
// metrics stay high. convert must say so in `warnings` (naming the MatMul to --exclude), print it, exit 3 with
// --strict; a healthy fp16 variant has no warning; the suggested --exclude clears it.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import catalog from '../../../../models/catalog.json';
import { collapseMeta, collapseModel, HEAD } from '../../../support/collapse-head';
import { edgelab, tempWorkspace } from './spawn-cli';

const SSD = catalog.models.find((m) => m.id === 'ssd-mobilenet-v2-coco-onnx')!;

let t: Awaited<ReturnType<typeof tempWorkspace>>;
let dir: string;
let model: string;
beforeAll(async () => {
  t = await tempWorkspace();
  dir = join(t.ws, '..');
  await fs.mkdir(dir, { recursive: true });
  model = join(dir, 'yolo-head.onnx');
  await fs.writeFile(model, collapseModel());
  await fs.writeFile(join(dir, 'yolo-head.edgelab.json'), JSON.stringify(collapseMeta(SSD.meta.input)));
});
afterAll(async () => {
  await t.cleanup();
});

describe('convert: validation that sees detections', () => {
  it('int8 of a packed pixels+scores head: scores collapsed → warnings naming the producer, printed, exit 3 with --strict', async () => {
    const r = await edgelab(t.ws, ['convert', model, '--to', 'int8', '--frames', '8', '--out', join(dir, 'head-int8.onnx'), '--json', '--strict']);
    expect(r.code, r.stderr).toBe(3);
    const j = JSON.parse(r.stdout);
    const d = j.validation.detection;
    expect(Object.keys(d)).toEqual(expect.arrayContaining(['referenceBoxes', 'recall50', 'precision50', 'scoreMeanAbsError']));
    expect(d.referenceBoxes).toBeGreaterThan(0);
    expect(d.variantScoreSpread).toBeLessThan(0.1 * d.referenceScoreSpread);
    expect(j.validation.cosine).toBeGreaterThan(0.99); // the tensor metrics alone look fine…
    // …but not per slice: the scores part of output0 is far worse than its boxes part
    const slice = Object.fromEntries(j.validation.perSlice.map((x: { name: string; snrDb: number }) => [x.name, x.snrDb]));
    expect(Object.keys(slice)).toEqual(['output0[boxes]', 'output0[scores]']);
    expect(slice['output0[scores]']).toBeLessThan(slice['output0[boxes]'] - 20);
    expect(j.warnings.length).toBeGreaterThan(0);
    expect(j.warnings[0]).toMatch(/scores collapsed/);
    expect(j.warnings.join('\n')).toContain(`--exclude ${HEAD}`);
    // without --json the CLI prints the warning
    const p = await edgelab(t.ws, ['convert', model, '--to', 'int8', '--frames', '8', '--out', join(dir, 'head-int8-b.onnx')]);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stderr).toMatch(/WARNING: scores collapsed/);
    expect(p.stderr).toMatch(/detections vs float32: \d+ reference boxes, recall@0\.5/);
    expect(p.stderr).toMatch(/per slice: output0\[boxes\] SNR [\d.]+ dB, cosine [\d.]+; output0\[scores\] SNR/);
  }, 300_000);

  it('the suggested --exclude keeps the head in float: no warning; a healthy fp16 variant has none either (exit 0 with --strict)', async () => {
    const x = await edgelab(t.ws, ['convert', model, '--to', 'int8', '--frames', '8', '--exclude', HEAD, '--out', join(dir, 'head-int8-x.onnx'), '--json', '--strict']);
    expect(x.code, x.stderr).toBe(0);
    const jx = JSON.parse(x.stdout);
    expect(jx.warnings).toEqual([]);
    expect(jx.validation.detection.recall50).toBeGreaterThan(0.5);
    const h = await edgelab(t.ws, ['convert', model, '--to', 'fp16', '--frames', '8', '--out', join(dir, 'head-fp16.onnx'), '--json', '--strict']);
    expect(h.code, h.stderr).toBe(0);
    const j = JSON.parse(h.stdout);
    expect(j.warnings).toEqual([]);
    expect(j.validation.detection.recall50).toBeGreaterThan(0.9);
    expect(j.validation.detection.precision50).toBeGreaterThan(0.9);
  }, 300_000);
});
