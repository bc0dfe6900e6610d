// Variant × (device · delegate) latency heatmap against a per-frame budget. Each cell prints its mean ms and the
// share of the budget, and is coloured with the shared colour-blind-safe budget scale (src-shared/charts); over-
// budget cells are also marked with "▲ over" so the verdict never rests on colour alone. Cells are buttons.
import { BUDGET_BINS, budgetBin } from '../../src-shared/charts/budget-scale';
import type { LatencyCell } from '../../src-shared/types/latency';
import type { LatencyGrid } from '../lib/latency-grid';

export interface LatencyHeatmapProps {
  grid: LatencyGrid;
  budgetMs: number;
  selected: LatencyCell | null;
  onPick(cell: LatencyCell): void;
}

export function LatencyHeatmap({ grid, budgetMs, selected, onPick }: LatencyHeatmapProps) {
  return (
    <>
      <table className="table latency-heatmap" data-testid="latency-heatmap">
        <thead>
          <tr>
            <th>variant \ device · delegate</th>
            {grid.cols.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row}>
              <th scope="row">
                <code>{row}</code>
              </th>
              {grid.cols.map((col) => {
                const cell = grid.at(row, col);
                if (!cell) return <td key={col} className="latency-none">–</td>;
                const bin = budgetBin(cell.latencyMs.mean, budgetMs);
                const pct = Math.round((cell.latencyMs.mean / budgetMs) * 100);
                return (
                  <td key={col} className="latency-cell" style={{ background: bin.fill, color: bin.text }}>
                    <button
                      type="button"
                      data-testid="latency-cell"
                      data-over={bin.over ? 'true' : 'false'}
                      aria-pressed={selected?.recordId === cell.recordId}
                      aria-label={`${row} on ${col}: ${cell.latencyMs.mean.toFixed(1)} ms, ${pct}% of the ${budgetMs} ms budget`}
                      style={{ color: bin.text }}
                      onClick={() => onPick(cell)}
                    >
                      <strong>{cell.latencyMs.mean.toFixed(1)} ms</strong>
                      <br />
                      {pct}%{bin.over ? ' ▲ over' : ''}
                      {cell.ops?.length ? ' · ops' : ''}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="latency-legend" aria-label="colour scale" data-testid="latency-legend">
        {BUDGET_BINS.map((b) => (
          <span key={b.label} style={{ background: b.fill, color: b.text }}>
            {b.label}
          </span>
        ))}
      </div>
    </>
  );
}
