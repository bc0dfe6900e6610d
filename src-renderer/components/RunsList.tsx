// Finished runs (listRuns), newest first; each opens in the Run view.
import type { RunSummary } from '../../src-shared/formats/run';
import { runName } from '../../src-shared/run-name';

export function RunsList({ runs, onOpen }: { runs: RunSummary[]; onOpen: (id: string) => void }) {
  if (runs.length === 0) return <p className="muted" data-testid="runs-empty">No runs yet.</p>;
  const sorted = [...runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  return (
    <table className="table" data-testid="runs-list">
      <thead>
        <tr>
          <th>Run</th>
          <th>Model</th>
          <th>Clip</th>
          <th>Frames</th>
          <th>Inference mean ms</th>
          <th>Boxes/frame</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => (
          <tr key={r.id} data-testid="run-row">
            <td>
              <code>{r.id}</code>
            </td>
            <td>
              {runName(r)}
            </td>
            <td>{r.clip.name}</td>
            <td className="num">{r.frames}</td>
            <td className="num">{r.inferenceMsMean.toFixed(1)}</td>
            <td className="num">{r.detectionsPerFrame.toFixed(2)}</td>
            <td>
              <button type="button" onClick={() => onOpen(r.id)}>
                Open
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
