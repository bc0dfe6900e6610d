// The current frame's detections as a table.
import type { Detection } from '../../src-shared/formats/run';

export function DetectionList({ detections }: { detections: Detection[] }) {
  if (detections.length === 0) return <p className="muted">No boxes on this frame.</p>;
  return (
    <table className="table" data-testid="detections">
      <thead>
        <tr>
          <th>Label</th>
          <th>Score</th>
          <th>Source</th>
          <th>Track</th>
          <th>Box (x1, y1, x2, y2; normalised)</th>
        </tr>
      </thead>
      <tbody>
        {detections.map((d, i) => (
          <tr key={i}>
            <td>{d.label}</td>
            <td className="num">{d.score.toFixed(3)}</td>
            <td>{d.source}</td>
            <td>{d.trackId ?? '–'}</td>
            <td className="num">{d.box.map((v) => v.toFixed(3)).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
