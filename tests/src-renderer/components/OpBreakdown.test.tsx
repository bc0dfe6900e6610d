// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LatencyMatrix } from '../../../src-shared/types/latency';
import { OpBreakdown, opTypeTotals } from '../../../src-renderer/components/OpBreakdown';
import { realEngine, type RealEngine } from '../real-engine';

let t: RealEngine;
let m: LatencyMatrix;
beforeAll(async () => {
  t = await realEngine();
  await t.engine.importBench({ files: ['ort-profile-blazeface-cpu.json', 'tflite-riscv64-mobilenet-v1-op-profiling.txt', 'edgelab-template-pixel3.csv'].map((f) => `${t.bench}/${f}`), device: 'bench-device' });
  m = await t.engine.latency({});
}, 120_000);
afterAll(() => t?.cleanup());
afterEach(cleanup);

describe('OpBreakdown (records imported from real op profiles)', () => {
  it('op-type totals: the record’s own, else summed from its ops (same total time)', () => {
    const withOps = m.cells.filter((c) => c.ops?.length);
    expect(withOps.length).toBeGreaterThan(0);
    for (const c of withOps) {
      const totals = opTypeTotals(c);
      expect(totals.map((x) => x.avgMs)).toEqual([...totals.map((x) => x.avgMs)].sort((a, b) => b - a));
      if (!c.opTypes?.length) {
        const sum = (xs: { avgMs: number }[]) => xs.reduce((s, x) => s + x.avgMs, 0);
        expect(sum(totals)).toBeCloseTo(sum(c.ops!), 9);
        expect(totals.reduce((s, x) => s + (x.count ?? 0), 0)).toBe(c.ops!.length);
      }
    }
  });

  it('draws a bar per op type and lists the slowest ops', () => {
    const c = m.cells.find((x) => x.ops?.length)!;
    render(<OpBreakdown cell={c} />);
    const panel = screen.getByTestId('op-breakdown');
    expect(panel.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(Math.min(20, opTypeTotals(c).length));
    const slowest = [...c.ops!].sort((a, b) => b.avgMs - a.avgMs)[0]!;
    expect(screen.getByTestId('op-table').querySelector('tbody tr')!.textContent).toContain(slowest.name);
  });

  it('says how to get a breakdown when the record has no op profile', () => {
    const c = m.cells.find((x) => !x.ops?.length && !x.opTypes?.length)!;
    expect(c).toBeTruthy();
    render(<OpBreakdown cell={c} />);
    expect(screen.getByTestId('op-breakdown-none').textContent).toMatch(/op-profiling/);
  });
});
