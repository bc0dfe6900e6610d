// One bar chart per degradation metric: a bar per variant, the gate drawn as a dashed reference line. A bar that
// fails its gate is vermillion and its name carries "✗ gate" (so colour is never the only cue).
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricChart } from '../lib/degradation';
import { yAxisFor } from '../lib/chart-axis';

const PASS = '#0072B2';
const fmtValue = (v: number) => (Number.isInteger(v) ? String(v) : Math.abs(v) < 10 ? v.toFixed(3) : v.toFixed(1));
const FAIL = '#D55E00';

export function MetricBars({ chart, width = 340 }: { chart: MetricChart; width?: number }) {
  const data = chart.bars.map((b) => ({ ...b, label: b.failed ? `${b.name} ✗ gate` : b.name }));
  const max = Math.max(...data.map((d) => d.value), chart.gate?.y ?? 0);
  const min = Math.min(0, ...data.map((d) => d.value), chart.gate?.y ?? 0);
  const axis = yAxisFor(chart.metric.unit, min, max);
  return (
    <figure className="lab-figure degradation-chart" data-testid="metric-chart" data-metric={chart.metric.key}>
      <figcaption>
        <strong>{chart.metric.label}</strong> <span className="muted">({chart.metric.better} is better{chart.gate ? `; gate ${chart.gate.text}` : ''})</span>
      </figcaption>
      <BarChart width={width} height={200} data={data} margin={{ top: 10, right: 12, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 10 }} interval={0} />
        <YAxis domain={axis.domain} ticks={axis.ticks} allowDecimals={axis.allowDecimals} tick={{ fontSize: 10 }} width={44} tickFormatter={axis.format} />
        <Tooltip formatter={(v) => [Number(v).toFixed(4), chart.metric.label]} />
        <Bar dataKey="value" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.name} fill={d.failed ? FAIL : PASS} data-testid="metric-bar" />
          ))}
          {/* The value over each bar, so that a zero (an invisible bar) still reads as 0. */}
          <LabelList dataKey="value" position="top" fontSize={10} formatter={(v: unknown) => fmtValue(Number(v))} />
        </Bar>
        {chart.gate && <ReferenceLine y={chart.gate.y} stroke="#1a1a1a" strokeDasharray="5 3" ifOverflow="extendDomain" label={{ value: `gate ${chart.gate.y.toFixed(2)}`, position: 'insideTopRight', fontSize: 10 }} />}
      </BarChart>
    </figure>
  );
}
