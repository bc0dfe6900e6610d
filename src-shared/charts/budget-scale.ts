// Colour of a latency against a per-frame budget, shared by the renderer's heatmap and the HTML report.
// Colour-blind-safe: ColorBrewer PuOr (a diverging purple–orange scheme rated safe for the common colour-vision
// deficiencies) — purples within budget, oranges over it, darker = further from the budget. The colour never
// carries the verdict alone: every bin also has a word (`label`) and cells print the number.

export interface BudgetBin {
  /** Upper bound of the bin as a fraction of the budget (latency / budget ≤ upTo); the last bin is unbounded. */
  upTo: number;
  fill: string;
  /** Text colour readable on `fill` (WCAG contrast ratio ≥ 4:1 against it; checked by its test). */
  text: string;
  /** Words for the bin, e.g. "≤ 50% of budget". */
  label: string;
  over: boolean;
}

/** Bins from fastest to slowest. Fills: ColorBrewer PuOr-8 (purple end within budget, orange end over it). */
export const BUDGET_BINS: readonly BudgetBin[] = [
  { upTo: 0.25, fill: '#542788', text: '#ffffff', label: '≤ 25% of budget', over: false },
  { upTo: 0.5, fill: '#8073ac', text: '#ffffff', label: '≤ 50% of budget', over: false },
  { upTo: 0.75, fill: '#b2abd2', text: '#1a1a1a', label: '≤ 75% of budget', over: false },
  { upTo: 1, fill: '#d8daeb', text: '#1a1a1a', label: '≤ budget', over: false },
  { upTo: 1.5, fill: '#fee0b6', text: '#1a1a1a', label: '≤ 1.5× budget', over: true },
  { upTo: 2, fill: '#fdb863', text: '#1a1a1a', label: '≤ 2× budget', over: true },
  { upTo: 4, fill: '#e08214', text: '#1a1a1a', label: '≤ 4× budget', over: true },
  { upTo: Infinity, fill: '#b35806', text: '#ffffff', label: '> 4× budget', over: true },
];

/** The bin of `latencyMs` against `budgetMs` (both ms, budget > 0). Non-finite latencies fall in the slowest bin. */
export function budgetBin(latencyMs: number, budgetMs: number): BudgetBin {
  if (!(budgetMs > 0)) throw new RangeError(`budget must be > 0 ms, got ${budgetMs}`);
  const ratio = Number.isFinite(latencyMs) ? latencyMs / budgetMs : Infinity;
  return BUDGET_BINS.find((b) => ratio <= b.upTo) ?? BUDGET_BINS[BUDGET_BINS.length - 1]!;
}
