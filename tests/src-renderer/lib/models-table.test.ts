import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatencyMatrix } from '../../../src-shared/types/latency';
import { deviceColumns, lineageText, mapDropById, modelRows } from '../../../src-renderer/lib/models-table';
import { blazefaceCompared, realEngine, type Compared, type RealEngine } from '../real-engine';

let t: RealEngine;
let c: Compared;
let matrix: LatencyMatrix;
beforeAll(async () => {
  t = await realEngine();
  c = await blazefaceCompared(t.engine);
  const variant = c.model.variants[0]!;
  await t.engine.importBench({ files: [`${t.bench}/edgelab-template-pixel3.csv`], variant: variant.id });
  matrix = await t.engine.latency({});
}, 120_000);
afterAll(() => t?.cleanup());

describe('models table rows (real workspace)', () => {
  it('lists the model then its variant with size, validation, lineage', () => {
    const rows = modelRows([c.model], null, {});
    expect(rows.map((r) => [r.id, r.parentId, r.kind])).toEqual([
      [c.model.id, null, 'fp32'],
      [c.model.variants[0]!.id, c.model.id, 'int8-weights'],
    ]);
    const v = rows[1]!;
    expect(v.sizeBytes).toBe(c.model.variants[0]!.sizeBytes);
    expect(v.sizeBytes).toBeLessThan(rows[0]!.sizeBytes);
    expect(v.snrDb).toBe(c.model.variants[0]!.validation!.snrDb);
    expect(v.lineage).toMatch(new RegExp(`^${c.model.id} → int8-weights`));
    expect(v.lineage).toContain('frames=2');
  });

  it('joins the mAP@0.5 drop of the variant’s run (the map50_drop gate’s value)', () => {
    const drops = mapDropById([c.compare], [c.baseline, c.variant]);
    const gate = c.compare.verdict.checks.find((k) => k.metric === 'map50_drop')!.value!;
    expect(drops[c.variant.model.id!]).toBe(gate);
    expect(modelRows([c.model], null, drops)[1]!.mapDrop).toBe(gate);
  });

  it('puts each device · delegate of the linked latency records in its own column', () => {
    const cols = deviceColumns(matrix);
    expect(cols.length).toBeGreaterThan(0);
    const row = modelRows([c.model], matrix, {})[1]!;
    const linked = matrix.cells.filter((x) => x.variant === row.id);
    expect(linked.length).toBeGreaterThan(0);
    for (const x of linked) expect(row.latencyMs[`${x.device} · ${x.delegate}`]).toBe(x.latencyMs.mean);
  });

  it('lineage text leaves out empty options', () => {
    expect(lineageText('m', { kind: 'int8', settings: {}, lineage: { sourceSha256: 'x', kind: 'int8', options: { method: 'percentile', exclude: [], percentile: 99.9 }, calibration: 'cup' } })).toBe(
      'm → int8 (method=percentile, percentile=99.9) · calib cup',
    );
  });
});
