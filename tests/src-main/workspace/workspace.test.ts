import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TMP_MARK } from '../../../src-main/workspace/atomic';
import { LOCK_FILE, Workspace, defaultWorkspaceDir } from '../../../src-main/workspace/workspace';
import { STALE_MS } from '../../../src-main/workspace/lock';
import { EdgeLabError } from '../../../src-shared/protocol';
import type { ModelEntry } from '../../../src-shared/types/model';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-ws-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function fakeModel(i: number): ModelEntry {
  return {
    id: `m-${i}`,
    name: `model ${i}`,
    format: 'onnx',
    path: `models/m-${i}/m.onnx`,
    sizeBytes: i,
    sha256: i.toString(16).padStart(64, '0'),
    importedAt: new Date().toISOString(),
    origin: `/x/${i}.onnx`,
    variants: [],
  };
}

describe('Workspace', () => {
  it('creates the content folders and an empty, valid manifest', async () => {
    const ws = await Workspace.open(dir);
    for (const c of ['models', 'runs', 'reports']) expect((await fs.stat(join(dir, c))).isDirectory()).toBe(true);
    const m = await ws.read();
    expect(m).toMatchObject({ schema: 'edgelab.workspace', version: 1, models: [], runs: [], reports: [] });
  });

  it('honours EDGELAB_WORKSPACE when no directory is given', () => {
    const before = process.env.EDGELAB_WORKSPACE;
    process.env.EDGELAB_WORKSPACE = dir;
    try {
      expect(defaultWorkspaceDir()).toBe(dir);
      expect(defaultWorkspaceDir('/elsewhere')).toBe('/elsewhere');
    } finally {
      if (before === undefined) delete process.env.EDGELAB_WORKSPACE;
      else process.env.EDGELAB_WORKSPACE = before;
    }
  });

  it('loses no update when two Workspace instances update the manifest concurrently', async () => {
    const a = await Workspace.open(dir);
    const b = await Workspace.open(dir);
    const n = 40;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        (i % 2 ? a : b).update(async (m) => {
          // Yield inside the critical section so that an unserialised writer would interleave.
          await new Promise((r) => setTimeout(r, 1));
          m.models.push(fakeModel(i));
        }),
      ),
    );
    const ids = (await a.read()).models.map((m) => m.id).sort();
    expect(ids).toHaveLength(n);
    expect(new Set(ids).size).toBe(n);
    await expect(fs.stat(join(dir, LOCK_FILE))).rejects.toThrow();
  });

  it('does not write the manifest when the update function throws', async () => {
    const ws = await Workspace.open(dir);
    await ws.update((m) => void m.models.push(fakeModel(1)));
    await expect(
      ws.update((m) => {
        m.models.push(fakeModel(2));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await ws.read()).models.map((m) => m.id)).toEqual(['m-1']);
  });

  it('breaks a stale lock file but waits for a fresh one', async () => {
    const ws = await Workspace.open(dir);
    const lock = join(dir, LOCK_FILE);
    await fs.writeFile(lock, '{}');
    const old = new Date(Date.now() - STALE_MS - 5000);
    await fs.utimes(lock, old, old);
    await ws.update((m) => void m.models.push(fakeModel(7)));
    expect((await ws.read()).models).toHaveLength(1);

    await fs.writeFile(lock, '{}'); // fresh: held by "another process"
    let done = false;
    const p = ws.update((m) => void m.models.push(fakeModel(8))).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 150));
    expect(done).toBe(false);
    await fs.rm(lock);
    await p;
    expect((await ws.read()).models).toHaveLength(2);
  });

  it('sweeps leftovers of interrupted atomic writes on open', async () => {
    await Workspace.open(dir);
    const leftovers = [
      join(dir, `${TMP_MARK}manifest.json.abc`),
      join(dir, 'runs', `${TMP_MARK}run-1.abcdef`),
      join(dir, 'models', 'm-1', 'variants', `${TMP_MARK}m-1-fp16.123`),
    ];
    await fs.writeFile(leftovers[0], 'x');
    await fs.mkdir(leftovers[1], { recursive: true });
    await fs.writeFile(join(leftovers[1], 'run.json'), '{');
    await fs.mkdir(leftovers[2], { recursive: true });
    // A leftover of a process that has exited is swept; an in-flight write of a live process is not.
    const dead = await new Promise<number>((ok) => {
      const c = spawn(process.execPath, ['-e', '0']);
      c.on('exit', () => ok(c.pid as number));
    });
    leftovers.push(join(dir, 'runs', `${TMP_MARK}${dead}-run-2.abcdef`));
    await fs.mkdir(leftovers[3]);
    const live = join(dir, 'runs', `${TMP_MARK}${process.ppid}-run-3.abcdef`);
    await fs.mkdir(live);
    const keep = join(dir, 'runs', 'real-run');
    await fs.mkdir(keep);
    await Workspace.open(dir);
    for (const l of leftovers) await expect(fs.stat(l)).rejects.toThrow();
    expect((await fs.stat(keep)).isDirectory()).toBe(true);
    expect((await fs.stat(live)).isDirectory()).toBe(true);
  });

  it('rejects a corrupt manifest with BAD_INPUT naming the file', async () => {
    await fs.writeFile(join(dir, 'manifest.json'), JSON.stringify({ schema: 'edgelab.workspace', version: 99 }));
    const err = await Workspace.open(dir).catch((e) => e);
    expect(err).toBeInstanceOf(EdgeLabError);
    expect(err.code).toBe('BAD_INPUT');
    expect(err.file).toBe(join(dir, 'manifest.json'));
  });
});
