import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashModel } from '../../../src-main/models/hash';
import { EdgeLabError } from '../../../src-shared/protocol';
import { BLAZEFACE, SSD, exists, useTempEngine } from './helpers';

const engine = useTempEngine();

describe('engine model methods', () => {
  it('lists the bundled models and clips', async () => {
    const b = await engine().engine.listBundled({});
    expect(b.models.map((m) => m.id)).toEqual(expect.arrayContaining(['ssd-mobilenet-v2-coco', 'blazeface-front', 'centernet-mobilenet-v3-coco', 'faceres']));
    expect(b.clips.map((c) => c.id)).toEqual(expect.arrayContaining(['cup', 'vtest']));
  });

  it('gives each bundled model its size on disk (model file + shards)', async () => {
    const b = await engine().engine.listBundled({});
    const ssd = b.models.find((m) => m.id === 'ssd-mobilenet-v2-coco')!;
    const manifest = JSON.parse(await fs.readFile(SSD, 'utf8')) as { weightsManifest: { paths: string[] }[] };
    const shards = manifest.weightsManifest.flatMap((g) => g.paths);
    let bytes = (await fs.stat(SSD)).size;
    for (const f of shards) bytes += (await fs.stat(join(dirname(SSD), f))).size;
    expect(shards.length).toBeGreaterThan(0);
    expect(ssd.sizeBytes).toBe(bytes);
    expect(b.models.every((m) => (m.sizeBytes ?? 0) > 0)).toBe(true);
  });

  it('imports the bundled SSD by id: files copied, sha and meta from the catalog, registered', async () => {
    const m = await engine().engine.importModel({ source: 'ssd-mobilenet-v2-coco' });
    expect(m.id).toBe('ssd-mobilenet-v2-coco-e4c4630c');
    expect(m.format).toBe('tfjs-graph');
    expect(m.meta?.decoder?.kind).toBe('ssd-postprocessed');
    const main = join(engine().engine.workspace.dir, m.path);
    expect(main).toBe(join(engine().engine.workspace.dir, 'models', m.id, 'model.json'));
    expect(await hashModel(main)).toBe(m.sha256);
    expect(m.sha256).toBe('e4c4630c49e56315edd363631f5eccd51f18bc2b39c0412ee85d2711d5f036a8');
    expect(await engine().engine.listModels({})).toEqual([m]);
  });

  it('returns the existing entry when the same content is imported again (by path, other name)', async () => {
    const again = await engine().engine.importModel({ source: SSD, name: 'another name' });
    const list = await engine().engine.listModels({});
    expect(list).toHaveLength(1);
    expect(again.id).toBe(list[0].id);
  });

  it('imports an ONNX file by path with a chosen name', async () => {
    const m = await engine().engine.importModel({ source: BLAZEFACE, name: 'Face front' });
    expect(m.id).toMatch(/^face-front-d388b1cf$/);
    expect(m.format).toBe('onnx');
    expect(m.meta?.task).toBe('detector');
    expect((await fs.stat(join(engine().engine.workspace.dir, m.path))).size).toBe(m.sizeBytes);
  });

  it('rejects a truncated model with BAD_INPUT naming the file, and copies nothing', async () => {
    const bad = join(engine().dir, 'truncated.onnx');
    const bytes = await fs.readFile(BLAZEFACE);
    await fs.writeFile(bad, bytes.subarray(0, Math.floor(bytes.length / 3)));
    const before = await fs.readdir(join(engine().engine.workspace.dir, 'models'));
    const err = await engine().engine.importModel({ source: bad }).catch((e) => e);
    expect(err).toBeInstanceOf(EdgeLabError);
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toContain(bad);
    expect(await fs.readdir(join(engine().engine.workspace.dir, 'models'))).toEqual(before);
    expect(await engine().engine.listModels({})).toHaveLength(2);
  });

  it('inspects by workspace id, bundled id and path with the same answer', async () => {
    const [ssd] = await engine().engine.listModels({});
    const byId = await engine().engine.inspectModel({ model: ssd.id });
    const byBundled = await engine().engine.inspectModel({ model: 'ssd-mobilenet-v2-coco' });
    const byPath = await engine().engine.inspectModel({ model: SSD });
    expect(byId.inputs).toEqual([{ name: 'image_tensor', shape: [-1, -1, -1, 3], dtype: 'int32' }]);
    for (const r of [byBundled, byPath]) {
      expect(r.parameters).toBe(byId.parameters);
      expect(r.sizeBytes).toBe(byId.sizeBytes);
      expect(r.ops).toEqual(byId.ops);
    }
    expect(byId.meta?.labels).toBe('coco90');
  });

  it('fails with NOT_FOUND for an unknown name and BAD_INPUT for bad arguments', async () => {
    await expect(engine().engine.inspectModel({ model: join(engine().dir, 'nope.onnx') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(engine().engine.importModel({ source: '' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(await exists(join(engine().dir, 'nope.onnx'))).toBe(false);
  });
});
