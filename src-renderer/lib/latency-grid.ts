// The latency heatmap's grid: one row per variant, one column per device · delegate, from the `latency` matrix.
import type { LatencyCell, LatencyMatrix } from '../../src-shared/types/latency';
import { deviceKey } from './models-table';

export interface LatencyGrid {
  /** Variant ids (or model file names), in the matrix's order. */
  rows: string[];
  /** Device · delegate keys, sorted. */
  cols: string[];
  /** Cell at row × column, or undefined when no record covers it. */
  at(row: string, col: string): LatencyCell | undefined;
}

export function latencyGrid(m: LatencyMatrix): LatencyGrid {
  const byKey = new Map(m.cells.map((c) => [`${c.variant}\u0000${deviceKey(c.device, c.delegate)}`, c]));
  const cols = [...new Set(m.cells.map((c) => deviceKey(c.device, c.delegate)))].sort();
  const rows = [...new Set([...m.variants, ...m.cells.map((c) => c.variant)])].filter((v) => m.cells.some((c) => c.variant === v));
  return { rows, cols, at: (row, col) => byKey.get(`${row}\u0000${col}`) };
}
