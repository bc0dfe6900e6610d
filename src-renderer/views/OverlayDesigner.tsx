// Overlay designer: the settings of the hold-up camera overlay (src-shared/types/settings.ts), tuned live over a
// run's replay (src-shared/overlay/pipeline.ts), saved in the project (saveSettings) and exported as JSON.
import { useMemo } from 'react';
import type { RunFile } from '../../src-shared/formats/run';
import { LABEL_PLACEHOLDERS } from '../../src-shared/overlay/label-template';
import { buildOverlay } from '../../src-shared/overlay/pipeline';
import type { OverlaySettings } from '../../src-shared/types/settings';
import { ErrorAlert } from '../components/ErrorAlert';
import { FrameCanvas } from '../components/FrameCanvas';
import { PlayerControls } from '../components/PlayerControls';
import { RunOptions } from '../components/RunOptions';
import { useAppData } from '../data/AppData';
import { useKeys } from '../hooks/useKeys';
import { usePlayer } from '../hooks/usePlayer';
import { useRunFile } from '../hooks/useRunFile';
import { canvasSize } from '../lib/canvasSize';
import { DETECTED_COLOUR } from '../lib/colours';
import { designedBoxes } from '../lib/drawList';
import { useNav } from '../nav';
import { deviceLatencyMs, useLatencyCells } from '../state/deviceLatency';
import { editOverlay, resetOverlay, saveOverlay, useOverlaySettings } from '../state/overlaySettings';

/** Downloads the overlay settings as `edgelab-overlay.json` (what the app team reads). */
export function exportOverlayJson(overlay: OverlaySettings, latencyMs: number): void {
  const doc = { schema: 'edgelab.overlay', version: 1, settings: overlay, simulatedLatencyMs: latencyMs || null, exportedAt: new Date().toISOString() };
  const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2) + '\n'], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'edgelab-overlay.json';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Num({ label, k, min, max, step, unit }: { label: string; k: 'minScore' | 'persistMs' | 'smoothing' | 'guideAfterMs'; min: number; max: number; step: number; unit?: string }) {
  const { overlay } = useOverlaySettings();
  const v = overlay[k];
  const set = (x: number) => Number.isFinite(x) && editOverlay({ [k]: Math.min(max, Math.max(min, x)) });
  return (
    <label>
      {label}
      {unit ? ` (${unit})` : ''}
      <span className="pair">
        <input type="range" min={min} max={max} step={step} value={v} onChange={(e) => set(Number(e.target.value))} aria-label={`${label} slider`} />
        <input type="number" min={min} max={max} step={step} value={v} onChange={(e) => set(Number(e.target.value))} data-testid={`ov-${k}`} aria-label={label} />
      </span>
    </label>
  );
}

export function OverlayDesigner() {
  const s = useOverlaySettings();
  const { overlay } = s;
  const { cells, error: latencyError } = useLatencyCells();
  const latencyMs = deviceLatencyMs(cells, overlay.device);
  const { runs, runsLoaded } = useAppData();
  const nav = useNav();
  const runId = nav.route.params.run ?? runs[0]?.id ?? '';
  const { run, error } = useRunFile(runId);

  return (
    <section aria-labelledby="ov-h">
      <h2 id="ov-h">Overlay designer</h2>
      <p className="muted">What the app draws over the camera: tune it on a replay; every replay view follows these settings live. Save keeps them in the project.</p>
      <ErrorAlert message={s.error ?? error ?? latencyError} />
      <div className="form">
        <Num label="Minimum score" k="minScore" min={0} max={1} step={0.05} />
        <Num label="Persist after loss" k="persistMs" min={0} max={10000} step={50} unit="ms" />
        <Num label="Smoothing" k="smoothing" min={0} max={0.95} step={0.05} />
        <Num label="Guide after" k="guideAfterMs" min={0} max={60000} step={250} unit="ms" />
        <label>
          Label text ({LABEL_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')})
          <input type="text" value={overlay.labelTemplate} onChange={(e) => editOverlay({ labelTemplate: e.target.value.slice(0, 200) })} data-testid="ov-label" />
        </label>
        <label>
          Guide text
          <input type="text" value={overlay.guideText} onChange={(e) => editOverlay({ guideText: e.target.value.slice(0, 200) })} data-testid="ov-guide" />
        </label>
        <label>
          Device speed
          <select value={overlay.device ?? ''} onChange={(e) => editOverlay({ device: e.target.value || null })} data-testid="ov-device">
            <option value="">this recording (no delay)</option>
            {cells.map((c) => (
              <option key={c.recordId} value={c.recordId}>
                {c.device} · {c.delegate} · {c.variant} — {c.latencyMs.mean.toFixed(1)} ms
              </option>
            ))}
          </select>
        </label>
      </div>
      {cells.length === 0 && !latencyError && <p className="muted">No device records yet: import benchmark outputs in the Latency view to simulate a phone's speed.</p>}
      <div className="job">
        <button type="button" onClick={() => void saveOverlay()} disabled={!s.dirty || s.saving} data-testid="ov-save">
          Save to project
        </button>
        <button type="button" onClick={resetOverlay}>
          Reset to defaults
        </button>
        <button type="button" onClick={() => exportOverlayJson(overlay, latencyMs)} data-testid="ov-export">
          Export JSON
        </button>
        <span className="muted" data-testid="ov-state">
          {s.saving ? 'saving…' : s.dirty ? 'unsaved changes' : s.saved ? 'saved in the project' : 'loading…'}
        </span>
      </div>
      <h3>Preview</h3>
      {!runsLoaded ? null : runs.length === 0 ? (
        <p data-testid="ov-empty">No runs yet: replay a clip in <a href="#/replay">Replay &amp; runs</a> to preview the overlay on it.</p>
      ) : (
        <label className="inline">
          Run{' '}
          <select value={runId} onChange={(e) => nav.setParams({ run: e.target.value })} data-testid="ov-run">
            <RunOptions runs={runs} />
          </select>
        </label>
      )}
      {run && run.id === runId && <Preview key={run.id} run={run} overlay={overlay} latencyMs={latencyMs} />}
    </section>
  );
}

function Preview({ run, overlay, latencyMs }: { run: RunFile; overlay: OverlaySettings; latencyMs: number }) {
  const pts = useMemo(() => run.frames.map((f) => f.ptsMs), [run]);
  const player = usePlayer(pts, run.summary.firstBoxFrame ?? 0);
  const frames = useMemo(() => buildOverlay(run.frames, overlay, { latencyMs }), [run, overlay, latencyMs]);
  useKeys({ ' ': player.toggle, ArrowLeft: () => player.step(-1), ArrowRight: () => player.step(1) });
  const f = frames[player.frame];
  const held = f?.boxes.filter((b) => b.held).length ?? 0;
  return (
    <div className="frame-viewer">
      <PlayerControls
        player={player}
        last={Math.max(0, run.frames.length - 1)}
        ptsMs={pts}
        extra={`${f?.boxes.length ?? 0} boxes${held ? ` (${held} held)` : ''}${f?.guide ? ' · guide shown' : ''}${latencyMs > 0 ? ` · showing frame ${f?.sourceFrame ?? '–'}` : ''}`}
      />
      <FrameCanvas runId={run.id} frame={player.frame} boxes={designedBoxes(f, DETECTED_COLOUR)} guide={f?.guide ? overlay.guideText : null} {...canvasSize(run.clip.width, run.clip.height)} testId="ov-canvas" />
    </div>
  );
}
