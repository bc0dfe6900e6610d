// The workspace's models and their variants in one table: format, kind, size, validation SNR/cosine, mAP drop,
// latency per device · delegate, lineage. A model row keeps its variants summary ("fp16 (6.8 MB)" or "none").
// A variant's validation warnings (its detections disagree with float32, scores collapsed…) show under its name.
import type { ModelEntry } from '../../src-shared/types/model';
import { formatBytes } from '../lib/format';
import type { ModelRow } from '../lib/models-table';

export interface ModelsTableProps {
  models: ModelEntry[];
  rows: ModelRow[];
  devices: string[];
  busy: boolean;
  onInspect(row: ModelRow): void;
  onFp16(modelId: string): void;
  /** Opens the Graph view of this model or variant (absent: no Graph button). */
  onGraph?(row: ModelRow): void;
}

const fmt = (x: number | null, digits: number) => (x === null ? '–' : x >= 999 ? '∞' : x.toFixed(digits));

export function ModelsTable({ models, rows, devices, busy, onInspect, onFp16, onGraph }: ModelsTableProps) {
  const byId = new Map(models.map((m) => [m.id, m]));
  return (
    <table className="table" data-testid="workspace-table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Format</th>
          <th>Kind</th>
          <th className="num">Size</th>
          <th className="num" title="output SNR vs the float32 source, dB">SNR dB</th>
          <th className="num" title="cosine of the outputs vs the float32 source">cosine</th>
          <th className="num" title="mAP@0.5 lost vs the reference run (from compares)">mAP drop</th>
          {devices.map((d) => (
            <th key={d} className="num" title="mean latency, ms">
              {d}
            </th>
          ))}
          <th>Variants / lineage</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const entry = r.parentId === null ? byId.get(r.id) : undefined;
          return (
            <tr key={r.id} data-testid={entry ? 'workspace-row' : 'variant-row'} data-model-id={r.id} className={entry ? undefined : 'models-variant'}>
              <td>
                {entry ? r.name : <span aria-label="variant of">↳ {r.name}</span>}
                <br />
                <code>{r.id}</code>
                {(r.warnings ?? []).map((w, i) => (
                  <div key={i} className="models-warning" role="alert" data-testid="variant-warning">
                    ⚠ {w}
                  </div>
                ))}
              </td>
              <td>{r.format}</td>
              <td>{r.kind}</td>
              <td className="num" data-testid="size">
                {formatBytes(r.sizeBytes)}
              </td>
              <td className="num">{fmt(r.snrDb, 1)}</td>
              <td className="num">{fmt(r.cosine, 4)}</td>
              <td className="num">{r.mapDrop === null ? '–' : `${(r.mapDrop * 100).toFixed(1)} pt`}</td>
              {devices.map((d) => (
                <td key={d} className="num">
                  {r.latencyMs[d] === undefined ? '–' : `${r.latencyMs[d]!.toFixed(1)} ms`}
                </td>
              ))}
              <td>
                {entry ? (entry.variants.length ? entry.variants.map((v) => `${v.kind} (${formatBytes(v.sizeBytes)})`).join(', ') : 'none') : <span className="muted">{r.lineage}</span>}
              </td>
              <td className="models-actions">
                <button type="button" onClick={() => onInspect(r)}>
                  Inspect
                </button>
                {onGraph && (
                  <button type="button" data-testid="graph-button" onClick={() => onGraph(r)}>
                    Graph
                  </button>
                )}
                {entry && (
                  <button type="button" disabled={busy || entry.variants.some((v) => v.kind === 'fp16')} onClick={() => onFp16(entry.id)}>
                    Make fp16
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
