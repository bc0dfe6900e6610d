// The output guard on its own: which outputs of a workspace are EdgeLab's (refused) and which are new (allowed).
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutputNotOwned, guardOutputs } from '../../../src-main/workspace/output-guard';
import { openPathPolicy } from '../../../src-main/workspace/path-policy';

let base: string;
let ws: string;
beforeAll(async () => {
  base = await fs.realpath(await fs.mkdtemp(join(tmpdir(), 'edgelab-og-')));
  ws = join(base, 'ws');
  await fs.mkdir(join(ws, 'runs', 'r1', 'frames'), { recursive: true });
  await fs.writeFile(join(ws, 'runs', 'r1', 'run.json'), '{}');
  await fs.mkdir(join(ws, 'models', 'm1'), { recursive: true });
  await fs.mkdir(join(ws, 'reports'), { recursive: true });
  await fs.writeFile(join(ws, 'manifest.json'), '{}');
  await fs.mkdir(join(base, 'outside-run'));
  await fs.writeFile(join(base, 'outside-run', 'run.json'), '{}');
  await fs.symlink(join(ws, 'manifest.json'), join(base, 'link-to-manifest'));
});
afterAll(async () => fs.rm(base, { recursive: true, force: true }));

describe('checkOutputNotOwned', () => {
  it.each([
    ['manifest.json', 'is an existing file of the workspace'],
    ['manifest.lock', 'is a file of the workspace'],
    ['settings.json', 'is a file of the workspace'],
    ['.edgelab-tmp-1-x', 'is a file of the workspace'],
    ['runs/r1/run.json', 'lies inside a run folder'],
    ['runs/r1/frames/new.jpg', 'lies inside a run folder'],
    ['runs/r1', 'is an existing file of the workspace'],
    ['models/m1/x.onnx', 'lies inside a model folder'],
    ['compares/x.json', "lies in the workspace's compares/ folder"],
    ['latency/records.json', "lies in the workspace's latency/ folder"],
    ['', 'is the workspace folder'],
  ])('%s: FORBIDDEN (%s)', (rel, why) => {
    const p = join(ws, rel);
    expect(() => checkOutputNotOwned(p, ws)).toThrow(expect.objectContaining({ code: 'FORBIDDEN', file: p, message: expect.stringContaining(why) }));
  });

  it('follows links (a link to the manifest) and refuses files inside a run folder outside the workspace', () => {
    expect(() => checkOutputNotOwned(join(base, 'link-to-manifest'), ws)).toThrow(/existing file of the workspace/);
    expect(() => checkOutputNotOwned(join(base, 'outside-run', 'x.json'), ws)).toThrow(/inside a run folder/);
  });

  it.each(['report.json', 'reports/new.html', 'runs/new-run', '..foo.json', 'sub/dir/out.yaml'])('%s (new): allowed', (rel) => {
    expect(() => checkOutputNotOwned(join(ws, rel), ws)).not.toThrow();
  });

  it('allows new and existing user files outside the workspace; guardOutputs applies it to resolveOutput only', async () => {
    await fs.writeFile(join(base, 'mine.json'), '{}');
    expect(() => checkOutputNotOwned(join(base, 'mine.json'), ws)).not.toThrow();
    const p = guardOutputs(openPathPolicy(ws), ws);
    expect(() => p.resolveOutput('manifest.json')).toThrow(/outputs never replace/);
    expect(p.resolveInput('manifest.json')).toBe(join(ws, 'manifest.json'));
  });
});
