import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashModel, modelSizeBytes } from '../../../src-main/models/hash';
import { BLAZEFACE, exists, useTempEngine } from './helpers';

const engine = useTempEngine();

describe('convertModel', () => {
  it('makes the fp16 variant of the imported SSD in models/<parent>/variants/ and registers it', async () => {
    const m = await engine().engine.importModel({ source: 'ssd-mobilenet-v2-coco' });
    const r = await engine().engine.convertModel({ model: m.id, to: 'fp16' });
    expect(r.variant.parentId).toBe(m.id);
    expect(r.variant.kind).toBe('fp16');
    const main = join(engine().engine.workspace.dir, r.variant.path);
    expect(main.startsWith(join(engine().engine.workspace.dir, 'models', m.id, 'variants', r.variant.id) + '/')).toBe(true);
    expect(await hashModel(main)).toBe(r.variant.sha256);
    expect(await modelSizeBytes(main)).toBe(r.sizeBytes);
    expect(r.sourceSizeBytes).toBe(m.sizeBytes);
    // fp16 halves the weights; model.json stays about the same size.
    expect(r.sizeBytes / r.sourceSizeBytes).toBeGreaterThan(0.45);
    expect(r.sizeBytes / r.sourceSizeBytes).toBeLessThan(0.6);
    const [entry] = await engine().engine.listModels({});
    expect(entry.variants.map((v) => v.id)).toEqual([r.variant.id]);
    const info = await engine().engine.inspectModel({ model: r.variant.id });
    expect(info.weightDtypes.float16).toBeGreaterThan(0);
  });

  it('returns the registered variant on a second conversion', async () => {
    const [m] = await engine().engine.listModels({});
    const r = await engine().engine.convertModel({ model: m.id, to: 'fp16' });
    expect(r.variant).toEqual(m.variants[0]);
    expect((await engine().engine.listModels({}))[0].variants).toHaveLength(1);
  });

  it('writes a TF.js variant to an out directory as well, and refuses to overwrite it', async () => {
    const [m] = await engine().engine.listModels({});
    const out = join(engine().dir, 'ssd-fp16');
    const r = await engine().engine.convertModel({ model: m.id, to: 'fp16', out });
    expect(r.files).toContain(join(out, 'model.json'));
    expect(await hashModel(join(out, 'model.json'))).toBe(r.variant.sha256);
    const err = await engine().engine.convertModel({ model: m.id, to: 'fp16', out }).catch((e) => e);
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toContain(out);
  });

  it('writes an ONNX variant of a path to an out .onnx file only, registering nothing', async () => {
    const before = await engine().engine.listModels({});
    const out = join(engine().dir, 'face-fp16.onnx');
    const r = await engine().engine.convertModel({ model: BLAZEFACE, to: 'fp16', out });
    expect(r.variant.path).toBe(out);
    expect((await fs.stat(out)).size).toBe(r.sizeBytes);
    expect(r.sizeBytes).toBeLessThan(r.sourceSizeBytes * 0.7);
    expect(await engine().engine.listModels({})).toEqual(before);
    const leftovers = (await fs.readdir(engine().dir)).filter((n) => n.startsWith('.edgelab-tmp-'));
    expect(leftovers).toEqual([]);
    const info = await engine().engine.inspectModel({ model: out });
    expect(info.format).toBe('onnx');
  });

  it('cancelled conversion leaves no variant folder and no manifest entry', async () => {
    const m = await engine().engine.importModel({ source: 'centernet-mobilenet-v3-coco' });
    const ac = new AbortController();
    ac.abort();
    const err = await engine().engine.convertModel({ model: m.id, to: 'fp16' }, { signal: ac.signal }).catch((e) => e);
    expect(err.code).toBe('CANCELLED');
    expect(await exists(join(engine().engine.workspace.dir, 'models', m.id, 'variants', `${m.id}-fp16`))).toBe(false);
    expect((await engine().engine.listModels({})).find((x) => x.id === m.id)?.variants).toEqual([]);
  });
});
