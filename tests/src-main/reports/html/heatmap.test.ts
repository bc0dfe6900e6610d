// Latency heatmap: one cell per device · delegate × variant, coloured by the shared budget scale (same bins as the
// UI), ✓/✗ in text, grey for no record, a legend of the bins; every name escaped.
import { describe, expect, it } from 'vitest';
import { latencyHeatmap } from '../../../../src-main/reports/html/heatmap';
import { BUDGET_BINS, budgetBin } from '../../../../src-shared/charts/budget-scale';
import type { LatencyMatrix } from '../../../../src-shared/types/latency';

const m: LatencyMatrix = {
  budgetMs: 40,
  devices: ['Pixel <7>', 'iPhone'],
  delegates: ['gpu'],
  variants: ['v-fp32', 'v-int8'],
  cells: [
    { device: 'Pixel <7>', delegate: 'gpu', variant: 'v-fp32', recordId: 'a', latencyMs: { mean: 80 }, withinBudget: false },
    { device: 'Pixel <7>', delegate: 'gpu', variant: 'v-int8', recordId: 'b', latencyMs: { mean: 10 }, withinBudget: true },
    { device: 'iPhone', delegate: 'gpu', variant: 'v-int8', recordId: 'c', latencyMs: { mean: 39.5 }, withinBudget: true },
  ],
};

describe('latencyHeatmap', () => {
  it('draws rows × columns with ms, verdict marks and colours', () => {
    const svg = latencyHeatmap(m);
    expect((svg.match(/<rect /g) ?? []).length).toBe(4); // 2 rows × 2 variants (the legend uses HTML swatches)
    expect(svg).toContain('80.0 ms ✗');
    expect(svg).toContain('10.0 ms ✓');
    expect(svg).toContain('#e4e4e4'); // iPhone × v-fp32: no record
    expect(svg).toContain(`fill="${budgetBin(80, 40).fill}"`); // 2× budget: orange bin
    expect(budgetBin(80, 40).over).toBe(true);
    expect(svg).toContain(`fill="${budgetBin(10, 40).fill}"`); // ≤ 25%: darkest purple
    for (const b of BUDGET_BINS) expect(svg).toContain(b.label.replace('>', '&gt;'));
    expect(svg).toContain('Pixel &lt;7&gt; · gpu');
    expect(svg).not.toContain('<7>');
  });
});
