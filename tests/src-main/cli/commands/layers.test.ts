// `edgelab layers` (BUILT CLI, run `npm run build` first): --json lists every compared node with op and
// metrics worst first; text output (stderr); bad input exits 1 with one line naming the file; usage errors exit 2.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgelab, REPO, tempWorkspace } from './spawn-cli';

const BLAZE = join(REPO, 'models', 'blazeface-front', 'face_detection_front_128x128.onnx');
let t: Awaited<ReturnType<typeof tempWorkspace>>;
let dir: string;
let fp16: string;
beforeAll(async () => {
  t = await tempWorkspace();
  dir = join(t.ws, '..');
  fp16 = join(dir, 'face-fp16.onnx');
  const r = await edgelab(t.ws, ['convert', BLAZE, '--to', 'fp16', '--compute', 'float16', '--out', fp16, '--json']);
  if (r.code !== 0) throw new Error(r.stderr);
});
afterAll(async () => {
  await t.cleanup();
});

describe('edgelab layers', () => {
  it('--json: every compared node { name, op, snrDb, cosine, maxAbsError }, worst first', async () => {
    const r = await edgelab(t.ws, ['layers', BLAZE, fp16, '--frames', '2', '--clip', 'cup', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.frames).toBe(2);
    expect(j.nodes.length).toBeGreaterThan(50);
    for (const n of j.nodes) for (const k of ['name', 'op', 'snrDb', 'cosine', 'maxAbsError']) expect(n).toHaveProperty(k);
    for (let i = 1; i < j.nodes.length; i++) expect(j.nodes[i].snrDb).toBeGreaterThanOrEqual(j.nodes[i - 1].snrDb);
  });

  it('--start-frame: one frame from a given index differs from frame 0; past the clip end exits 1 naming the clip', async () => {
    const at0 = JSON.parse((await edgelab(t.ws, ['layers', BLAZE, fp16, '--frames', '1', '--clip', 'cup', '--json'])).stdout);
    const r = await edgelab(t.ws, ['layers', BLAZE, fp16, '--frames', '1', '--start-frame', '150', '--clip', 'cup', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const at150 = JSON.parse(r.stdout);
    expect(at150.frames).toBe(1);
    const snr = (j: { nodes: { name: string; snrDb: number }[] }) => Object.fromEntries(j.nodes.map((n) => [n.name, n.snrDb]));
    const [a, b] = [snr(at0), snr(at150)];
    expect(Object.keys(a).some((k) => a[k] !== b[k])).toBe(true);
    const past = await edgelab(t.ws, ['layers', BLAZE, fp16, '--frames', '1', '--start-frame', '99999', '--clip', 'cup']);
    expect(past.code).toBe(1);
    expect(past.stderr).toMatch(/past the end of the clip/);
    expect(past.stderr).toContain('cup.mp4');
  });

  it('text: a table of the worst nodes', async () => {
    const r = await edgelab(t.ws, ['layers', 'blazeface-front', fp16, '--frames', '1', '--top', '5']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(''); // human output goes to stderr, after the progress lines
    const all = r.stderr.trim().split('\n');
    const lines = all.slice(all.findIndex((l) => /nodes compared on 1 frame/.test(l)));
    expect(lines[0]).toMatch(/^\d+ nodes compared on 1 frame/);
    expect(lines[1]).toMatch(/SNR dB/);
    expect(lines.slice(2, 7).every((l) => /\s-?\d+\.\d\s/.test(l))).toBe(true);
  });

  it('bad input: exit 1 with one edgelab: line naming the file; usage error: exit 2', async () => {
    const junk = join(dir, 'junk.onnx');
    await fs.writeFile(junk, 'not a model');
    const r = await edgelab(t.ws, ['layers', BLAZE, junk]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('edgelab:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(junk);
    expect((await edgelab(t.ws, ['layers', BLAZE])).code).toBe(2);
    expect((await edgelab(t.ws, ['layers', BLAZE, fp16, '--frames', 'x'])).code).toBe(2);
  });
});
