// `convert --to tflite` through the engine (ONNX → TFLite float32): the .tflite and its metadata sidecar written at
// --out, validated; `predict` of each bundled ONNX detector's .tflite vs its ONNX source on real frames (every output
// cosine ≥ 0.9999, max abs error printed); replay of the SSD .tflite vs the ONNX SSD on a bundled clip (mAP@.5
// class-agnostic ≥ 0.98); an unmapped op refused by name, nothing written.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNpy } from '../../formats/npy-reader';
import { useTempEngine } from '../../engine/helpers';
import { tinyOnnx } from './tiny-onnx';

const engine = useTempEngine();

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 && nb === 0 ? 1 : dot / Math.sqrt(na * nb);
}

async function predictParity(onnxModel: string, tflite: string, frame: number): Promise<void> {
  const dir = join(engine().dir, `pred-${frame}-${onnxModel.replace(/\W/g, '_')}`);
  const a = await engine().engine.predict({ model: onnxModel, clip: 'cup', frame, saveOutputs: join(dir, 'onnx') });
  const b = await engine().engine.predict({ model: tflite, clip: 'cup', frame, saveOutputs: join(dir, 'tflite') });
  expect(b.model.format).toBe('tflite');
  expect(b.outputs.map((o) => o.name).sort()).toEqual(a.outputs.map((o) => o.name).sort());
  for (const o of a.outputs) {
    const x = readNpy(await fs.readFile(o.file!)).data;
    const y = readNpy(await fs.readFile(b.outputs.find((t) => t.name === o.name)!.file!)).data;
    let d = 0;
    for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(Number(x[i]) - Number(y[i])));
    const c = cosine(Array.from(x, Number), Array.from(y, Number));
    console.log(`predict parity ${onnxModel} frame ${frame} ${o.name} [${o.shape}]: cosine ${c.toFixed(8)}, max abs error ${d.toExponential(3)}`);
    expect(c, o.name).toBeGreaterThanOrEqual(0.9999);
  }
  expect(b.detections?.length ?? 0).toBe(a.detections?.length ?? 0);
}

describe('convert --to tflite (engine)', () => {
  it('SSD: .tflite + .edgelab.json sidecar at --out, validated; predict parity with the ONNX source; replay mAP@.5 ≥ 0.98', async () => {
    const out = join(engine().dir, 'x', 'ssd.tflite');
    const r = await engine().engine.convertModel({ model: 'ssd-mobilenet-v2-coco-onnx', to: 'tflite', out });
    expect(r.output).toBe(out);
    expect(r.variant.format).toBe('tflite');
    expect(r.variant.kind).toBe('tflite');
    expect((await fs.readdir(join(engine().dir, 'x'))).sort()).toEqual(['ssd.edgelab.json', 'ssd.tflite']);
    const side = JSON.parse(await fs.readFile(join(engine().dir, 'x', 'ssd.edgelab.json'), 'utf8'));
    expect(side.decoder).toBeDefined();
    expect(side.lineage.kind).toBe('tflite');
    console.log(`SSD .tflite ${r.sizeBytes} B (ONNX ${r.sourceSizeBytes} B), validation ${JSON.stringify(r.validation)}`);
    expect(r.validation!.cosine).toBeGreaterThanOrEqual(0.9999);
    for (const f of [3, 40]) await predictParity('ssd-mobilenet-v2-coco-onnx', out, f);
    const a = await engine().engine.replay({ model: 'ssd-mobilenet-v2-coco-onnx', clip: 'cup', frames: 30 });
    const b = await engine().engine.replay({ model: out, clip: 'cup', frames: 30 });
    expect(b.model.format).toBe('tflite');
    const c = await engine().engine.compare({ baseline: a.id, variant: b.id, classAgnostic: true });
    console.log(`replay SSD .tflite vs ONNX, 30 frames of cup: mAP@.5 class-agnostic ${c.detection.map50}`);
    expect(c.detection.map50).toBeGreaterThanOrEqual(0.98);
  }, 600_000);

  for (const id of ['centernet-mobilenet-v3-coco-onnx', 'blazeface-front']) {
    it(`${id}: predict parity of the .tflite with the ONNX source on real frames`, async () => {
      const out = join(engine().dir, id, 'm.tflite');
      await engine().engine.convertModel({ model: id, to: 'tflite', out });
      for (const f of [3, 40]) await predictParity(id, out, f);
    }, 600_000);
  }

  it('a TF.js embedder (faceres) → TFLite through ONNX: predict parity with the TF.js source; the SSD TF.js (cut graph) refused', async () => {
    const out = join(engine().dir, 'faceres', 'faceres.tflite');
    const r = await engine().engine.convertModel({ model: 'faceres', to: 'tflite', out });
    expect(r.variant).toMatchObject({ kind: 'tflite', format: 'tflite' });
    expect(r.validation!.cosine).toBeGreaterThanOrEqual(0.9999);
    for (const f of [3, 40]) await predictParity('faceres', out, f);
    const e = (await engine().engine.convertModel({ model: 'ssd-mobilenet-v2-coco', to: 'tflite', out: join(engine().dir, 'ssd-tfjs.tflite') }).catch((x: unknown) => x)) as { code: string; message: string };
    expect(e.code).toBe('UNSUPPORTED');
    expect(e.message).toMatch(/TensorArrayV3 ×2/);
  }, 600_000);

  it('without --out: a workspace variant (kind and format tflite) that replay runs by its id', async () => {
    const r = await engine().engine.convertModel({ model: 'blazeface-front', to: 'tflite' });
    expect(r.variant).toMatchObject({ kind: 'tflite', format: 'tflite' });
    expect(r.variant.path.endsWith('.tflite')).toBe(true);
    expect(r.validation!.cosine).toBeGreaterThanOrEqual(0.9999);
    const run = await engine().engine.replay({ model: r.variant.id, clip: 'cup', frames: 4 });
    expect(run.model.format).toBe('tflite');
    expect(run.model.runtime).toBe('litert');
  }, 300_000);

  it('an op without TFLite mapping: UNSUPPORTED naming it with its count, nothing written', async () => {
    const dir = join(engine().dir, 'refuse');
    await fs.mkdir(dir);
    const src = join(dir, 'm.onnx');
    await fs.writeFile(
      src,
      tinyOnnx({
        inputs: [{ name: 'x', shape: [1, 4] }],
        outputs: [{ name: 'y' }],
        nodes: [
          { op: 'Softsign', inputs: ['x'], outputs: ['s'] },
          { op: 'Softsign', inputs: ['s'], outputs: ['t'] },
          { op: 'Relu', inputs: ['t'], outputs: ['y'] },
        ],
      }),
    );
    const out = join(dir, 'out', 'm.tflite');
    const e = (await engine().engine.convertModel({ model: src, to: 'tflite', out }).catch((x: unknown) => x)) as { code: string; message: string };
    expect(e.code).toBe('UNSUPPORTED');
    expect(e.message).toContain('Softsign ×2');
    expect(e.message).not.toContain('Relu');
    expect(await fs.stat(out).catch(() => null)).toBeNull();
    expect(await fs.readdir(join(dir, 'out')).catch(() => [])).toEqual([]); // no temp left beside --out
  });
});
