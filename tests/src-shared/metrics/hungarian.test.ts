// hungarian: optimal against brute force over every assignment on random matrices (fast-check), rectangular both ways.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hungarian } from '../../../src-shared/metrics/hungarian';

/** Minimum total cost over all injective assignments of min(n,m) pairs (exhaustive). */
function bruteForce(cost: number[][]): number {
  const n = cost.length;
  const m = cost[0].length;
  const k = Math.min(n, m);
  let best = Infinity;
  const usedCols = new Array(m).fill(false);
  const usedRows = new Array(n).fill(false);
  // choose k pairs: iterate rows in order when n ≤ m, else columns in order
  const rec = (i: number, acc: number) => {
    if (i === k) {
      best = Math.min(best, acc);
      return;
    }
    if (n <= m) {
      for (let j = 0; j < m; j++) if (!usedCols[j]) {
        usedCols[j] = true;
        rec(i + 1, acc + cost[i][j]);
        usedCols[j] = false;
      }
    } else {
      for (let r = 0; r < n; r++) if (!usedRows[r]) {
        usedRows[r] = true;
        rec(i + 1, acc + cost[r][i]);
        usedRows[r] = false;
      }
    }
  };
  rec(0, 0);
  return best;
}

const matrix = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
  .chain(([n, m]) => fc.array(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: m, maxLength: m }), { minLength: n, maxLength: n }));

describe('hungarian', () => {
  it('finds the brute-force optimum, a valid injective assignment of min(rows, cols) pairs', () => {
    fc.assert(
      fc.property(matrix, (cost) => {
        const a = hungarian(cost);
        expect(a).toHaveLength(cost.length);
        const cols = a.filter((j) => j >= 0);
        expect(new Set(cols).size).toBe(cols.length);
        expect(cols.length).toBe(Math.min(cost.length, cost[0].length));
        const total = a.reduce((s, j, i) => (j >= 0 ? s + cost[i][j] : s), 0);
        expect(total).toBeCloseTo(bruteForce(cost), 6);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('hand-computed 3×3 case and the empty matrix', () => {
    // Optimum by hand: 0→1, 1→0, 2→2 = 1 + 2 + 2 = 5 (the row minima 0→1, 1→1 collide; next best is 6).
    expect(hungarian([[4, 1, 3], [2, 0, 5], [3, 2, 2]])).toEqual([1, 0, 2]);
    expect(hungarian([])).toEqual([]);
    expect(() => hungarian([[1, Infinity]])).toThrow(/finite/);
  });
});
