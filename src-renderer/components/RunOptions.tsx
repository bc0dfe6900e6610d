// The <option>s of a run picker (value = run id), labelled by the view's own `label` (default: the run's name,
// src-shared/run-name.ts); labels that collide get ` #2`, ` #3`… in list order so every option can be told apart.
import type { RunSummary } from '../../src-shared/formats/run';
import { runName } from '../../src-shared/run-name';

export function RunOptions({ runs, label = runName }: { runs: readonly RunSummary[]; label?: (r: RunSummary) => string }) {
  const used = new Map<string, number>();
  const labels = runs.map((r) => {
    const l = label(r);
    const n = (used.get(l) ?? 0) + 1;
    used.set(l, n);
    return n > 1 ? `${l} #${n}` : l;
  });
  return (
    <>
      {runs.map((r, i) => (
        <option key={r.id} value={r.id}>
          {labels[i]}
        </option>
      ))}
    </>
  );
}
