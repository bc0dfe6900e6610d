// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompareResult } from '../../../src-shared/types/degradation';
import { MetricBars } from '../../../src-renderer/components/MetricBars';
import { metricCharts } from '../../../src-renderer/lib/degradation';
import { useBlazefaceCompared } from '../real-engine';

const { t, c } = useBlazefaceCompared();
afterEach(cleanup);

describe('MetricBars (a real compare: BlazeFace int8-weights vs float32)', () => {
  it('one bar per variant, the gate as a dashed reference line, failing bars named "✗ gate"', () => {
    const failing: CompareResult = { ...c.compare, verdict: { pass: false, checks: [{ metric: 'map50_drop', op: '>', limit: 0.01, value: 0.5, failed: true }] } };
    const charts = metricCharts([
      { name: 'passes', result: { ...c.compare, verdict: { pass: true, checks: [{ metric: 'map50_drop', op: '>', limit: 0.01, value: 0, failed: false }] } } },
      { name: 'fails', result: failing },
    ]);
    render(<MetricBars chart={charts.find((x) => x.metric.key === 'map50')!} />);
    const fig = screen.getByTestId('metric-chart');
    expect(fig.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(2);
    expect(fig.querySelector('.recharts-reference-line line')!.getAttribute('stroke-dasharray')).toBe('5 3');
    expect(fig.textContent).toContain('fails ✗ gate');
    expect(fig.textContent).not.toContain('passes ✗ gate');
    expect(fig.textContent).toContain('gate map50_drop>0.01');
  });
});
