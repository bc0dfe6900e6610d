// Shared set-up of the engine tests: a real engine over a fresh temp workspace.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createEngine, type Engine } from '../../../src-main/create-engine';

export const REPO = join(import.meta.dirname, '..', '..', '..');
export const CUP = join(REPO, 'samples', 'cup.mp4');
export const SSD = join(REPO, 'models', 'ssd-mobilenet-v2-coco', 'model.json');
export const BLAZEFACE = join(REPO, 'models', 'blazeface-front', 'face_detection_front_128x128.onnx');

export async function tempEngine(pathPolicy: 'open' | 'confined' = 'open'): Promise<{ engine: Engine; dir: string; cleanup(): Promise<void> }> {
  const dir = await fs.realpath(await fs.mkdtemp(join(tmpdir(), 'edgelab-engine-')));
  const engine = await createEngine({ workspaceDir: join(dir, 'ws'), host: 'test', pathPolicy });
  return {
    engine,
    dir,
    cleanup: async () => {
      await engine.dispose();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

export async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(() => true, () => false);
}

export type TempEngine = Awaited<ReturnType<typeof tempEngine>>;

/** One temp engine for the whole test file: made in beforeAll, removed in afterAll. Call the getter inside tests. */
export function useTempEngine(pathPolicy: 'open' | 'confined' = 'open'): () => TempEngine {
  let t: TempEngine | undefined;
  beforeAll(async () => {
    t = await tempEngine(pathPolicy);
  });
  afterAll(async () => {
    await t?.cleanup();
  });
  return () => {
    if (!t) throw new Error('useTempEngine: used outside a test');
    return t;
  };
}
