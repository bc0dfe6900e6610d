// Cadence sweep: one small scatter per experience metric, x = detector calls per second, y = the metric; passing rows
// blue circles, failing rows vermillion crosses, the pick a larger diamond; dashed horizontal lines = gates on that
// metric, a vertical line = the pick. Clicking a point opens that cadence's run in A/B against every frame.
import { CartesianGrid, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { SweepResult, SweepRow } from '../../src-shared/types/sweep';
import { sweepPanels } from '../lib/sweep';

export function SweepChart({ result, onOpen, width = 360 }: { result: SweepResult; onOpen?: (row: SweepRow) => void; width?: number }) {
  const panels = sweepPanels(result);
  const open = (d: unknown) => {
    const row = (d as { payload?: { row?: SweepRow }; row?: SweepRow })?.payload?.row ?? (d as { row?: SweepRow })?.row;
    if (row && onOpen) onOpen(row);
  };
  return (
    <figure className="lab-figure" data-testid="sweep-chart">
      <figcaption>
        Experience against detector calls/s (one point per cadence; ● pass, ✕ fail, ◆ pick). Dashed lines: gates. Click a point to open its run in A/B
        against every-frame detection.
      </figcaption>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {panels.map((p) => (
          <div key={p.key} data-testid={`sweep-panel-${p.key}`}>
            <strong>{p.label}</strong>
            <ScatterChart width={width} height={200} margin={{ top: 10, right: 16, bottom: 16, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" dataKey="x" name="detector calls/s" domain={[0, 'auto']} />
              <YAxis type="number" dataKey="y" name={p.key} domain={['auto', 'auto']} />
              <Tooltip />
              {p.gateLines.map((y) => (
                <ReferenceLine key={`g${y}`} y={y} stroke="#D55E00" strokeDasharray="6 3" ifOverflow="extendDomain" />
              ))}
              {result.pick && <ReferenceLine x={result.pick.detectorCallsPerSec} stroke="#009E73" label="pick" />}
              <Scatter name="pass" data={p.points.filter((d) => d.pass && !d.pick)} fill="#0072B2" shape="circle" isAnimationActive={false} onClick={open} />
              <Scatter name="fail" data={p.points.filter((d) => !d.pass)} fill="#D55E00" shape="cross" isAnimationActive={false} onClick={open} />
              <Scatter name="pick" data={p.points.filter((d) => d.pick)} fill="#009E73" shape="diamond" isAnimationActive={false} onClick={open} />
            </ScatterChart>
          </div>
        ))}
      </div>
    </figure>
  );
}
