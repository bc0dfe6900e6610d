// The latency matrix's accuracy gate: per device · delegate and model, the fastest variant whose output SNR vs
// float32 passes the minimum (the float32 model always passes), and the variants not ranked for lack of an SNR.
import type { AccuracyGate } from '../../src-shared/types/latency';

export function LatencyGateChoices({ gate }: { gate: AccuracyGate }) {
  if (!gate.choices.length && !gate.ungated.length) return null;
  return (
    <section data-testid="latency-gate" aria-label="fastest variant passing the accuracy gate">
      <h3>Fastest variant with output SNR ≥ {gate.minSnrDb} dB</h3>
      {gate.choices.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Device · delegate</th>
              <th>Model</th>
              <th>Variant</th>
              <th className="num">mean ms</th>
              <th className="num">SNR dB</th>
              <th>Budget</th>
            </tr>
          </thead>
          <tbody>
            {gate.choices.map((c) => (
              <tr key={`${c.device}\u0000${c.delegate}\u0000${c.model}`}>
                <td>
                  {c.device} · {c.delegate}
                </td>
                <td>
                  <code>{c.model}</code>
                </td>
                <td>
                  <code>{c.variant}</code>
                </td>
                <td className="num">{c.meanMs.toFixed(1)}</td>
                <td className="num">{c.snrDb === undefined ? 'float32' : c.snrDb >= 999 ? '∞' : c.snrDb.toFixed(1)}</td>
                <td>{c.withinBudget ? 'within' : '▲ over'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {gate.ungated.length > 0 && <p className="muted">Not ranked (no SNR measured yet): {gate.ungated.join(', ')}</p>}
    </section>
  );
}
