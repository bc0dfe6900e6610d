// Three identical converts at once on one engine (as three browser tabs or lab steps would send them). Before:
// they raced on the same variant folder and two of three failed with a raw ENOTEMPTY from the rename. Now the
// later ones wait for the first and reuse its variant: all three succeed with the same id, sha256 and folder,
// the manifest lists the variant once, and no temp folder is left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../../src-main/create-engine';
import { TMP_MARK } from '../../../src-main/workspace/atomic';
import { cli, json } from '../../contract/cli';
import { ensureBuilt } from '../../e2e/server';

let dir: string;
let engine: Engine;

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-convert-concurrent-'));
  engine = await createEngine({ workspaceDir: join(dir, 'ws'), host: 'test' });
  await engine.importModel({ source: 'blazeface-front' });
});
afterAll(async () => {
  await engine?.dispose();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('concurrent identical converts', () => {
  it('all three succeed with one variant', { timeout: 180_000 }, async () => {
    const results = await Promise.allSettled([0, 1, 2].map(() => engine.convertModel({ model: 'blazeface-front', to: 'fp16', frames: 2 })));
    const failures = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
    expect(failures).toEqual([]);
    const ok = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<Engine['convertModel']>>>).value);
    expect(new Set(ok.map((r) => r.variant.id)).size).toBe(1);
    expect(new Set(ok.map((r) => r.variant.sha256)).size).toBe(1);
    const models = await engine.listModels({});
    const variants = models.flatMap((m) => m.variants).filter((v) => v.id === ok[0]!.variant.id);
    expect(variants).toHaveLength(1);
    const left = (await fs.readdir(join(dir, 'ws'), { recursive: true })).map(String).filter((p) => p.includes(TMP_MARK));
    expect(left).toEqual([]);
  });

  it('three CLI processes converting the same variant at once: all succeed, one variant, no lock or temp left', { timeout: 240_000 }, async () => {
    await ensureBuilt();
    const ws = join(dir, 'ws-cli');
    const imp = await cli(['--workspace', ws, 'import', 'blazeface-front', '--json']);
    expect(imp.code).toBe(0);
    const runs = await Promise.all([0, 1, 2].map(() => cli(['--workspace', ws, 'convert', 'blazeface-front', '--to', 'fp16', '--json'])));
    expect(runs.map((r) => [r.code, r.stderr.split('\n').filter((l) => l.startsWith('edgelab:'))])).toEqual([0, 1, 2].map(() => [0, []]));
    const ids = runs.map((r) => json<{ variant: { id: string; sha256: string } }>(r).variant);
    expect(new Set(ids.map((v) => v.id)).size).toBe(1);
    expect(new Set(ids.map((v) => v.sha256)).size).toBe(1);
    const manifest = JSON.parse(await fs.readFile(join(ws, 'manifest.json'), 'utf8')) as { models: { variants: { id: string }[] }[] };
    expect(manifest.models.flatMap((m) => m.variants).filter((v) => v.id === ids[0]!.id)).toHaveLength(1);
    const left = (await fs.readdir(ws, { recursive: true })).map(String).filter((p) => p.includes(TMP_MARK) || p.includes('.edgelab-lock-'));
    expect(left).toEqual([]);
  });
});
