import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confinedPathPolicy, openPathPolicy } from '../../../src-main/workspace/path-policy';
import { EdgeLabError } from '../../../src-shared/protocol';

let base: string;
let ws: string;
let outside: string;
beforeAll(async () => {
  base = await fs.realpath(await fs.mkdtemp(join(tmpdir(), 'edgelab-pp-')));
  ws = join(base, 'ws');
  outside = join(base, 'outside');
  await fs.mkdir(join(ws, 'runs'), { recursive: true });
  await fs.mkdir(outside);
  await fs.writeFile(join(outside, 'secret.onnx'), 'x');
  await fs.symlink(outside, join(ws, 'link-out'));
  await fs.symlink(join(ws, 'runs'), join(ws, 'link-in'));
});
afterAll(async () => {
  await fs.rm(base, { recursive: true, force: true });
});

function forbidden(fn: () => unknown): EdgeLabError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EdgeLabError);
    expect((e as EdgeLabError).code).toBe('FORBIDDEN');
    expect((e as EdgeLabError).message).toMatch(/outside the workspace/);
    return e as EdgeLabError;
  }
  throw new Error('expected FORBIDDEN');
}

describe('confined path policy', () => {
  it('accepts paths inside the roots, existing or not, relative to the workspace', () => {
    const p = confinedPathPolicy([ws], ws);
    expect(p.resolveInput('runs')).toBe(join(ws, 'runs'));
    expect(p.resolveOutput(join(ws, 'runs', 'new', 'deeper'))).toBe(join(ws, 'runs', 'new', 'deeper'));
    expect(p.resolveOutput('link-in/new-run')).toBe(join(ws, 'link-in', 'new-run'));
  });
  it('rejects `..` escapes', () => {
    const p = confinedPathPolicy([ws], ws);
    forbidden(() => p.resolveInput('../outside/secret.onnx'));
    forbidden(() => p.resolveOutput('runs/../../outside/new'));
  });
  it('rejects an absolute path outside the roots', () => {
    const p = confinedPathPolicy([ws], ws);
    const e = forbidden(() => p.resolveInput(join(outside, 'secret.onnx')));
    expect(e.message).toContain(join(outside, 'secret.onnx'));
    forbidden(() => p.resolveInput('/etc/passwd'));
  });
  it('rejects a symlink that leaves the roots, for reading and for writing below it', () => {
    const p = confinedPathPolicy([ws], ws);
    forbidden(() => p.resolveInput('link-out/secret.onnx'));
    forbidden(() => p.resolveOutput('link-out/new-file'));
  });
  it('accepts a file explicitly allowed, and only that file', () => {
    const p = confinedPathPolicy([ws], ws);
    p.allow(join(outside, 'secret.onnx'));
    expect(p.resolveInput(join(outside, 'secret.onnx'))).toBe(join(outside, 'secret.onnx'));
    forbidden(() => p.resolveInput(join(outside, 'other.onnx')));
  });
  it('rejects a sibling folder whose name starts with the root name', async () => {
    await fs.mkdir(join(base, 'ws-evil'), { recursive: true });
    const p = confinedPathPolicy([ws], ws);
    forbidden(() => p.resolveInput(join(base, 'ws-evil')));
  });
});

describe('open path policy', () => {
  it('resolves any path against the working directory', () => {
    const p = openPathPolicy(base);
    expect(p.resolveInput('outside/secret.onnx')).toBe(join(outside, 'secret.onnx'));
    expect(p.resolveOutput('/etc/x')).toBe('/etc/x');
  });
});
