import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src-shared/formats/run';
import { exists, tempEngine } from './helpers';

let t: Awaited<ReturnType<typeof tempEngine>>;
let base: RunSummary;
let half: RunSummary;
beforeAll(async () => {
  t = await tempEngine();
  const m = await t.engine.importModel({ source: 'blazeface-front' });
  const v = await t.engine.convertModel({ model: m.id, to: 'fp16' });
  base = await t.engine.replay({ model: m.id, clip: 'cup', frames: 10 });
  half = await t.engine.replay({ model: v.variant.id, clip: 'cup', frames: 10 });
});
afterAll(async () => {
  await t.cleanup();
});

describe('report', () => {
  it('writes JSON into reports/<id>/report.json by run ids, first run = baseline', async () => {
    const r = await t.engine.report({ runs: [base.id, half.id], format: 'json', title: 'face fp16' });
    expect(r.files).toHaveLength(1);
    expect(r.files[0]).toMatch(new RegExp(`^${t.engine.workspace.dir}/reports/[a-z0-9-]+/report\\.json$`));
    const onDisk = JSON.parse(await fs.readFile(r.files[0], 'utf8'));
    expect(onDisk.schema).toBe('edgelab.report');
    expect(onDisk.title).toBe('face fp16');
    expect(r.report.comparisons).toHaveLength(1);
    expect(r.report.comparisons[0].baselineRunId).toBe(base.id);
    expect(r.report.comparisons[0].variantRunId).toBe(half.id);
    // fp16 BlazeFace: about half the size, near-identical boxes.
    expect(r.report.comparisons[0].sizeRatio).toBeLessThan(0.7);
    expect(r.report.comparisons[0].f1).toBeGreaterThan(0.8);
    const man = await t.engine.workspace.read();
    expect(man.reports.map((x) => x.files[0])).toContain(r.files[0]);
  });

  it('writes self-contained HTML to out by run directories', async () => {
    const out = join(t.dir, 'cmp.html');
    const r = await t.engine.report({ runs: [base.dir, half.dir], format: 'html', out });
    expect(r.files).toEqual([out]);
    const html = await fs.readFile(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain(half.id);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });

  it('fails on an unknown run without writing', async () => {
    const out = join(t.dir, 'bad.json');
    await expect(t.engine.report({ runs: [base.id, join(t.dir, 'no-run')], format: 'json', out })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await exists(out)).toBe(false);
  });
});
