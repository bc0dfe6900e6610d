// Where the time goes in one latency cell: per op type (bars) and the slowest ops (table), from the record's
// op profile. Records imported without an op profile say so.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { LatencyCell, OpTypeTiming } from '../../src-shared/types/latency';

/** Op-type totals: the record's own, else summed from its per-op rows (avg ms per model invocation). */
export function opTypeTotals(cell: LatencyCell): OpTypeTiming[] {
  if (cell.opTypes?.length) return [...cell.opTypes].sort((a, b) => b.avgMs - a.avgMs);
  const sums = new Map<string, OpTypeTiming>();
  for (const o of cell.ops ?? []) {
    const t = sums.get(o.type) ?? { type: o.type, count: 0, avgMs: 0 };
    t.count = (t.count ?? 0) + 1;
    t.avgMs += o.avgMs;
    sums.set(o.type, t);
  }
  return [...sums.values()].sort((a, b) => b.avgMs - a.avgMs);
}

const TOP_OPS = 12;

export function OpBreakdown({ cell, width = 760 }: { cell: LatencyCell; width?: number }) {
  const types = opTypeTotals(cell).slice(0, 20);
  const ops = [...(cell.ops ?? [])].sort((a, b) => b.avgMs - a.avgMs).slice(0, TOP_OPS);
  return (
    <section className="lab-panel" data-testid="op-breakdown" aria-label="per-op breakdown">
      <h3>
        {cell.variant} on {cell.device} · {cell.delegate}: {cell.latencyMs.mean.toFixed(1)} ms mean
        {cell.latencyMs.p90 !== undefined ? `, p90 ${cell.latencyMs.p90.toFixed(1)} ms` : ''}
        {cell.format ? ` (${cell.format})` : ''}
      </h3>
      {types.length === 0 ? (
        <p className="muted" data-testid="op-breakdown-none">
          This record has no per-op profile. Import the tool&apos;s op-profiling output (TFLite --enable_op_profiling, onnxruntime profile JSON) to see where the time goes.
        </p>
      ) : (
        <>
          <BarChart width={width} height={Math.max(140, 20 * types.length + 40)} data={types} layout="vertical" margin={{ left: 8, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" unit=" ms" />
            <YAxis type="category" dataKey="type" width={200} tick={{ fontSize: 11 }} interval={0} />
            <Tooltip formatter={(v) => [`${Number(v).toFixed(3)} ms`, 'avg per run']} />
            <Bar dataKey="avgMs" fill="#009E73" isAnimationActive={false} />
          </BarChart>
          {ops.length > 0 && (
            <table className="table" data-testid="op-table">
              <thead>
                <tr>
                  <th>Op</th>
                  <th>Type</th>
                  <th className="num">avg ms</th>
                  <th className="num">%</th>
                </tr>
              </thead>
              <tbody>
                {ops.map((o, i) => (
                  <tr key={`${o.name}#${i}`}>
                    <td>
                      <code>{o.name}</code>
                    </td>
                    <td>{o.type}</td>
                    <td className="num">{o.avgMs.toFixed(3)}</td>
                    <td className="num">{o.percent !== undefined ? o.percent.toFixed(1) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
