// The parsed-graph cache behind modelGraph, on a real ONNX file and the real ONNX graph reader: a second request
// for an unchanged file is not parsed again (the same graph comes back), a changed mtime or size is re-read, a
// failed read is not kept. Each read is counted by wrapping the real reader.
import { copyFileSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedGraph, GRAPH_CACHE_SIZE } from '../../../src-main/engine/graph-cache';
import { readOnnxModelGraph } from '../../../src-main/formats/onnx/model-graph';
import { BLAZEFACE } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'edgelab-graph-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function counted() {
  const files: string[] = [];
  return { files, read: (f: string) => (files.push(f), readOnnxModelGraph(f)) };
}

describe('cachedGraph', () => {
  it('parses a file once while its size and mtime stay; re-reads it when either changes', async () => {
    const file = join(dir, 'a.onnx');
    copyFileSync(BLAZEFACE, file);
    const r = counted();
    const g1 = await cachedGraph(file, r.read);
    const g2 = await cachedGraph(file, r.read);
    expect(g2).toBe(g1);
    expect(r.files).toEqual([file]);
    expect(g1.nodes.length).toBeGreaterThan(50);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const g3 = await cachedGraph(file, r.read);
    expect(r.files).toEqual([file, file]);
    expect(g3).not.toBe(g1);
    expect(g3.nodes.length).toBe(g1.nodes.length);
  });

  it('does not keep a failed read, and keeps at most GRAPH_CACHE_SIZE files', async () => {
    const bad = join(dir, 'bad.onnx');
    writeFileSync(bad, 'not an onnx model');
    const r = counted();
    await expect(cachedGraph(bad, r.read)).rejects.toThrow();
    await expect(cachedGraph(bad, r.read)).rejects.toThrow();
    expect(r.files).toEqual([bad, bad]);
    const files = Array.from({ length: GRAPH_CACHE_SIZE + 1 }, (_, i) => join(dir, `m${i}.onnx`));
    for (const f of files) copyFileSync(BLAZEFACE, f);
    const r2 = counted();
    for (const f of files) await cachedGraph(f, r2.read);
    await cachedGraph(files[files.length - 1]!, r2.read); // kept: the most recent
    await cachedGraph(files[0]!, r2.read); // dropped: the oldest
    expect(r2.files).toEqual([...files, files[0]]);
  });
});
