// Size vs accuracy vs latency: one point per variant × device/delegate, x = mean latency (ms), y = mAP@0.5,
// point area = size on disk. Pareto-front points are filled vermillion diamonds, the rest hollow blue circles
// (shape and colour both differ); a table lists the same points with the front marked.
import { CartesianGrid, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { formatBytes } from '../lib/format';
import type { VariantPoint } from '../lib/pareto';

export function ParetoScatter({ points, width = 700 }: { points: VariantPoint[]; width?: number }) {
  const data = points.map((p) => ({ ...p, sizeMb: p.sizeBytes / 1e6, name: `${p.model} · ${p.device}` }));
  return (
    <figure className="lab-figure" data-testid="pareto">
      <figcaption>
        Size vs accuracy vs latency: x = mean latency (ms), y = mAP@0.5 vs reference, point area = size. ◆ Pareto front (no other point is smaller, faster and at
        least as accurate).
      </figcaption>
      <ScatterChart width={width} height={300} margin={{ top: 10, right: 20, bottom: 20, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="latencyMs" name="latency" unit=" ms" />
        <YAxis type="number" dataKey="accuracy" name="mAP@0.5" domain={[0, 1]} />
        <ZAxis type="number" dataKey="sizeMb" name="size" unit=" MB" range={[60, 400]} />
        <Tooltip />
        <Scatter name="dominated" data={data.filter((d) => !d.front)} fill="#ffffff" stroke="#0072B2" shape="circle" isAnimationActive={false} />
        <Scatter name="Pareto front" data={data.filter((d) => d.front)} fill="#D55E00" shape="diamond" isAnimationActive={false} />
      </ScatterChart>
      <table className="table" data-testid="pareto-table">
        <thead>
          <tr>
            <th>Variant</th>
            <th>Device · delegate</th>
            <th className="num">latency ms</th>
            <th className="num">mAP@0.5</th>
            <th className="num">size</th>
            <th>front</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.name} data-front={d.front ? 'true' : 'false'}>
              <td>
                <code>{d.model}</code> ({d.kind})
              </td>
              <td>{d.device}</td>
              <td className="num">{d.latencyMs.toFixed(1)}</td>
              <td className="num">{d.accuracy.toFixed(3)}</td>
              <td className="num">{formatBytes(d.sizeBytes)}</td>
              <td>{d.front ? '◆ yes' : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
