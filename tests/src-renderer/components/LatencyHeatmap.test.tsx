// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BUDGET_BINS } from '../../../src-shared/charts/budget-scale';
import type { LatencyCell, LatencyMatrix } from '../../../src-shared/types/latency';
import { LatencyHeatmap } from '../../../src-renderer/components/LatencyHeatmap';
import { latencyGrid } from '../../../src-renderer/lib/latency-grid';
import { realEngine, type RealEngine } from '../real-engine';

let t: RealEngine;
let m: LatencyMatrix;
beforeAll(async () => {
  t = await realEngine();
  await t.engine.importBench({ files: ['tflite-profile-xnnpack-quoted.csv', 'ort-perf-test-pixel6-resnet18.log', 'edgelab-template-pixel3.csv'].map((f) => `${t.bench}/${f}`) });
  m = await t.engine.latency({ budgetMs: 50 });
}, 120_000);
afterAll(() => t?.cleanup());
afterEach(cleanup);

describe('LatencyHeatmap', () => {
  it('prints each cell’s ms and share of the budget, marks over-budget cells in words, and reports clicks', () => {
    const picked: LatencyCell[] = [];
    render(<LatencyHeatmap grid={latencyGrid(m)} budgetMs={50} selected={null} onPick={(c) => picked.push(c)} />);
    const buttons = screen.getAllByTestId('latency-cell');
    expect(buttons).toHaveLength(m.cells.length);
    for (const c of m.cells) {
      const b = buttons.find((x) => x.getAttribute('aria-label')!.startsWith(`${c.variant} on ${c.device} · ${c.delegate}:`))!;
      expect(b.textContent).toContain(`${c.latencyMs.mean.toFixed(1)} ms`);
      expect(b.textContent).toContain(`${Math.round((c.latencyMs.mean / 50) * 100)}%`);
      expect(b.textContent!.includes('▲ over')).toBe(!c.withinBudget);
      fireEvent.click(b);
      expect(picked.at(-1)).toBe(c);
    }
    expect(screen.getByTestId('latency-legend').children).toHaveLength(BUDGET_BINS.length);
  });

  it('shows the picked cell as pressed', () => {
    const c = m.cells[0]!;
    render(<LatencyHeatmap grid={latencyGrid(m)} budgetMs={50} selected={c} onPick={() => undefined} />);
    expect(screen.getAllByTestId('latency-cell').filter((b) => b.getAttribute('aria-pressed') === 'true')).toHaveLength(1);
  });
});
