// Latency: the device × delegate × variant heatmap from the `latency` API against an editable per-frame budget
// (100 ms by default), a click on a cell opens its per-op breakdown, and benchmark files are imported from here
// (`importBench`, a job in the Jobs view).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EdgeLabApi } from '../../src-shared/api';
import type { LatencyCell, LatencyMatrix } from '../../src-shared/types/latency';
import type { ModelEntry } from '../../src-shared/types/model';
import { getApi } from '../api/host';
import { ErrorAlert } from '../components/ErrorAlert';
import { LatencyGateChoices } from '../components/LatencyGateChoices';
import { LatencyHeatmap } from '../components/LatencyHeatmap';
import { OpBreakdown } from '../components/OpBreakdown';
import { JobProgress } from '../components/JobProgress';
import { useJob } from '../hooks/useJob';
import { errorText } from '../lib/format';
import { latencyGrid } from '../lib/latency-grid';
import { UploadField } from '../components/UploadField';

/** Paths from the import field: one per line or separated by commas. */
export function parsePaths(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function LatencyView({ api: given }: { api?: EdgeLabApi }) {
  const api = given ?? getApi();
  const [budgetMs, setBudgetMs] = useState(100);
  const [minSnrDb, setMinSnrDb] = useState(30);
  const [matrix, setMatrix] = useState<LatencyMatrix | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<LatencyCell | null>(null);
  const [files, setFiles] = useState('');
  const [device, setDevice] = useState('');
  const [link, setLink] = useState('');
  const [models, setModels] = useState<ModelEntry[]>([]);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [imported, setImported] = useState<number | null>(null);
  const job = useJob('import benchmarks');

  const refresh = useCallback(() => {
    api.latency({ budgetMs, minSnrDb }).then(
      (m) => (setMatrix(m), setError(null)),
      (e: unknown) => setError(errorText(e)),
    );
  }, [api, budgetMs, minSnrDb]);
  useEffect(refresh, [refresh]);
  useEffect(() => {
    api.listModels({}).then(setModels, () => setModels([]));
  }, [api]);

  const importFiles = async () => {
    const list = parsePaths(files);
    if (!list.length) return;
    const r = await job.start((o) => api.importBench({ files: list, ...(device.trim() ? { device: device.trim() } : {}), ...(link ? { variant: link } : {}) }, o));
    if (r) {
      setWarnings(r.warnings);
      setImported(r.records.length);
      refresh();
    }
  };

  const grid = useMemo(() => (matrix ? latencyGrid(matrix) : null), [matrix]);
  const current = picked && matrix?.cells.find((c) => c.recordId === picked.recordId);
  return (
    <section aria-labelledby="latency-h">
      <h2 id="latency-h">Latency</h2>
      <ErrorAlert message={error ?? job.error} />
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void importFiles();
        }}
      >
        <label>
          benchmark files (paths, one per line): TFLite benchmark_model, onnxruntime_perf_test, op profiles, EdgeLab CSV/JSON
          <textarea data-testid="bench-files" rows={2} cols={70} value={files} onChange={(e) => setFiles(e.target.value)} />
        </label>
        <UploadField
          kind="bench"
          label="benchmark files"
          testId="bench-upload"
          multiple
          onUploaded={(r) => setFiles((f) => [...parsePaths(f), ...r.map((x) => x.workspacePath)].join('\n'))}
        />
        <label>
          device (when the file does not say)
          <input value={device} onChange={(e) => setDevice(e.target.value)} />
        </label>
        <label>
          measured model (links the records)
          <select data-testid="bench-variant" value={link} onChange={(e) => setLink(e.target.value)}>
            <option value="">as the file names it</option>
            {models.flatMap((m) => [
              <option key={m.id} value={m.id}>
                {m.name} (fp32)
              </option>,
              ...m.variants.map((v) => (
                <option key={v.id} value={v.id}>
                  {m.name} · {v.kind}
                </option>
              )),
            ])}
          </select>
        </label>
        <button type="submit" data-testid="bench-import" disabled={job.status === 'running' || !parsePaths(files).length}>
          Import
        </button>
      </form>
      {job.status === 'running' && (
        <JobProgress progress={job.progress} label="import benchmarks" onCancel={job.cancel} />
      )}
      {imported !== null && (
        <p data-testid="bench-imported">
          Imported {imported} record{imported === 1 ? '' : 's'}.{warnings.length ? ` ${warnings.length} warning(s):` : ''}
        </p>
      )}
      {warnings.length > 0 && (
        <ul className="muted">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <div className="form">
        <label>
          budget, ms per frame
          <input data-testid="latency-budget" type="number" step="any" min={0.1} max={60000} value={budgetMs} onChange={(e) => Number(e.target.value) > 0 && setBudgetMs(Number(e.target.value))} />
        </label>
        <label>
          accuracy gate, min output SNR dB
          <input data-testid="latency-min-snr" type="number" step="any" min={0} max={999} value={minSnrDb} onChange={(e) => Number(e.target.value) >= 0 && setMinSnrDb(Number(e.target.value))} />
        </label>
        {matrix && (
          <span className="muted" data-testid="latency-summary">
            {matrix.records ?? matrix.cells.length} records · {matrix.cells.filter((c) => c.withinBudget).length} of {matrix.cells.length} cells within {matrix.budgetMs} ms
          </span>
        )}
      </div>
      {grid && grid.rows.length > 0 ? (
        <LatencyHeatmap grid={grid} budgetMs={matrix!.budgetMs} selected={current ?? null} onPick={setPicked} />
      ) : (
        matrix && (
          <p className="muted" data-testid="latency-empty">
            No latency records yet. Import the output of a benchmark tool run on a device (above), or measure a model on this machine with <code>edgelab bench-model</code>.
          </p>
        )
      )}
      {current && <OpBreakdown cell={current} />}
      {matrix?.gate && <LatencyGateChoices gate={matrix.gate} />}
    </section>
  );
}
