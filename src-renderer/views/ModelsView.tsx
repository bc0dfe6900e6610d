// Models & variants: the bundled catalogue (with sizes), the workspace's models and variants in one table joined
// with validation, mAP drop (stored compares) and device latency, an Inspect panel, and the New variant form.
// Empty workspace: says what to do next (import a file by path, or use the bundled SSD). A model imported without
// metadata gets a notice saying what sidecar to add and which decoder layouts fit its outputs.
import { metaText } from '../../src-shared/model-meta-text';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EdgeLabApi } from '../../src-shared/api';
import type { RunSummary } from '../../src-shared/formats/run';
import type { CompareResult } from '../../src-shared/types/degradation';
import type { LatencyMatrix } from '../../src-shared/types/latency';
import type { BundledClip, BundledModel, ModelEntry } from '../../src-shared/types/model';
import { getApi } from '../api/host';
import { ErrorAlert } from '../components/ErrorAlert';
import { ModelInspect } from '../components/ModelInspect';
import { ModelsTable } from '../components/ModelsTable';
import { JobProgress } from '../components/JobProgress';
import { VariantForm, type VariantPrefill } from '../components/VariantForm';
import { UploadField } from '../components/UploadField';
import { useTitledJob } from '../jobs/useTitledJob';
import { errorText, formatBytes } from '../lib/format';
import { deviceColumns, mapDropById, modelRows, type ModelRow } from '../lib/models-table';

export interface ModelsViewProps {
  bundled: BundledModel[];
  clips?: BundledClip[];
  runs?: RunSummary[];
  onChanged?: () => void;
  /** The engine (default: this page's, api/host.ts). */
  api?: EdgeLabApi;
  /** The New variant form's initial values (e.g. "keep in float" from the Graph view). */
  prefill?: VariantPrefill;
  /** Opens the Graph view of a model (`{ model }`) or variant (`{ variant }`); absent: no Graph buttons. */
  onGraph?: (target: { model: string } | { variant: string }) => void;
}

const DEFAULT_BUNDLED = 'ssd-mobilenet-v2-coco';

export function ModelsView({ bundled, clips = [], runs = [], onChanged, api: given, onGraph, prefill: given0 }: ModelsViewProps) {
  const api = given ?? getApi();
  const [models, setModels] = useState<ModelEntry[] | null>(null);
  const [matrix, setMatrix] = useState<LatencyMatrix | null>(null);
  const [compares, setCompares] = useState<CompareResult[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [path, setPath] = useState('');
  const [inspect, setInspect] = useState<{ id: string; sourceId?: string } | null>(null);
  const [prefill, setPrefill] = useState<(VariantPrefill & { n: number }) | null>(given0 ? { ...given0, n: 1 } : null);
  const job = useTitledJob();

  const refresh = useCallback(() => {
    api.listModels({}).then(setModels, (e: unknown) => setLoadError(errorText(e)));
    api.latency({}).then(setMatrix, () => setMatrix(null));
    // Stored compares (mAP drop column); an engine without them yet leaves the column empty.
    api.listCompares({}).then((l) => setCompares(l.map((c) => c.result)), () => setCompares([]));
  }, [api]);
  useEffect(refresh, [refresh]);

  const act = async <T,>(title: string, call: Parameters<typeof job.start<T>>[1]) => {
    const r = await job.start(title, call);
    if (r !== undefined) {
      refresh();
      onChanged?.();
    }
  };
  /** The last import of a model without metadata: what to add before it can be replayed. */
  const [needsMeta, setNeedsMeta] = useState<{ name: string; lines: [string, string][] } | null>(null);
  const importSource = async (source: string) => {
    const r = await job.start(`import ${source}`, (o) => api.importModel({ source }, o));
    if (r === undefined) return;
    setNeedsMeta(r.meta ? null : { name: r.name, lines: metaText(r) });
    refresh();
    onChanged?.();
  };

  const rows = useMemo(() => modelRows(models ?? [], matrix, mapDropById(compares, runs)), [models, matrix, compares, runs]);
  const devices = useMemo(() => deviceColumns(matrix), [matrix]);
  const running = job.status === 'running';
  const onInspect = (r: ModelRow) => setInspect({ id: r.id, sourceId: r.parentId ?? undefined });

  return (
    <section aria-labelledby="models-h">
      <h2 id="models-h">Models &amp; variants</h2>
      <ErrorAlert message={loadError ?? job.error} />
      {needsMeta && (
        <div className="notice" role="status" data-testid="import-needs-meta">
          <strong>{needsMeta.name}</strong> was imported without metadata: replay needs a sidecar.
          {needsMeta.lines.map(([k, v], i) => (
            <div key={i}>{k ? `${k}: ${v}` : <code>{v}</code>}</div>
          ))}
        </div>
      )}
      {running && (
        <JobProgress progress={job.progress} label={job.title ?? 'working'} onCancel={job.cancel} />
      )}
      {models !== null && models.length === 0 && (
        <p className="models-empty" data-testid="models-empty">
          No models yet. Import one (a .onnx file, a .tflite file or a TF.js model.json, by path) or use the bundled SSD-MobileNetV2.{' '}
          <button type="button" disabled={running} onClick={() => importSource(DEFAULT_BUNDLED)}>
            Use the bundled SSD-MobileNetV2
          </button>
        </p>
      )}
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) void importSource(path.trim());
        }}
      >
        <label>
          model file to import (path on the engine's machine)
          <input data-testid="import-path" size={60} value={path} placeholder="/path/to/model.onnx, model.tflite or model.json" onChange={(e) => setPath(e.target.value)} />
        </label>
        <button type="submit" disabled={running || !path.trim()}>
          Import file
        </button>
      </form>
      <UploadField
        kind="model"
        label="a model: .onnx (+ .edgelab.json), .tflite, or TF.js model.json with all its .bin shards"
        testId="model-upload"
        disabled={running}
        onUploaded={(r) => void importSource(r[0]!.path)}
      />
      {models !== null && models.length > 0 && (
        <ModelsTable models={models} rows={rows} devices={devices} busy={running} onInspect={onInspect} onFp16={(id) => act(`convert ${id} → fp16`, (o) => api.convertModel({ model: id, to: 'fp16' }, o))} onGraph={onGraph && ((r) => onGraph(r.parentId === null ? { model: r.id } : { variant: r.id }))} />
      )}
      {inspect && <ModelInspect key={inspect.id} api={api} id={inspect.id} sourceId={inspect.sourceId} clips={clips} onClose={() => setInspect(null)} onKeepFloat={(model, exclude) => setPrefill((p) => ({ n: (p?.n ?? 0) + 1, model, kind: 'int8', exclude }))} />}
      <VariantForm key={prefill?.n ?? 0} initial={prefill ?? undefined} api={api} models={models ?? []} clips={clips} onMade={() => (refresh(), onChanged?.())} />
      <h3>Bundled models</h3>
      <table className="table" data-testid="models-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Format</th>
            <th className="num">Size</th>
            <th>Task</th>
            <th>Licence</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {bundled.map((m) => (
            <tr key={`b:${m.id}`} data-testid="bundled-row" data-model-id={m.id}>
              <td>
                {m.name}
                <br />
                <code>{m.id}</code>
              </td>
              <td>{m.format}</td>
              <td className="num">{formatBytes(m.sizeBytes)}</td>
              <td>{m.meta.task}</td>
              <td className="muted">{m.licence}</td>
              <td className="models-actions">
                <button type="button" disabled={running} onClick={() => importSource(m.id)}>
                  Import
                </button>
                <button type="button" onClick={() => setInspect({ id: m.id })}>
                  Inspect
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
