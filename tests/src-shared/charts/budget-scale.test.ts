import { describe, expect, it } from 'vitest';
import { BUDGET_BINS, budgetBin } from '../../../src-shared/charts/budget-scale';

/** WCAG 2 relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
};

describe('budget colour scale', () => {
  it('splits at the budget: exactly on budget is within, a hair over is over', () => {
    expect(budgetBin(100, 100).over).toBe(false);
    expect(budgetBin(100.01, 100).over).toBe(true);
    expect(budgetBin(20, 100).label).toBe('≤ 25% of budget');
    expect(budgetBin(450, 100).label).toBe('> 4× budget');
    expect(budgetBin(Number.NaN, 100).label).toBe('> 4× budget');
  });

  it('scales with the budget (same ratio, same bin)', () => {
    for (const ratio of [0.1, 0.4, 0.9, 1.2, 1.9, 3, 9]) expect(budgetBin(ratio * 33, 33)).toBe(budgetBin(ratio * 250, 250));
  });

  it('bins ascend, differ in fill, and their text is readable on the fill (contrast ≥ 4:1)', () => {
    const ups = BUDGET_BINS.map((b) => b.upTo);
    expect([...ups].sort((a, b) => a - b)).toEqual(ups);
    expect(new Set(BUDGET_BINS.map((b) => b.fill)).size).toBe(BUDGET_BINS.length);
    for (const b of BUDGET_BINS) expect(contrast(b.fill, b.text)).toBeGreaterThanOrEqual(4);
  });

  it('refuses a budget that is not positive', () => {
    expect(() => budgetBin(10, 0)).toThrow(/budget/);
  });
});
