// Op histogram of an inspected model: node count per op type (bars, most frequent first).
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';

export function OpHistogram({ ops, width = 760 }: { ops: Record<string, number>; width?: number }) {
  const data = Object.entries(ops)
    .map(([op, count]) => ({ op, count }))
    .sort((a, b) => b.count - a.count || a.op.localeCompare(b.op));
  return (
    <figure className="lab-figure" data-testid="op-histogram">
      <figcaption>
        Nodes per op type ({data.length} types, {data.reduce((s, d) => s + d.count, 0)} nodes)
      </figcaption>
      <BarChart width={width} height={Math.max(140, 18 * data.length + 40)} data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="op" width={200} tick={{ fontSize: 11 }} interval={0} />
        <Tooltip />
        <Bar dataKey="count" fill="#0072B2" isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}
