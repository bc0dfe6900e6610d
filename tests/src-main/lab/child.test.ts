// A lab step as a child process of the BUILT CLI (`npm run build` first), through the generic `edgelab call` entry:
// stdout is the result JSON, progress lines reach onProgress, a usage error is exit 2 with its message in the tail,
// an abort stops it (exit 130).
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEntry, runChild } from '../../../src-main/lab/child';
import { callArgv } from '../../../src-main/lab/step-call';
import { REPO } from './tiny-lab';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-lab-child-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('lab child process', () => {
  it('runs a step call: exit 0, its result JSON on stdout, progress fractions in [0, 1]', async () => {
    const fractions: number[] = [];
    const r = await runChild(callArgv({ method: 'replay', args: { model: 'blazeface-front', clip: 'cup', frames: 4, out: join(dir, 'run') } }), {
      cliEntry: cliEntry(REPO),
      workspace: join(dir, 'ws'),
      cwd: REPO,
      onProgress: (f) => fractions.push(f),
    });
    expect(r.code, r.stderrTail.join('\n')).toBe(0);
    expect(JSON.parse(r.stdout).frames).toBe(4);
    expect(fractions.length).toBeGreaterThan(0);
    expect(fractions.every((f) => f >= 0 && f <= 1)).toBe(true);
    expect(r.durationMs).toBeGreaterThan(0);
  });

  it('arguments the method schema refuses: exit 2, the field in the stderr tail', async () => {
    const r = await runChild(callArgv({ method: 'replay', args: { clip: 'cup' } } as never), { cliEntry: cliEntry(REPO), workspace: join(dir, 'ws'), cwd: REPO });
    expect(r.code).toBe(2);
    expect(r.stderrTail.join('\n')).toMatch(/replay: model/);
  });

  it('abort: the child cancels (exit 130) and leaves no run folder', async () => {
    const ac = new AbortController();
    const out = join(dir, 'run-aborted');
    const r = await runChild(callArgv({ method: 'replay', args: { model: 'blazeface-front', clip: 'cup', out } }), {
      cliEntry: cliEntry(REPO),
      workspace: join(dir, 'ws'),
      cwd: REPO,
      signal: ac.signal,
      onProgress: (_f, stage) => stage.startsWith('replay') && ac.abort(),
    });
    expect(r.code).toBe(130);
    await expect(fs.stat(out)).rejects.toThrow();
  });
});
