// Minimum-cost assignment (Hungarian / Kuhn–Munkres with row/column potentials, O(n²·m)). Hand-written: it is
// EdgeLab's own small maths (~40 lines) and no well-kept JS package is worth a dependency for it.
// Works on a rectangular rows×cols matrix of finite costs; every row is assigned when rows ≤ cols, else every
// column. Callers express "forbidden" pairs with a large finite cost and drop those pairs afterwards.

/** Returns, for each row, the assigned column or -1. Minimises the summed cost of the assigned pairs. */
export function hungarian(cost: number[][]): number[] {
  const n = cost.length;
  const m = n ? cost[0].length : 0;
  if (n === 0 || m === 0) return new Array(n).fill(-1);
  for (const row of cost) {
    if (row.length !== m) throw new RangeError('hungarian: ragged cost matrix');
    for (const c of row) if (!Number.isFinite(c)) throw new RangeError('hungarian: costs must be finite');
  }
  // The algorithm assigns every row of an n×m matrix with n ≤ m; transpose when there are more rows.
  if (n > m) {
    const t = Array.from({ length: m }, (_, j) => cost.map((row) => row[j]));
    const colOfT = hungarian(t);
    const out = new Array(n).fill(-1);
    colOfT.forEach((row, col) => {
      if (row >= 0) out[row] = col;
    });
    return out;
  }
  // 1-based arrays: u (rows), v (columns) potentials; p[j] = row matched to column j; way = augmenting path.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Infinity);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  const out = new Array(n).fill(-1);
  for (let j = 1; j <= m; j++) if (p[j] > 0) out[p[j] - 1] = j - 1;
  return out;
}
