// Size vs accuracy vs latency: one point per variant × device/delegate, x = mean latency (ms), y = mAP@0.5,
// point area = size on disk. Fronts are per device · delegate (pareto.ts): front points are filled vermillion
// diamonds, the rest hollow blue circles; a point measured on this workstation (no device record linked) is a grey
// triangle in its own legend entry, never on a device's front. Every point has a name and a tooltip; a table lists
// the same points with where each was measured and whether it is on its front.
import { CartesianGrid, Legend, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { formatBytes } from '../lib/format';
import type { VariantPoint } from '../lib/pareto';

type Datum = VariantPoint & { sizeMb: number };

function PointTip({ active, payload }: { active?: boolean; payload?: { payload: Datum }[] }) {
  const d = active ? payload?.[0]?.payload : undefined;
  if (!d) return null;
  return (
    <div className="chart-tip" data-testid="pareto-tip">
      <strong>{d.name}</strong>
      <br />
      {d.source === 'workstation' ? `measured on this workstation (${d.device}), not a phone` : `device record: ${d.device}`}
      <br />
      latency {d.latencyMs.toFixed(1)} ms · mAP@0.5 {d.accuracy.toFixed(3)} · {formatBytes(d.sizeBytes)}
      {d.front ? ' · ◆ on its front' : ''}
    </div>
  );
}

export function ParetoScatter({ points, width = 700 }: { points: VariantPoint[]; width?: number }) {
  const data: Datum[] = points.map((p) => ({ ...p, sizeMb: p.sizeBytes / 1e6 }));
  const device = data.filter((d) => d.source === 'device');
  const work = data.filter((d) => d.source === 'workstation');
  return (
    <figure className="lab-figure" data-testid="pareto">
      <figcaption>
        Size vs accuracy vs latency: x = mean latency (ms), y = mAP@0.5 vs reference, point area = size. ◆ Pareto front of its device · delegate (no other
        point there is smaller, faster and at least as accurate); ▲ measured on this workstation (no device record linked: import one in Latency).
      </figcaption>
      <ScatterChart width={width} height={320} margin={{ top: 10, right: 20, bottom: 20, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="latencyMs" name="latency" unit=" ms" allowDecimals={false} />
        <YAxis type="number" dataKey="accuracy" name="mAP@0.5" domain={[0, 1]} ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]} />
        <ZAxis type="number" dataKey="sizeMb" name="size" unit=" MB" range={[60, 400]} />
        <Tooltip content={<PointTip />} />
        <Legend />
        {device.some((d) => !d.front) && <Scatter name="device: dominated" data={device.filter((d) => !d.front)} fill="#ffffff" stroke="#0072B2" shape="circle" isAnimationActive={false} />}
        {device.some((d) => d.front) && <Scatter name="device: Pareto front" data={device.filter((d) => d.front)} fill="#D55E00" shape="diamond" isAnimationActive={false} />}
        {work.length > 0 && <Scatter name="this workstation (not a phone)" data={work} fill="#999999" stroke="#333333" shape="triangle" isAnimationActive={false} />}
      </ScatterChart>
      <table className="table" data-testid="pareto-table">
        <thead>
          <tr>
            <th>Variant</th>
            <th>Measured on</th>
            <th className="num">latency ms</th>
            <th className="num">mAP@0.5</th>
            <th className="num">size</th>
            <th>front</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={`${d.name}|${d.device}`} data-front={d.front ? 'true' : 'false'} data-source={d.source}>
              <td title={d.model}>{d.name}</td>
              <td>{d.source === 'workstation' ? `this workstation (${d.device.replace(/^this machine · /, '')})` : d.device}</td>
              <td className="num">{d.latencyMs.toFixed(1)}</td>
              <td className="num">{d.accuracy.toFixed(3)}</td>
              <td className="num">{formatBytes(d.sizeBytes)}</td>
              <td>{d.front ? (d.source === 'workstation' ? '◆ (workstation)' : '◆ yes') : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
