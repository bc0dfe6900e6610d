// Inspect one model or variant: inputs/outputs, the metadata a replay uses (or the decoder layouts that fit), size
// and weight dtypes, op histogram; for a variant, its per-layer error against the float32 source (API `layers`,
// a long job shown in the Jobs view).
import { useEffect, useState } from 'react';
import type { EdgeLabApi } from '../../src-shared/api';
import type { LayersResult } from '../../src-shared/types/layers';
import type { InspectResult, TensorInfo } from '../../src-shared/types/model';
import { metaText } from '../../src-shared/model-meta-text';
import { useJob } from '../hooks/useJob';
import { errorText, formatBytes } from '../lib/format';
import { ErrorAlert } from './ErrorAlert';
import { LayerErrorChart } from './LayerErrorChart';
import { OpHistogram } from './OpHistogram';
import { ProgressBar } from './ProgressBar';
import { ClipSelect } from './ClipSelect';

/** Nodes proposed for float when pre-filling the form (ranked by the SNR each node itself loses, `snrDropDb`). */
const KEEP = 3;

function Tensors({ title, list }: { title: string; list: TensorInfo[] }) {
  return (
    <table className="table" aria-label={title}>
      <thead>
        <tr>
          <th>{title}</th>
          <th>shape</th>
          <th>dtype</th>
        </tr>
      </thead>
      <tbody>
        {list.map((t) => (
          <tr key={t.name}>
            <td>
              <code>{t.name}</code>
            </td>
            <td>[{t.shape.join(', ')}]</td>
            <td>{t.dtype}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface ModelInspectProps {
  api: EdgeLabApi;
  /** Workspace model or variant id, or bundled id. */
  id: string;
  /** Float32 source when `id` is a variant (enables per-layer error). */
  sourceId?: string;
  clips: { id: string; name: string }[];
  onClose(): void;
  /** Pre-fills the New variant form: an int8 variant of the source keeping these nodes in float. */
  onKeepFloat?(sourceId: string, nodes: string[]): void;
}

export function ModelInspect({ api, id, sourceId, clips, onClose, onKeepFloat }: ModelInspectProps) {
  const [info, setInfo] = useState<InspectResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [clip, setClip] = useState('');
  const [frames, setFrames] = useState(2);
  const [layers, setLayers] = useState<LayersResult | null>(null);
  const job = useJob(`layers ${id}`);

  useEffect(() => {
    setInfo(null);
    setLayers(null);
    api.inspectModel({ model: id }).then(setInfo, (e: unknown) => setError(errorText(e)));
  }, [api, id]);

  const runLayers = async () => {
    if (!sourceId) return;
    const r = await job.start((o) => api.layers({ model: sourceId, variant: id, clip: clip || clips[0]?.id, frames }, o));
    if (r) setLayers(r);
  };

  return (
    <section className="lab-panel" aria-label={`inspect ${id}`} data-testid="inspect-panel">
      <h3>
        Inspect <code>{id}</code>{' '}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </h3>
      <ErrorAlert message={error ?? job.error} />
      {!info ? (
        !error && <p className="muted">reading the model…</p>
      ) : (
        <>
          <p data-testid="inspect-summary">
            {info.format} · {formatBytes(info.sizeBytes)} · {info.parameters.toLocaleString('en')} weights ·{' '}
            {Object.entries(info.weightDtypes)
              .map(([d, n]) => `${d} ${n.toLocaleString('en')}`)
              .join(', ')}
            {info.quantization?.length ? ` · ${info.quantization.length} quantized tensors` : ''}
          </p>
          <div className="lab-two">
            <Tensors title="inputs" list={info.inputs} />
            <Tensors title="outputs" list={info.outputs} />
          </div>
          <div data-testid="inspect-meta" className="muted">
            {metaText(info).map(([k, v], n) => (
              <div key={n}>
                {k && <strong>{k}: </strong>}
                {v}
              </div>
            ))}
          </div>
          <OpHistogram ops={info.ops} />
        </>
      )}
      {sourceId && (
        <div className="form" aria-label="per-layer error">
          <label>
            clip
            <ClipSelect clips={clips} value={clip || clips[0]?.id || ''} onChange={setClip} />
          </label>
          <label>
            frames
            <input type="number" min={1} max={64} value={frames} onChange={(e) => setFrames(Math.max(1, Number(e.target.value) || 1))} />
          </label>
          <button type="button" disabled={job.status === 'running'} onClick={runLayers}>
            Per-layer error vs {sourceId}
          </button>
          {job.status === 'running' && (
            <>
              <ProgressBar progress={job.progress} label="per-layer error" />
              <button type="button" onClick={job.cancel}>
                Cancel
              </button>
            </>
          )}
        </div>
      )}
      {layers && <LayerErrorChart result={layers} />}
      {layers && sourceId && onKeepFloat && (
        <p>
          <button
            type="button"
            data-testid="keep-worst-float"
            onClick={() => onKeepFloat(sourceId, [...layers.nodes].sort((a, b) => b.snrDropDb - a.snrDropDb).slice(0, KEEP).map((n) => n.name))}
          >
            New int8 variant keeping the {KEEP} nodes that lose most SNR in float
          </button>
        </p>
      )}
    </section>
  );
}
