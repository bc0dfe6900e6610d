import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatencyMatrix } from '../../../src-shared/types/latency';
import { latencyGrid } from '../../../src-renderer/lib/latency-grid';
import { realEngine, type RealEngine } from '../real-engine';

let t: RealEngine;
let matrix: LatencyMatrix;
beforeAll(async () => {
  t = await realEngine();
  const files = ['tflite-profile-xnnpack-quoted.csv', 'ort-perf-test-pixel6-resnet18.log', 'edgelab-template-pixel3.csv', 'ort-profile-blazeface-cpu.json'];
  await t.engine.importBench({ files: files.map((f) => `${t.bench}/${f}`) });
  matrix = await t.engine.latency({});
}, 120_000);
afterAll(() => t?.cleanup());

describe('latency grid (matrix of real imported benchmark files)', () => {
  it('has one cell per matrix cell at its row × column, and nothing elsewhere', () => {
    const g = latencyGrid(matrix);
    expect(g.rows.length).toBeGreaterThan(1);
    expect(g.cols.length).toBeGreaterThan(1);
    let filled = 0;
    for (const r of g.rows) for (const col of g.cols) if (g.at(r, col)) filled++;
    expect(filled).toBe(matrix.cells.length);
    for (const cell of matrix.cells) expect(g.at(cell.variant, `${cell.device} · ${cell.delegate}`)).toBe(cell);
    expect([...g.cols].sort()).toEqual(g.cols);
  });
});
