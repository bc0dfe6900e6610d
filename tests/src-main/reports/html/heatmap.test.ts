// Latency heatmap: one cell per device · delegate × variant, coloured by the budget ratio, ✓/✗ in text, grey
// for no record; every name escaped.
import { describe, expect, it } from 'vitest';
import { heatColour, latencyHeatmap } from '../../../../src-main/reports/html/heatmap';
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
    expect((svg.match(/<rect /g) ?? []).length).toBe(4); // 2 rows × 2 variants
    expect(svg).toContain('80.0 ms ✗');
    expect(svg).toContain('10.0 ms ✓');
    expect(svg).toContain('#e4e4e4'); // iPhone × v-fp32: no record
    expect(svg).toContain(heatColour(80 / 40));
    expect(svg).toContain('Pixel &lt;7&gt; · gpu');
    expect(svg).not.toContain('<7>');
  });
  it('colours green at half the budget or less, yellow at the budget, red from 1.5×', () => {
    expect(heatColour(0.2)).toBe('hsl(120,70%,72%)');
    expect(heatColour(1)).toBe('hsl(60,70%,72%)');
    expect(heatColour(3)).toBe('hsl(0,70%,72%)');
  });
});
