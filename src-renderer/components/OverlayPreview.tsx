// The overlay designer's preview: a run played with the overlay as the app would draw it; with a pinned setting (A)
// the two are drawn side by side on the same frame, under one player, with the numbers each setting gives over the
// whole run (src-shared/overlay/stats.ts): boxes and held boxes per frame, flicker, guide shown time.
import { useMemo } from 'react';
import type { RunFile } from '../../src-shared/formats/run';
import { buildOverlay } from '../../src-shared/overlay/pipeline';
import { overlayStats, type OverlayStats } from '../../src-shared/overlay/stats';
import type { OverlaySettings } from '../../src-shared/types/settings';
import { FrameCanvas } from './FrameCanvas';
import { PlayerControls } from './PlayerControls';
import { useKeys } from '../hooks/useKeys';
import { usePlayer } from '../hooks/usePlayer';
import { canvasSize } from '../lib/canvasSize';
import { DETECTED_COLOUR } from '../lib/colours';
import { designedBoxes } from '../lib/drawList';

const ROWS: { key: string; label: string; text: (s: OverlayStats) => string }[] = [
  { key: 'boxes', label: 'boxes shown per frame', text: (s) => s.boxesPerFrame.toFixed(2) },
  { key: 'held', label: 'held (persisted) boxes per frame', text: (s) => s.heldPerFrame.toFixed(2) },
  { key: 'flicker', label: 'flicker', text: (s) => (s.flickerPerMin === null ? `${s.flickers} in ${(s.durationMs / 1000).toFixed(1)} s` : `${s.flickerPerMin.toFixed(1)} / min`) },
  { key: 'guide', label: 'guide shown', text: (s) => `${(s.guideShownMs / 1000).toFixed(1)} s` },
];

export function OverlayPreview({ run, overlay, pinned, latencyMs }: { run: RunFile; overlay: OverlaySettings; pinned: OverlaySettings | null; latencyMs: number }) {
  const pts = useMemo(() => run.frames.map((f) => f.ptsMs), [run]);
  const player = usePlayer(pts, run.summary.firstBoxFrame ?? 0);
  const frames = useMemo(() => buildOverlay(run.frames, overlay, { latencyMs }), [run, overlay, latencyMs]);
  const framesA = useMemo(() => (pinned ? buildOverlay(run.frames, pinned, { latencyMs }) : null), [run, pinned, latencyMs]);
  const stats = useMemo(() => overlayStats(frames), [frames]);
  const statsA = useMemo(() => (framesA ? overlayStats(framesA) : null), [framesA]);
  useKeys({ ' ': player.toggle, ArrowLeft: () => player.step(-1), ArrowRight: () => player.step(1) });
  const f = frames[player.frame];
  const held = f?.boxes.filter((b) => b.held).length ?? 0;
  const size = canvasSize(run.clip.width, run.clip.height, pinned ? 640 : 1280);
  const canvas = (fr: typeof f, settings: OverlaySettings, testId: string) => (
    <FrameCanvas runId={run.id} frame={player.frame} boxes={designedBoxes(fr, DETECTED_COLOUR)} guide={fr?.guide ? settings.guideText : null} {...size} testId={testId} />
  );
  return (
    <div className="frame-viewer">
      <PlayerControls
        player={player}
        last={Math.max(0, run.frames.length - 1)}
        ptsMs={pts}
        extra={`${f?.boxes.length ?? 0} boxes${held ? ` (${held} held)` : ''}${f?.guide ? ' · guide shown' : ''}${latencyMs > 0 ? ` · showing frame ${f?.sourceFrame ?? '–'}` : ''}`}
      />
      {pinned && framesA ? (
        <div className="pair" style={{ alignItems: 'flex-start' }}>
          <figure>
            <figcaption>A (pinned)</figcaption>
            {canvas(framesA[player.frame], pinned, 'ov-canvas-a')}
          </figure>
          <figure>
            <figcaption>B (current)</figcaption>
            {canvas(f, overlay, 'ov-canvas')}
          </figure>
        </div>
      ) : (
        canvas(f, overlay, 'ov-canvas')
      )}
      <table data-testid="ov-stats">
        <thead>
          <tr>
            <th>over the whole run</th>
            {statsA && <th>A (pinned)</th>}
            <th>{statsA ? 'B (current)' : 'these settings'}</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => (
            <tr key={r.key} data-stat={r.key}>
              <td>{r.label}</td>
              {statsA && <td data-testid={`ov-stat-a-${r.key}`}>{r.text(statsA)}</td>}
              <td data-testid={`ov-stat-${r.key}`}>{r.text(stats)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
