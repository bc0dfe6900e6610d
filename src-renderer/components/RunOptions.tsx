// The <option>s of a run picker (value = run id), labelled by the view's own `label` (views name runs differently).
import type { RunSummary } from '../../src-shared/formats/run';

export function RunOptions({ runs, label }: { runs: readonly RunSummary[]; label: (r: RunSummary) => string }) {
  return (
    <>
      {runs.map((r) => (
        <option key={r.id} value={r.id}>
          {label(r)}
        </option>
      ))}
    </>
  );
}
