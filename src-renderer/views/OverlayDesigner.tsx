// Overlay designer: the settings of the hold-up camera overlay (src-shared/types/settings.ts), tuned live over a
// run's replay (src-shared/overlay/pipeline.ts), saved in the project (saveSettings) and exported as JSON. A setting
// can be pinned (A) and compared side by side with the current one (B) on the same run, with the numbers each gives.
import { useEffect, useState } from 'react';
import { LABEL_PLACEHOLDERS, unknownPlaceholders } from '../../src-shared/overlay/label-template';
import type { OverlaySettings } from '../../src-shared/types/settings';
import { ErrorAlert } from '../components/ErrorAlert';
import { OverlayNumberField } from '../components/OverlayNumberField';
import { OverlayPreview } from '../components/OverlayPreview';
import { RunOptions } from '../components/RunOptions';
import { useAppData } from '../data/AppData';
import { useRunFile } from '../hooks/useRunFile';
import { useNav } from '../nav';
import type { LatencyCell } from '../../src-shared/types/latency';
import { deviceLatencyMs, useLatencyCells } from '../state/deviceLatency';
import { editOverlay, resetOverlay, saveOverlay, useOverlaySettings } from '../state/overlaySettings';

/**
 * Downloads the overlay settings as `edgelab-overlay.json` (what the app team reads). The simulated device is named by
 * its record (device, delegate, variant, mean latency), not only by the record's id.
 */
export function exportOverlayJson(overlay: OverlaySettings, latencyMs: number, cell: LatencyCell | undefined): void {
  const deviceRecord = cell ? { id: cell.recordId, device: cell.device, delegate: cell.delegate, variant: cell.variant, latencyMsMean: cell.latencyMs.mean } : null;
  const doc = { schema: 'edgelab.overlay', version: 1, settings: overlay, deviceRecord, simulatedLatencyMs: latencyMs || null, exportedAt: new Date().toISOString() };
  const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2) + '\n'], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'edgelab-overlay.json';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

type NumKey = 'minScore' | 'persistMs' | 'smoothing' | 'guideAfterMs';
function Num({ label, k, min, max, step, unit }: { label: string; k: NumKey; min: number; max: number; step: number; unit?: string }) {
  const { overlay } = useOverlaySettings();
  return <OverlayNumberField label={label} value={overlay[k]} min={min} max={max} step={step} unit={unit} testId={`ov-${k}`} onChange={(v) => editOverlay({ [k]: v })} />;
}

/** The label template box: a template with an unknown {placeholder} is refused (not applied) with a message naming it. */
function LabelTemplateField({ value }: { value: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const unknown = unknownPlaceholders(text);
  return (
    <label>
      Label text ({LABEL_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')})
      <input
        type="text"
        value={text}
        aria-invalid={unknown.length > 0}
        onChange={(e) => {
          const t = e.target.value.slice(0, 200);
          setText(t);
          if (unknownPlaceholders(t).length === 0) editOverlay({ labelTemplate: t });
        }}
        data-testid="ov-label"
      />
      {unknown.length > 0 && (
        <span role="alert" className="error" data-testid="ov-label-error">
          not applied: unknown placeholder {unknown.map((u) => `{${u}}`).join(' ')} — use {LABEL_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}
        </span>
      )}
    </label>
  );
}

export function OverlayDesigner() {
  const s = useOverlaySettings();
  const { overlay } = s;
  const { cells, error: latencyError } = useLatencyCells();
  const latencyMs = deviceLatencyMs(cells, overlay.device);
  const cell = cells.find((c) => c.recordId === overlay.device) ?? cells.find((c) => c.device === overlay.device);
  const [pinned, setPinned] = useState<OverlaySettings | null>(null);
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
        <LabelTemplateField value={overlay.labelTemplate} />
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
        <button type="button" onClick={() => exportOverlayJson(overlay, latencyMs, cell)} data-testid="ov-export">
          Export JSON
        </button>
        <button type="button" onClick={() => setPinned(pinned ? null : { ...overlay })} data-testid="ov-pin">
          {pinned ? 'Unpin A' : 'Pin as A (compare)'}
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
      {run && run.id === runId && <OverlayPreview key={run.id} run={run} overlay={overlay} pinned={pinned} latencyMs={latencyMs} />}
    </section>
  );
}
