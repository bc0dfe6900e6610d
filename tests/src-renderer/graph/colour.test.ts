// The Graph view's outlines stay visible on every fill: the kept-in-float and search-match outline colours are reserved
// (colour.ts), so no fill of any colour mode — op type / weight dtype categories, per-layer SNR bins, "not compared" —
// uses them. (The kept-in-float outline was the op palette's 7th fill, so a Mul kept in float showed pink on pink; a
// match's orange was the most frequent op's fill, DequantizeLinear in an int8 graph.)
import { describe, expect, it } from 'vitest';
import { categoryColours, KEPT_FLOAT_STROKE, MATCH_STROKE, NO_VALUE_FILL, snrFill, snrLegend } from '../../../src-renderer/graph/colour';

const norm = (c: string) => c.toUpperCase();

describe('Graph view colours', () => {
  it('no category fill is an outline colour, however many categories', () => {
    const ops = Array.from({ length: 12 }, (_, i) => `Op${i}`);
    const values = ops.flatMap((op, i) => Array.from({ length: 20 - i }, () => op));
    const c = categoryColours(values);
    const fills = new Set([...ops.map((o) => c.fill(o)), ...c.legend.map((l) => l.fill)].map(norm));
    expect(fills.size).toBeGreaterThan(3);
    for (const outline of [KEPT_FLOAT_STROKE, MATCH_STROKE]) expect(fills.has(norm(outline))).toBe(false);
  });

  it('no SNR fill is an outline colour', () => {
    const fills = new Set([...snrLegend().map((l) => l.fill), NO_VALUE_FILL, ...[-5, 5, 15, 25, 35, 60].map(snrFill)].map(norm));
    for (const outline of [KEPT_FLOAT_STROKE, MATCH_STROKE]) expect(fills.has(norm(outline))).toBe(false);
  });
});
