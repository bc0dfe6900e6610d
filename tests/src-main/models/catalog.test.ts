// Asset location and catalog loading/lookup, with the real catalogs.
import { describe, expect, it, afterEach } from 'vitest';
import { existsSync, promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import {
  assetsRoot,
  bundledModelsDir,
  samplesDir,
  loadBundledModels,
  loadBundledClips,
  findBundledModel,
  findBundledClip,
  metaForModel,
  sidecarPath,
} from '../../../src-main/models/catalog';
import { createHash } from 'node:crypto';

describe('catalog', () => {
  afterEach(() => {
    delete process.env.EDGELAB_ASSETS_DIR;
  });

  it('finds the repo folders from the source tree', () => {
    expect(bundledModelsDir()).toBe(resolve('models'));
    expect(samplesDir()).toBe(resolve('samples'));
  });

  it('honours EDGELAB_ASSETS_DIR and refuses one without a catalog', async () => {
    const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-assets-'));
    try {
      process.env.EDGELAB_ASSETS_DIR = dir;
      expect(() => assetsRoot()).toThrow(/models\/catalog\.json/);
      await fs.mkdir(join(dir, 'models'));
      await fs.copyFile(resolve('models/catalog.json'), join(dir, 'models/catalog.json'));
      expect(bundledModelsDir()).toBe(join(dir, 'models'));
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('loads valid model and clip entries whose files exist', async () => {
    const models = await loadBundledModels();
    expect(models.map((m) => m.id)).toEqual(['ssd-mobilenet-v2-coco', 'ssd-mobilenet-v2-features', 'centernet-mobilenet-v3-coco', 'blazeface-front', 'faceres', 'centernet-mobilenet-v3-coco-onnx', 'ssd-mobilenet-v2-coco-onnx']);
    for (const m of models) expect(existsSync(join(bundledModelsDir(), m.path)), m.path).toBe(true);
    const clips = await loadBundledClips();
    expect(clips.map((c) => c.id)).toEqual(['cup', 'vtest']);
    for (const c of clips) {
      const bytes = await fs.readFile(join(samplesDir(), c.path));
      expect(createHash('sha256').update(bytes).digest('hex'), c.id).toBe(c.sha256);
    }
  });

  it('finds entries by id, relative path or absolute path', () => {
    expect(findBundledModel('faceres')?.meta.embedding?.dims).toBe(1024);
    expect(findBundledModel('faceres/faceres.json')?.id).toBe('faceres');
    expect(findBundledModel(join(bundledModelsDir(), 'ssd-mobilenet-v2-coco/model.json'))?.id).toBe('ssd-mobilenet-v2-coco');
    expect(findBundledModel('nope')).toBeUndefined();
    expect(findBundledClip('cup')?.path).toBe('cup.mp4');
    expect(findBundledClip(join(samplesDir(), 'vtest.avi'))?.id).toBe('vtest');
    // Results are copies: mutating one does not change the catalog.
    findBundledModel('faceres')!.meta.task = 'detector';
    expect(findBundledModel('faceres')?.meta.task).toBe('embedder');
  });

  it('metaForModel: catalog by hash; sidecar path beside the main file', async () => {
    expect((await metaForModel(join(bundledModelsDir(), 'centernet-mobilenet-v3-coco/centernet.json')))?.labels).toBe('coco80');
    expect(sidecarPath('/m/x/model.json')).toBe('/m/x/model.edgelab.json');
    expect(sidecarPath('/m/x/face.onnx')).toBe('/m/x/face.edgelab.json');
  });
});
