// The selected node of the Graph view: op, name, inputs and outputs (with shapes), attributes, weights (shape,
// stored dtype), quantization parameters, its per-layer error row, and what the diff says about it.
import type { NodeDiff } from '../../src-shared/graph/diff';
import type { GraphNode } from '../../src-shared/types/graph';
import type { LayerError } from '../../src-shared/types/layers';

export interface NodeDetailsProps {
  node: GraphNode;
  shapeOf: (tensor: string) => string;
  layer?: LayerError;
  diff?: NodeDiff;
  keptFloat: boolean;
  /** Opens the New variant form prefilled to remake this variant with this node kept in float (int8 variants). */
  onKeepFloat?: () => void;
}

export function NodeDetails({ node, shapeOf, layer, diff, keptFloat, onKeepFloat }: NodeDetailsProps) {
  const attrs = Object.entries(node.attributes);
  return (
    <section className="graph-details" aria-labelledby="graph-node-h" data-testid="node-details" data-selected={node.name}>
      <h3 id="graph-node-h">
        {node.op} <code>{node.name}</code>
      </h3>
      {diff && diff.status !== 'same' && (
        <p data-testid="node-diff">
          {diff.status === 'added' ? 'Added by the conversion.' : diff.status === 'removed' ? 'Not in the variant (folded or removed).' : `Changed: ${diff.reasons.join('; ')}`}
        </p>
      )}
      {keptFloat && <p data-testid="node-kept-float">Kept in float by the quantizer.</p>}
      {onKeepFloat && !keptFloat && (
        <button type="button" data-testid="node-keep-float" onClick={onKeepFloat}>
          Keep in float…
        </button>
      )}
      {layer ? (
        <table className="table" data-testid="node-layer-row">
          <thead>
            <tr>
              <th className="num">SNR dB</th>
              <th className="num">Cosine</th>
              <th className="num">Drop dB</th>
              <th className="num">Max abs error</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td className="num">{layer.snrDb.toFixed(1)}</td>
              <td className="num">{layer.cosine.toFixed(4)}</td>
              <td className="num">{layer.snrDropDb.toFixed(1)}</td>
              <td className="num">{layer.maxAbsError.toPrecision(3)}</td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p className="muted">No per-layer error for this node (not compared, or no variant).</p>
      )}
      <h4>Inputs</h4>
      <ul className="graph-list">
        {node.inputs.map((t, i) => (
          <li key={`${t}-${i}`}>
            <code>{t}</code> <span className="muted">{shapeOf(t)}</span>
          </li>
        ))}
      </ul>
      <h4>Outputs</h4>
      <ul className="graph-list">
        {node.outputs.map((t) => (
          <li key={t}>
            <code>{t}</code> <span className="muted">{shapeOf(t)}</span>
          </li>
        ))}
      </ul>
      {node.weights.length > 0 && (
        <>
          <h4>Weights</h4>
          <ul className="graph-list" data-testid="node-weights">
            {node.weights.map((w) => (
              <li key={w.name}>
                <code>{w.name}</code> {w.dtype} [{w.shape.join('×')}]
              </li>
            ))}
          </ul>
        </>
      )}
      {node.quantization && node.quantization.length > 0 && (
        <>
          <h4>Quantization</h4>
          <ul className="graph-list" data-testid="node-quant">
            {node.quantization.map((q) => (
              <li key={q.tensor}>
                <code>{q.tensor}</code> {q.dtype} {q.scheme}
                {q.axis !== undefined ? ` axis ${q.axis}` : ''} · scale {q.scaleRange[0].toPrecision(3)}
                {q.channels > 1 ? `…${q.scaleRange[1].toPrecision(3)} (${q.channels} ch)` : ''}
                {q.zeroPoint ? ` · zero point ${q.zeroPoint.slice(0, 3).join(', ')}${q.zeroPoint.length > 3 ? '…' : ''}` : ''}
                {q.min !== undefined ? ` · min ${q.min.toPrecision(3)}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {attrs.length > 0 && (
        <>
          <h4>Attributes</h4>
          <table className="table">
            <tbody>
              {attrs.map(([k, v]) => (
                <tr key={k}>
                  <td>
                    <code>{k}</code>
                  </td>
                  <td>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
