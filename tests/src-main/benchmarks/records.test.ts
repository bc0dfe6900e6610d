import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatencyRecord } from '../../../src-shared/types/latency';
import { readRecords, recordId, recordsPath, storeRecords } from '../../../src-main/benchmarks/records';
import { Workspace } from '../../../src-main/workspace/workspace';

let dir: string;
let ws: Workspace;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-records-'));
  ws = await Workspace.open(join(dir, 'ws'));
});
afterAll(async () => fs.rm(dir, { recursive: true, force: true }));

const rec = (id: string, mean: number): LatencyRecord => ({ id, format: 'x', device: 'd', delegate: 'cpu', model: 'm', latencyMs: { mean }, source: { file: 'f' } });

describe('latency records store', () => {
  it('ids are stable per (source bytes, format, index) and differ otherwise', () => {
    const sha = 'e'.repeat(64);
    expect(recordId(sha, 'f', 0)).toBe(recordId(sha, 'f', 0));
    expect(new Set([recordId(sha, 'f', 0), recordId(sha, 'f', 1), recordId(sha, 'g', 0), recordId('f'.repeat(64), 'f', 0)]).size).toBe(4);
  });
  it('stores, replaces by id, keeps the rest; an empty workspace has none', async () => {
    expect(await readRecords(ws)).toEqual([]);
    await storeRecords(ws, [rec('a', 1), rec('b', 2)]);
    const r = await storeRecords(ws, [rec('b', 3), rec('c', 4)]);
    expect(r.replaced).toBe(1);
    const all = await readRecords(ws);
    expect(all.map((x) => [x.id, x.latencyMs.mean])).toEqual([['a', 1], ['b', 3], ['c', 4]]);
    const onDisk = JSON.parse(await fs.readFile(recordsPath(ws), 'utf8'));
    expect(onDisk.schema).toBe('edgelab.latency-records');
    expect((await fs.readdir(join(ws.dir, 'latency'))).filter((f) => f.includes('edgelab-tmp'))).toEqual([]);
  });
  it('concurrent stores (two workspace handles, as CLI + server) lose nothing', async () => {
    const other = await Workspace.open(ws.dir);
    await Promise.all(Array.from({ length: 6 }, (_, i) => storeRecords(i % 2 ? ws : other, [rec(`p${i}`, i)])));
    const ids = (await readRecords(ws)).map((x) => x.id);
    for (let i = 0; i < 6; i++) expect(ids).toContain(`p${i}`);
  });
  it('a corrupt records file is BAD_INPUT naming it, and is not overwritten', async () => {
    const w2 = await Workspace.open(join(dir, 'ws2'));
    await fs.mkdir(join(w2.dir, 'latency'), { recursive: true });
    await fs.writeFile(recordsPath(w2), '{"schema":"nope"}');
    await expect(readRecords(w2)).rejects.toThrow(/records\.json: latency records do not match/);
    await expect(storeRecords(w2, [rec('z', 1)])).rejects.toThrow(/do not match/);
    expect(await fs.readFile(recordsPath(w2), 'utf8')).toBe('{"schema":"nope"}');
  });
});
