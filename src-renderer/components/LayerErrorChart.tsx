// Per-layer error of a variant against its float32 model (API `layers`): the worst nodes as horizontal bars of
// SNR (dB, lower = worse), with each node's op and cosine in the tooltip and a table for exact values. Long node
// names keep their tail on the axis and show in full in the tick's title.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { LayersResult } from '../../src-shared/types/layers';

/** Characters of a node label that fit the 300-px axis at 11 px; longer names keep their tail (the distinctive part). */
const TICK_CHARS = 46;

/** A node-name tick: as much of the name as fits, the full name in its <title> (shown on hover, read by screen readers). */
function NameTick({ x = 0, y = 0, payload }: { x?: number; y?: number; payload?: { value: string } }) {
  const full = payload?.value ?? '';
  const shown = full.length > TICK_CHARS ? `…${full.slice(-(TICK_CHARS - 1))}` : full;
  return (
    <g transform={`translate(${x},${y})`} data-testid="layer-tick">
      <title>{full}</title>
      <text x={-4} y={0} dy={4} textAnchor="end" fontSize={11} fill="#333">
        {shown}
      </text>
    </g>
  );
}

/** Bars shown (worst first); the API ranks every compared node. */
const SHOWN = 20;
const CAP_DB = 120;

export function LayerErrorChart({ result, width = 760 }: { result: LayersResult; width?: number }) {
  const worst = result.nodes.slice(0, SHOWN).map((n) => ({ ...n, snr: Math.min(n.snrDb, CAP_DB), label: `${n.name} (${n.op})` }));
  return (
    <figure className="lab-figure" data-testid="layer-error-chart" aria-label={`per-layer error of ${result.variant}`}>
      <figcaption>
        Per-layer SNR of <code>{result.variant}</code> vs <code>{result.model}</code> over {result.frames} frames of {result.clip}
        {result.simulated ? ' (simulated arithmetic)' : ''}: {result.nodes.length} nodes compared, {result.skipped.length} skipped; the {worst.length} worst shown
        (dB, lower = more error; capped at {CAP_DB}).
      </figcaption>
      <BarChart width={width} height={Math.max(160, 22 * worst.length + 40)} data={worst} layout="vertical" margin={{ left: 8, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" unit=" dB" domain={[0, 'auto']} />
        <YAxis type="category" dataKey="label" width={300} tick={<NameTick />} interval={0} />
        <Tooltip formatter={(v) => [`${Number(v).toFixed(1)} dB`, 'SNR']} />
        <Bar dataKey="snr" fill="#D55E00" isAnimationActive={false} />
      </BarChart>
      <table className="table" data-testid="layer-error-table">
        <thead>
          <tr>
            <th>Node</th>
            <th>Op</th>
            <th className="num">SNR dB</th>
            <th className="num">SNR drop dB</th>
            <th className="num">cosine</th>
          </tr>
        </thead>
        <tbody>
          {worst.slice(0, 8).map((n) => (
            <tr key={n.tensor}>
              <td>
                <code>{n.name}</code>
              </td>
              <td>{n.op}</td>
              <td className="num">{n.snrDb.toFixed(1)}</td>
              <td className="num">{n.snrDropDb.toFixed(1)}</td>
              <td className="num">{n.cosine.toFixed(4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
