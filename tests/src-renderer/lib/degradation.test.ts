import { describe, expect, it } from 'vitest';
import type { CompareResult } from '../../../src-shared/types/degradation';
import { METRICS, extraGateChecks, gateLine, metricCharts } from '../../../src-renderer/lib/degradation';
import { useBlazefaceCompared } from '../real-engine';

const { t, c } = useBlazefaceCompared();

describe('degradation charts from a real compare (BlazeFace int8-weights vs float32)', () => {
  it('draws the default map50_drop gate on the mAP@0.5 axis at 1 − 0.01 (reference = the baseline itself)', () => {
    expect(c.compare.verdict.checks.map((k) => k.metric)).toContain('map50_drop');
    expect(gateLine('map50', c.compare)).toEqual({ y: 0.99, text: 'map50_drop>0.01' });
    expect(gateLine('flickerPerMin', c.compare)).toBeNull();
  });

  it('against labels the drop gate sits below the baseline’s own score', () => {
    const withLabels: CompareResult = { ...c.compare, baselineVsLabels: { detection: { ...c.compare.detection, map50: 0.7 }, tracking: c.compare.tracking } };
    expect(gateLine('map50', withLabels)!.y).toBeCloseTo(0.69, 10);
  });

  it('a gate on the metric itself sits at its limit; other gates get their own chart', () => {
    const gated: CompareResult = {
      ...c.compare,
      verdict: { pass: false, checks: [{ metric: 'flickerPerMin', op: '>', limit: 2, value: 3, failed: true }, { metric: 'idSwitchesPerMin', op: '>', limit: 1, value: 0, failed: false }] },
    };
    expect(gateLine('flickerPerMin', gated)).toEqual({ y: 2, text: 'flickerPerMin>2' });
    expect(extraGateChecks(gated).map((k) => k.metric)).toEqual(['idSwitchesPerMin']);
    const charts = metricCharts([{ name: 'int8w', result: gated }]);
    const flicker = charts.find((ch) => ch.metric.key === 'flickerPerMin')!;
    expect(flicker.bars[0]).toEqual({ name: 'int8w', value: gated.experience.flickerPerMin, failed: true });
    expect(charts.at(-1)!.metric.key).toBe('idSwitchesPerMin');
    expect(charts.at(-1)!.gate!.y).toBe(1);
  });

  it('one chart per metric with a value, a bar per compare, values read from the result', () => {
    const charts = metricCharts([
      { name: 'a', result: c.compare },
      { name: 'b', result: c.compare },
    ]);
    const map50 = charts.find((ch) => ch.metric.key === 'map50')!;
    expect(map50.bars.map((b) => b.name)).toEqual(['a', 'b']);
    expect(map50.bars[0]!.value).toBe(c.compare.detection.map50);
    // No embedder in these runs: the embedding cosine is null and gets no chart.
    expect(c.compare.embedding.cosineMean).toBeNull();
    expect(charts.some((ch) => ch.metric.key === 'cosineMean')).toBe(false);
    expect(charts.length).toBeGreaterThanOrEqual(METRICS.length - 2);
  });
});
