import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatencyMatrix } from '../../../../src-shared/types/latency';
import { FIX, edgelab, tempWorkspace } from './spawn-cli';

let ws: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ ws, cleanup } = await tempWorkspace());
  const r = await edgelab(ws, ['import-bench', join(FIX, 'edgelab-template-pixel3.csv'), join(FIX, 'tflite-mi11-yolov5s-several-runs.md'), '--device', 'Mi11']);
  if (r.code !== 0) throw new Error(r.stderr);
});
afterAll(async () => cleanup());

describe('edgelab latency', () => {
  it('--json prints the matrix with the budget applied', async () => {
    const r = await edgelab(ws, ['latency', '--budget', '100', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout) as LatencyMatrix;
    expect(m.budgetMs).toBe(100);
    expect(m.devices).toEqual(['Mi11', 'Pixel 3']);
    const p3 = m.cells.filter((c) => c.device === 'Pixel 3');
    expect(p3.map((c) => [c.delegate, c.latencyMs.mean, c.withinBudget])).toEqual([['cpu', 120, false], ['gpu', 30, true]]);
    expect(m.cells.every((c) => typeof c.recordId === 'string')).toBe(true);
  });
  it('end-to-end options reach the estimate; human output marks cells over budget', async () => {
    const r = await edgelab(ws, ['latency', '--budget', '50', '--detect-every', '3', '--tracker-ms', '2', '--json']);
    const m = JSON.parse(r.stdout) as LatencyMatrix;
    const cpu = m.cells.find((c) => c.device === 'Pixel 3' && c.delegate === 'cpu')!;
    expect(cpu.endToEndMs).toBeCloseTo(120 / 3 + 2, 9);
    expect(cpu.endToEndWithinBudget).toBe(true);
    const h = await edgelab(ws, ['latency', '--budget', '50']);
    expect(h.code).toBe(0);
    expect(h.stderr).toMatch(/OVER Pixel 3 · cpu · ssdlite_mobilenet_v2\.tflite: mean 120\.0 ms/);
    expect((await edgelab(ws, ['latency', '--budget', 'fast'])).code).toBe(2);
  });
});
