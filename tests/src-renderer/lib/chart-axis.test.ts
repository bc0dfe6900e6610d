// Metric chart axes: a [0, 1] metric stops at 1, counts get whole ticks, 0 is always on the axis and labelled.
import { describe, expect, it } from 'vitest';
import { yAxisFor } from '../../../src-renderer/lib/chart-axis';

describe('yAxisFor', () => {
  it('fractions: 0 to 1 by quarters, never above 1, 0 labelled "0"', () => {
    const a = yAxisFor('fraction', 0.2, 0.99);
    expect(a.domain).toEqual([0, 1]);
    expect(a.ticks).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(a.ticks!.map(a.format)).toEqual(['0', '0.25', '0.5', '0.75', '1']);
    expect(yAxisFor('cosine', -0.3, 1).domain).toEqual([-0.5, 1]);
  });
  it('counts: whole-number ticks from 0 covering the largest bar', () => {
    const a = yAxisFor('count', 0, 7);
    expect(a.allowDecimals).toBe(false);
    expect(a.ticks!.every((t) => Number.isInteger(t))).toBe(true);
    expect(a.ticks![0]).toBe(0);
    expect(a.domain[1]).toBeGreaterThanOrEqual(7);
    expect(yAxisFor('count', 0, 0).ticks).toEqual([0, 1]);
    expect(yAxisFor('count', 0, 130).ticks).toEqual([0, 50, 100, 150]);
  });
  it('other units: head room above the top, 0 included', () => {
    const a = yAxisFor('per-minute', 0, 20);
    expect(a.domain[0]).toBe(0);
    expect(a.domain[1]).toBeCloseTo(22, 9);
    expect(a.format(0)).toBe('0');
  });
});
