// One run: play/step/scrub its frames with the boxes (raw detections as SVG, or the overlay as designed on a
// canvas, following the overlay designer's settings live) and the frame's detections.
import { useEffect, useMemo, useState } from 'react';
import type { RunFile } from '../../src-shared/formats/run';
import { buildOverlay } from '../../src-shared/overlay/pipeline';
import { runName } from '../../src-shared/run-name';
import { DetectionList } from '../components/DetectionList';
import { ErrorAlert } from '../components/ErrorAlert';
import { FrameCanvas, sharedFrameCache } from '../components/FrameCanvas';
import { FrameViewer } from '../components/FrameViewer';
import { PlayerControls } from '../components/PlayerControls';
import { useKeys } from '../hooks/useKeys';
import { usePlayer } from '../hooks/usePlayer';
import { useRunFile } from '../hooks/useRunFile';
import { canvasSize } from '../lib/canvasSize';
import { designedBoxes } from '../lib/drawList';
import { DETECTED_COLOUR } from '../lib/colours';
import { deviceLatencyMs, useLatencyCells } from '../state/deviceLatency';
import { useOverlaySettings } from '../state/overlaySettings';

export function RunView({ runId, onBack }: { runId: string; onBack: () => void }) {
  const { run, error } = useRunFile(runId);

  return (
    <section aria-labelledby="run-h">
      <h2 id="run-h">
        Run <code>{runId}</code>
      </h2>
      <button type="button" onClick={onBack}>
        ← Back to runs
      </button>
      <ErrorAlert message={error} />
      {/* Opens on the first frame with a box, so that there is something to look at. */}
      {run && <RunPlayer key={run.id} run={run} initial={run.summary.firstBoxFrame ?? 0} />}
    </section>
  );
}

function RunPlayer({ run, initial }: { run: RunFile; initial: number }) {
  const pts = useMemo(() => run.frames.map((f) => f.ptsMs), [run]);
  const player = usePlayer(pts, initial);
  const [designed, setDesigned] = useState(false);
  const { overlay } = useOverlaySettings();
  const { cells } = useLatencyCells();
  const latencyMs = deviceLatencyMs(cells, overlay.device);
  const frames = useMemo(() => (designed ? buildOverlay(run.frames, overlay, { latencyMs }) : null), [designed, run, overlay, latencyMs]);
  const last = Math.max(0, run.frames.length - 1);
  const rec = run.frames[Math.min(player.frame, last)]!;
  useKeys({ ' ': player.toggle, ArrowLeft: () => player.step(-1), ArrowRight: () => player.step(1) });
  useEffect(() => sharedFrameCache().warm(run.id, Array.from({ length: last + 1 }, (_, i) => i)), [run.id, last]);
  useEffect(() => {
    sharedFrameCache().prefetch(run.id, Array.from({ length: 16 }, (_, i) => rec.index + 1 + i).filter((x) => x <= last));
  }, [run.id, rec.index, last]);

  return (
    <>
      <p>
        {runName(run)} ({run.model.runtime}/{run.model.backend}): {run.summary.frames} frames, inference{' '}
        {run.summary.inferenceMsMean.toFixed(1)} ms mean.
      </p>
      <label className="inline">
        <input type="checkbox" checked={designed} onChange={(e) => setDesigned(e.target.checked)} data-testid="run-designed" /> show the overlay as designed (overlay
        designer settings{latencyMs > 0 ? `, ${latencyMs.toFixed(0)} ms device delay` : ''})
      </label>
      <PlayerControls player={player} last={last} ptsMs={pts} extra={rec.detected ? 'detector ran' : 'tracked only'} />
      {frames ? (
        <div className="frame-viewer">
          <FrameCanvas
            runId={run.id}
            frame={rec.index}
            boxes={designedBoxes(frames[player.frame], DETECTED_COLOUR)}
            guide={frames[player.frame]?.guide ? overlay.guideText : null}
            {...canvasSize(run.clip.width, run.clip.height)}
          />
        </div>
      ) : (
        <>
          <FrameViewer runId={run.id} frame={rec.index} detections={rec.detections} />
          <p className="legend">
            <span className="key detected">solid orange: detected</span> <span className="key propagated">dashed blue: propagated by the tracker</span>
          </p>
        </>
      )}
      <DetectionList detections={rec.detections} />
    </>
  );
}
