import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src-main/create-engine';
import { METHOD_NAMES } from '../../src-shared/api';

let dir: string;
let engine: Engine;
beforeAll(async () => {
  dir = await fs.realpath(await fs.mkdtemp(join(tmpdir(), 'edgelab-lab-')));
  engine = await createEngine({ workspaceDir: join(dir, 'ws'), host: 'test' });
});
afterAll(async () => {
  await engine.dispose();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('createEngine', () => {
  it('exposes every API method, the workspace and dispose', () => {
    for (const m of METHOD_NAMES) expect(typeof engine[m]).toBe('function');
    expect(engine.workspace.dir).toBe(join(dir, 'ws'));
  });

  it('getInfo reports version, workspace, runtimes, ffmpeg and host', async () => {
    const info = await engine.getInfo({});
    const pkg = JSON.parse(await fs.readFile(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));
    expect(info.version).toBe(pkg.version);
    expect(info.workspace).toBe(join(dir, 'ws'));
    expect(info.host).toBe('test');
    expect(info.runtimes.find((r) => r.name.includes('onnx'))?.available).toBe(true);
    expect(info.ffmpeg?.path).toBeTruthy();
  });

  it('validates arguments before running: unknown keys and wrong types are BAD_INPUT', async () => {
    await expect(engine.getInfo({ extra: 1 } as never)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(engine.replay({ model: 'blazeface-front', clip: 'cup', frames: -1 })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('frames'),
    });
  });

  it('a confined engine refuses paths outside the workspace and bundled folders', async () => {
    const confined = await createEngine({ workspaceDir: join(dir, 'ws2'), host: 'server', pathPolicy: 'confined' });
    try {
      const outside = join(dir, 'model.onnx');
      await fs.copyFile(join(import.meta.dirname, '..', '..', 'models', 'blazeface-front', 'face_detection_front_128x128.onnx'), outside);
      await expect(confined.inspectModel({ model: outside })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(confined.replay({ model: 'blazeface-front', clip: 'cup', frames: 1, out: join(dir, 'run') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      // Bundled ids and bundled files stay usable.
      expect((await confined.inspectModel({ model: 'blazeface-front' })).format).toBe('onnx');
      confined.pathPolicy.allow(outside);
      expect((await confined.inspectModel({ model: outside })).format).toBe('onnx');
    } finally {
      await confined.dispose();
    }
  });
});
