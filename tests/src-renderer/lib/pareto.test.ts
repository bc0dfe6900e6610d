import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dominates, paretoFront, paretoPoints, type ParetoPoint } from '../../../src-renderer/lib/pareto';
import { useBlazefaceCompared } from '../real-engine';

const p = (sizeBytes: number, latencyMs: number, accuracy: number): ParetoPoint => ({ sizeBytes, latencyMs, accuracy });

describe('Pareto front (size ↓, latency ↓, accuracy ↑)', () => {
  it('keeps the trade-offs and drops the dominated', () => {
    const pts = [p(10, 50, 0.9), p(5, 80, 0.9), p(10, 60, 0.8), p(20, 40, 0.95), p(20, 40, 0.95)];
    // #2 is worse than #0 everywhere; #3 and #4 tie (neither dominates the other).
    expect(paretoFront(pts)).toEqual([0, 1, 3, 4]);
    expect(dominates(pts[0]!, pts[2]!)).toBe(true);
    expect(dominates(pts[3]!, pts[4]!)).toBe(false);
  });

  it('leaves out points with a non-finite objective', () => {
    expect(paretoFront([p(1, Number.NaN, 1), p(2, 2, 0.5)])).toEqual([1]);
  });

  it('property: no front point is dominated, every other point is dominated by a front point', () => {
    const point = fc.record({ sizeBytes: fc.integer({ min: 1, max: 20 }), latencyMs: fc.integer({ min: 1, max: 20 }), accuracy: fc.integer({ min: 0, max: 10 }).map((x) => x / 10) });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 40 }), (pts) => {
        const front = new Set(paretoFront(pts));
        pts.forEach((q, i) => {
          if (front.has(i)) expect(pts.some((r) => dominates(r, q))).toBe(false);
          else expect([...front].some((j) => dominates(pts[j]!, q))).toBe(true);
        });
      }),
    );
  });
});

describe('paretoPoints from a real compare', () => {
  const { t, c } = useBlazefaceCompared();

  it('gives the baseline (accuracy 1 vs itself) and the variant their run sizes and this machine’s latency', () => {
    const pts = paretoPoints([c.compare], [c.baseline, c.variant], null);
    expect(pts).toHaveLength(2);
    const base = pts.find((x) => x.model === c.baseline.model.id)!;
    const vari = pts.find((x) => x.model === c.variant.model.id)!;
    expect(base.accuracy).toBe(1);
    expect(vari.accuracy).toBe(c.compare.detection.map50);
    expect(vari.sizeBytes).toBe(c.variant.model.sizeBytes);
    expect(vari.sizeBytes).toBeLessThan(base.sizeBytes);
    expect(base.latencyMs).toBe(c.baseline.inferenceMsMean);
    expect(vari.device).toMatch(/^this machine · /);
    expect([base.source, vari.source]).toEqual(['workstation', 'workstation']);
    expect(vari.name).toBe(`${c.variant.model.name} · ${c.variant.model.variantKind} · ${c.variant.clip.name}`);
    // The smaller variant cannot be dominated by the larger baseline.
    expect(vari.front).toBe(true);
  });

  it('fronts are per device · delegate: a fast workstation point never pushes a phone point off its front', () => {
    // The variant linked to a slow phone record; the baseline only measured here (fast, larger, more accurate).
    const cell = { device: 'phone', delegate: 'cpu', variant: c.variant.model.id!, recordId: 'phone', latencyMs: { mean: 1e6 }, withinBudget: false };
    const pts = paretoPoints([c.compare], [c.baseline, c.variant], { budgetMs: 100, devices: ['phone'], delegates: ['cpu'], variants: [c.variant.model.id!], cells: [cell] });
    const phone = pts.find((x) => x.source === 'device')!;
    const here = pts.find((x) => x.source === 'workstation')!;
    expect(phone.device).toBe('phone · cpu');
    expect(phone.front).toBe(true); // alone on its device: nothing there dominates it
    expect(here.front).toBe(true); // alone among the workstation points
  });

  it('uses the latency matrix when records are linked to the model id (one point per device · delegate)', () => {
    const cell = (device: string, mean: number) => ({ device, delegate: 'cpu', variant: c.variant.model.id!, recordId: device, latencyMs: { mean }, withinBudget: mean <= 100 });
    const pts = paretoPoints([c.compare], [c.baseline, c.variant], { budgetMs: 100, devices: ['a', 'b'], delegates: ['cpu'], variants: [c.variant.model.id!], cells: [cell('a', 12), cell('b', 30)] });
    const v = pts.filter((x) => x.model === c.variant.model.id);
    expect(v.map((x) => [x.device, x.latencyMs])).toEqual([
      ['a · cpu', 12],
      ['b · cpu', 30],
    ]);
  });
});
