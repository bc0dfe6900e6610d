// A <select> of the detectors a replay can run (Replay, Cadence sweep): the bundled detectors, then each workspace
// model that is (or may be: no metadata yet) a detector, its float32 and each of its variants; the value is the
// model or variant id.
import type { BundledModel, ModelEntry } from '../../src-shared/types/model';

export interface DetectorOption {
  value: string;
  label: string;
}

export function detectorOptions(bundled: readonly BundledModel[], models: readonly ModelEntry[]): DetectorOption[] {
  const out: DetectorOption[] = bundled.filter((m) => m.meta.task === 'detector').map((m) => ({ value: m.id, label: `${m.name} — bundled` }));
  for (const m of models) {
    if (m.meta && m.meta.task !== 'detector') continue;
    out.push({ value: m.id, label: `${m.name} — workspace (fp32)` });
    for (const v of m.variants) out.push({ value: v.id, label: `${m.name} — ${v.kind} variant` });
  }
  return out;
}

export function DetectorSelect({ options, value, onChange, testId }: { options: readonly DetectorOption[]; value: string; onChange: (id: string) => void; testId?: string }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
