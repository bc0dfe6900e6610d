// Per-layer error of the variant on one frame (API `layers`, frames: 1, startFrame: the frame): both models run
// on that frame with every intermediate tensor exposed; the worst nodes are listed with SNR, cosine and the SNR
// the node itself loses. Results are kept per frame for the page, so revisiting an event costs nothing.
import { useEffect, useState } from 'react';
import type { LayersResult } from '../../src-shared/types/layers';
import { getApi } from '../api/host';
import { useJob } from '../hooks/useJob';
import { ErrorAlert } from './ErrorAlert';
import { JobProgress } from './JobProgress';
import { maxOf } from '../../src-shared/extent';

const done = new Map<string, LayersResult>();

export interface LayerErrorPanelProps {
  /** Float32 model and variant (workspace/bundled id or path) of the two runs. */
  model: string;
  variant: string;
  /** Clip path of the runs. */
  clip: string;
  frame: number;
  /** Worst nodes listed. */
  top?: number;
  /** Opens the variant's graph coloured by this frame's per-layer error (absent: no button). */
  onOpenGraph?: () => void;
}

export function LayerErrorPanel({ model, variant, clip, frame, top = 8, onOpenGraph }: LayerErrorPanelProps) {
  const key = `${model}|${variant}|${clip}|${frame}`;
  const [result, setResult] = useState<LayersResult | null>(done.get(key) ?? null);
  const job = useJob(`per-layer error, frame ${frame}`);
  const { start, cancel } = job;

  useEffect(() => {
    const hit = done.get(key);
    setResult(hit ?? null);
    if (hit) return;
    let live = true;
    void start((o) => getApi().layers({ model, variant, clip, frames: 1, startFrame: frame }, o)).then((r) => {
      if (!r) return;
      done.set(key, r);
      if (live) setResult(r);
    });
    return () => {
      live = false;
      cancel();
    };
  }, [key, model, variant, clip, frame, start, cancel]);

  const worstSnr = result ? Math.max(1, maxOf(result.nodes.map((n) => Math.max(0, n.snrDb)))) : 1;
  return (
    <section className="layer-panel" aria-labelledby="layers-h" data-testid="layer-panel">
      <h3 id="layers-h">Per-layer error of the variant on frame {frame}</h3>
      {onOpenGraph && (
        <button type="button" data-testid="layers-open-graph" onClick={onOpenGraph}>
          Open in graph
        </button>
      )}
      {job.status === 'running' && (
        <JobProgress progress={job.progress} label="per-layer error" onCancel={cancel} />
      )}
      <ErrorAlert message={job.error} />
      {result && (
        <>
          <p className="muted">
            {result.nodes.length} tensors compared on frame {frame} of {clip.split(/[\\/]/).pop()}
            {result.simulated ? ' (the variant simulates its arithmetic in TF.js)' : ''}; worst first. SNR in dB (higher is better); drop = dB the node itself
            loses.
          </p>
          <table className="table" data-testid="layer-table">
            <thead>
              <tr>
                <th>Node</th>
                <th>Op</th>
                <th>SNR dB</th>
                <th>Cosine</th>
                <th>Drop dB</th>
              </tr>
            </thead>
            <tbody>
              {result.nodes.slice(0, top).map((n) => (
                <tr key={n.tensor}>
                  <td>
                    <code>{n.name}</code>
                  </td>
                  <td>{n.op}</td>
                  <td className="num">
                    <span className="bar" style={{ width: `${Math.max(2, (Math.max(0, n.snrDb) / worstSnr) * 60)}px` }} /> {n.snrDb.toFixed(1)}
                  </td>
                  <td className="num">{n.cosine.toFixed(4)}</td>
                  <td className="num">{n.snrDropDb.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
