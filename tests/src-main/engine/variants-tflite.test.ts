// Variants of a .tflite through the engine's convert flow (engine/variants.ts), as for ONNX: the transform runs in a
// temp folder, the variant is validated against the float32 file on real frames of the cup clip (LiteRT.js both
// sides), `--out` writes ONE file (never a folder) plus its sidecar, `--exclude` reaches the transform, and a
// workspace model's variant is registered then copied out. The model: tests/support/tflite-build.ts's conv net
// (32×32×3 → 64-d embedding) with an embedder sidecar.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeTfliteAtomic } from '../../../src-main/formats/tflite/writer';
import { readTfliteModel } from '../../../src-main/formats/tflite/read-model';
import { smallConvNet } from '../../support/tflite-build';
import { metaForModel } from '../../../src-main/models/catalog';
import { createHash } from 'node:crypto';
import { useTempEngine } from './helpers';

const engine = useTempEngine();
let net: string;
let netBytes: number;

beforeAll(async () => {
  net = join(engine().dir, 'net.tflite');
  netBytes = (await writeTfliteAtomic(net, smallConvNet())).length;
  const sidecar = {
    task: 'embedder',
    input: { width: 32, height: 32, layout: 'NHWC', dtype: 'float32', range: [-1, 1], resize: 'stretch', channels: 'RGB' },
    embedding: { output: 'logits', dims: 64 },
  };
  await fs.writeFile(join(engine().dir, 'net.edgelab.json'), JSON.stringify(sidecar));
});

describe('.tflite variants through convertModel', () => {
  it('fp16 --out: one .tflite + sidecar, validated on real frames (cosine ≥ 0.9999), ~0.5× the size', async () => {
    const out = join(engine().dir, 'out', 'net-fp16.tflite');
    const r = await engine().engine.convertModel({ model: net, to: 'fp16', out });
    expect(r.output).toBe(out);
    expect((await fs.stat(out)).isFile()).toBe(true);
    expect(r.files).toEqual([out, join(engine().dir, 'out', 'net-fp16.edgelab.json')]);
    expect(r.variant).toMatchObject({ kind: 'fp16', format: 'tflite', settings: { storage: 'float16', compute: 'float32' } });
    console.log(`fp16 .tflite via engine: size ${r.sizeBytes}/${r.sourceSizeBytes}, validation ${JSON.stringify(r.validation)}`);
    expect(r.validation!.cosine).toBeGreaterThanOrEqual(0.9999);
    expect(r.validation!.frames).toBeGreaterThan(1);
    expect(r.sizeBytes / netBytes).toBeLessThan(0.53);
    const side = JSON.parse(await fs.readFile(join(engine().dir, 'out', 'net-fp16.edgelab.json'), 'utf8'));
    expect(side).toMatchObject({ task: 'embedder', lineage: { kind: 'fp16' } });
  });

  it('int8-weights --out with --exclude: validated (cosine ≥ 0.999), the excluded op keeps float weights', async () => {
    const out = join(engine().dir, 'out', 'net-i8w.tflite');
    const r = await engine().engine.convertModel({ model: net, to: 'int8-weights', out, exclude: ['skip'] });
    console.log(`int8-weights .tflite via engine: size ${r.sizeBytes}/${r.sourceSizeBytes}, validation ${JSON.stringify(r.validation)}`);
    expect(r.validation!.cosine).toBeGreaterThanOrEqual(0.999);
    expect(r.keptFloat).toEqual(expect.arrayContaining([{ name: 'skip/w', reason: 'excluded by --exclude' }]));
    const m = readTfliteModel(new Uint8Array(await fs.readFile(out)), out);
    expect(m.tensors.find((t) => t.name === 'skip/w')!.type).toBe('float32');
    expect(m.tensors.find((t) => t.name === 'pw1/w')!.type).toBe('int8');
    expect(r.variant.lineage!.options).toEqual({ exclude: ['skip'] });
  });

  it('a workspace .tflite: the variant is registered, then copied to --out as a file', async () => {
    const e = engine().engine;
    const entry = await e.importModel({ source: net });
    expect(entry.format).toBe('tflite');
    const out = join(engine().dir, 'out', 'ws-i8w.tflite');
    const r = await e.convertModel({ model: entry.id, to: 'int8-weights', out });
    expect(r.variant.id).toBe(`${entry.id}-int8-weights`);
    expect(r.output).toBe(out);
    expect((await fs.stat(out)).isFile()).toBe(true);
    expect(r.sizeBytes / netBytes).toBeLessThanOrEqual(0.31);
    const models = await e.listModels({});
    expect(models.find((m) => m.id === entry.id)!.variants.map((v) => v.kind)).toEqual(['int8-weights']);
  });

  it('the variant file records its kind, parent and input spec itself: without its sidecar it is still an embedder with lineage', async () => {
    const lone = join(engine().dir, 'lone', 'net-fp16.tflite');
    await fs.mkdir(join(engine().dir, 'lone'));
    await fs.copyFile(join(engine().dir, 'out', 'net-fp16.tflite'), lone);
    const sha = createHash('sha256').update(await fs.readFile(net)).digest('hex');
    const meta = await metaForModel(lone);
    expect(meta).toMatchObject({ task: 'embedder', input: { width: 32, height: 32 }, embedding: { output: 'logits', dims: 64 }, lineage: { kind: 'fp16', parent: { sha256: sha } } });
    const r = await engine().engine.predict({ model: lone, clip: 'cup', frame: 0 });
    expect(r.task).toBe('embedder');
  });
});
