// One run: the frame viewer with boxes, a slider and step buttons, and the frame's detections.
import { useEffect, useState } from 'react';
import type { RunFile } from '../../src-shared/formats/run';
import { getApi } from '../api/host';
import { DetectionList } from '../components/DetectionList';
import { ErrorAlert } from '../components/ErrorAlert';
import { FrameViewer } from '../components/FrameViewer';
import { errorText } from '../lib/format';

export function RunView({ runId, onBack }: { runId: string; onBack: () => void }) {
  const [run, setRun] = useState<RunFile | null>(null);
  const [frame, setFrame] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    getApi()
      .getRun({ run: runId })
      .then((r) => {
        if (!live) return;
        setRun(r);
        // Open on the first frame with a box, so that there is something to look at.
        setFrame(r.summary.firstBoxFrame ?? 0);
      })
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [runId]);

  const last = Math.max(0, (run?.frames.length ?? 1) - 1);
  const rec = run?.frames[Math.min(frame, last)];
  const step = (d: number) => setFrame((f) => Math.min(last, Math.max(0, f + d)));

  return (
    <section aria-labelledby="run-h">
      <h2 id="run-h">
        Run <code>{runId}</code>
      </h2>
      <button type="button" onClick={onBack}>
        ← Back to runs
      </button>
      <ErrorAlert message={error} />
      {run && rec && (
        <>
          <p>
            {run.model.name} ({run.model.variantKind}, {run.model.runtime}/{run.model.backend}) on {run.clip.name}: {run.summary.frames} frames, inference{' '}
            {run.summary.inferenceMsMean.toFixed(1)} ms mean.
          </p>
          <div className="frame-controls">
            <button type="button" onClick={() => step(-1)} disabled={frame <= 0} aria-label="previous frame">
              ◀
            </button>
            <input type="range" min={0} max={last} value={frame} onChange={(e) => setFrame(Number(e.target.value))} aria-label="frame" data-testid="frame-slider" />
            <button type="button" onClick={() => step(1)} disabled={frame >= last} aria-label="next frame">
              ▶
            </button>
            <span data-testid="frame-label">
              frame {rec.index} / {last} · {(rec.ptsMs / 1000).toFixed(2)} s · {rec.detected ? 'detector ran' : 'tracked only'}
            </span>
          </div>
          <FrameViewer runId={runId} frame={rec.index} detections={rec.detections} />
          <p className="legend">
            <span className="key detected">solid orange: detected</span> <span className="key propagated">dashed blue: propagated by the tracker</span>
          </p>
          <DetectionList detections={rec.detections} />
        </>
      )}
    </section>
  );
}
