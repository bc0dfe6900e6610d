import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempEngine } from './helpers';

const engine = useTempEngine();

describe('demo', () => {
  it('imports SSD, makes fp16, replays both on the first frames of cup.mp4 and writes report.html + report.json', async () => {
    const fractions: number[] = [];
    const r = await engine().engine.demo({ frames: 4 }, { onProgress: (p) => p.fraction !== undefined && fractions.push(p.fraction) });
    expect(r.outDir.startsWith(join(engine().engine.workspace.dir, 'reports', 'demo-'))).toBe(true);
    expect((await fs.readdir(r.outDir)).sort()).toEqual(['report.html', 'report.json']);
    expect(r.model.id).toBe('ssd-mobilenet-v2-coco-e4c4630c');
    expect(r.variant.kind).toBe('fp16');
    expect(r.model.variants.map((v) => v.id)).toContain(r.variant.id);
    expect(r.runs.map((x) => x.frames)).toEqual([4, 4]);
    expect(r.runs[1].model.variantKind).toBe('fp16');
    const json = JSON.parse(await fs.readFile(join(r.outDir, 'report.json'), 'utf8'));
    expect(json.runs.map((x: { id: string }) => x.id)).toEqual(r.runs.map((x) => x.id));
    expect(r.report.report.comparisons[0].sizeRatio).toBeLessThan(0.6);
    expect(fractions.at(-1)).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1] - 1e-9);
    const m = await engine().engine.workspace.read();
    expect(m.runs).toHaveLength(2);
    expect(m.reports.at(-1)?.files).toEqual(r.report.files);
  });
});
