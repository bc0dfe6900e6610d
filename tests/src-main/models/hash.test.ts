// hashModel / modelFiles / modelSizeBytes against the catalog and an independent digest.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { hashModel, modelFiles, modelSizeBytes } from '../../../src-main/models/hash';
import { bundledModelsDir, loadBundledModels } from '../../../src-main/models/catalog';

describe('hashModel', () => {
  it("matches every catalog entry's sha256", async () => {
    const models = await loadBundledModels();
    expect(models.length).toBe(7);
    for (const m of models) expect(await hashModel(join(bundledModelsDir(), m.path)), m.id).toBe(m.sha256);
  });

  it('is sha256 over model.json then the shards in manifest order', async () => {
    const main = join(bundledModelsDir(), 'ssd-mobilenet-v2-coco/model.json');
    const files = await modelFiles(main);
    expect(files.map((f) => f.slice(f.lastIndexOf('/') + 1))).toEqual([
      'model.json',
      'group1-shard1of5',
      'group1-shard2of5',
      'group1-shard3of5',
      'group1-shard4of5',
      'group1-shard5of5',
    ]);
    const h = createHash('sha256');
    for (const f of files) h.update(await fs.readFile(f));
    expect(await hashModel(main)).toBe(h.digest('hex'));
    // Order matters: the shards reversed give another digest.
    const r = createHash('sha256');
    for (const f of [files[0], ...files.slice(1).reverse()]) r.update(await fs.readFile(f));
    expect(await hashModel(main)).not.toBe(r.digest('hex'));
  });

  it('sizes and files of an .onnx are the file alone', async () => {
    const f = join(bundledModelsDir(), 'blazeface-front/face_detection_front_128x128.onnx');
    expect(await modelFiles(f)).toEqual([f]);
    expect(await modelSizeBytes(f)).toBe(442005);
    expect(await modelSizeBytes(join(bundledModelsDir(), 'ssd-mobilenet-v2-coco/model.json'))).toBe(527315 + 4 * 4194304 + 1257312);
  });
});
