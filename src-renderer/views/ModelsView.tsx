// Models: the bundled catalogue (import) and the workspace's models with their variants (make fp16).
import { useCallback, useEffect, useState } from 'react';
import type { BundledModel, ModelEntry } from '../../src-shared/types/model';
import { getApi } from '../api/host';
import { ErrorAlert } from '../components/ErrorAlert';
import { ProgressBar } from '../components/ProgressBar';
import { useJob } from '../hooks/useJob';
import { errorText, formatBytes } from '../lib/format';

export function ModelsView({ bundled, onChanged }: { bundled: BundledModel[]; onChanged?: () => void }) {
  const [models, setModels] = useState<ModelEntry[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const job = useJob();

  const refresh = useCallback(() => {
    getApi()
      .listModels({})
      .then(setModels)
      .catch((e: unknown) => setLoadError(errorText(e)));
  }, []);
  useEffect(refresh, [refresh]);

  const act = async (key: string, call: Parameters<typeof job.start>[0]) => {
    setBusy(key);
    const r = await job.start(call);
    setBusy(null);
    if (r !== undefined) {
      refresh();
      onChanged?.();
    }
  };

  return (
    <section aria-labelledby="models-h">
      <h2 id="models-h">Models</h2>
      <ErrorAlert message={loadError ?? job.error} />
      {job.status === 'running' && (
        <div className="job">
          <ProgressBar progress={job.progress} label={busy ?? 'working'} />
          <button type="button" onClick={job.cancel}>
            Cancel
          </button>
        </div>
      )}
      <table className="table" data-testid="models-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Format</th>
            <th>Size</th>
            <th>Task</th>
            <th>Variants</th>
            <th>Where</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {bundled.map((m) => (
            <tr key={`b:${m.id}`} data-testid="bundled-row" data-model-id={m.id}>
              <td>{m.name}</td>
              <td>{m.format}</td>
              <td className="num">–</td>
              <td>{m.meta.task}</td>
              <td>–</td>
              <td>bundled</td>
              <td>
                <button type="button" disabled={job.status === 'running'} onClick={() => act(`import ${m.id}`, (o) => getApi().importModel({ source: m.id }, o))}>
                  Import
                </button>
              </td>
            </tr>
          ))}
          {models.map((m) => (
            <tr key={`w:${m.id}`} data-testid="workspace-row">
              <td>
                {m.name}
                <br />
                <code>{m.id}</code>
              </td>
              <td>{m.format}</td>
              <td className="num">{formatBytes(m.sizeBytes)}</td>
              <td>{m.meta?.task ?? '–'}</td>
              <td>{m.variants.length ? m.variants.map((v) => `${v.kind} (${formatBytes(v.sizeBytes)})`).join(', ') : 'none'}</td>
              <td>workspace</td>
              <td>
                <button
                  type="button"
                  disabled={job.status === 'running' || m.variants.some((v) => v.kind === 'fp16')}
                  onClick={() => act(`fp16 ${m.id}`, (o) => getApi().convertModel({ model: m.id, to: 'fp16' }, o))}
                >
                  Make fp16
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
