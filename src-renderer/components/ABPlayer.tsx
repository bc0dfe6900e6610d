// The synchronised A/B replay of two runs of one clip: both runs' boxes on the same frame index, side by side
// (one canvas each) or overlaid (one canvas, both runs), raw detections or the overlay as designed, the compare
// events' timeline, and on an event frame the events and the variant's per-layer error for that frame.
import { useEffect, useMemo } from 'react';
import type { RunFile } from '../../src-shared/formats/run';
import type { CompareEvent } from '../../src-shared/types/degradation';
import { buildOverlay } from '../../src-shared/overlay/pipeline';
import { runName } from '../../src-shared/run-name';
import { useKeys } from '../hooks/useKeys';
import { usePlayer } from '../hooks/usePlayer';
import { canvasSize } from '../lib/canvasSize';
import { designedBoxes, rawBoxes } from '../lib/drawList';
import { BASELINE_COLOUR, VARIANT_COLOUR } from '../lib/runColours';
import { deviceLatencyMs, useLatencyCells } from '../state/deviceLatency';
import { useOverlaySettings } from '../state/overlaySettings';
import { EVENT_STYLE, EventTimeline } from './EventTimeline';
import { FrameCanvas, sharedFrameCache } from './FrameCanvas';
import { LayerErrorPanel } from './LayerErrorPanel';
import { PlayerControls } from './PlayerControls';

export interface ABPlayerProps {
  a: RunFile;
  b: RunFile;
  events: readonly CompareEvent[] | null;
  /** The events' reference objects are baseline tracks (false: label ids, not drawn in A). Default true. */
  referenceIsBaseline?: boolean;
  mode: 'side' | 'overlay';
  boxes: 'raw' | 'designed';
  initialFrame: number;
  onFrame(frame: number): void;
  /** Opens the variant's graph coloured by the per-layer error of `frame` of the clip (absent: no link). */
  onOpenGraph?(variant: string, frame: number, clip: string): void;
}

const PREFETCH_AHEAD = 16;

export function ABPlayer({ a, b, events, referenceIsBaseline = true, mode, boxes, initialFrame, onFrame, onOpenGraph }: ABPlayerProps) {
  const n = Math.min(a.frames.length, b.frames.length);
  const pts = useMemo(() => a.frames.slice(0, n).map((f) => f.ptsMs), [a, n]);
  const player = usePlayer(pts, initialFrame);
  const f = player.frame;
  const { overlay } = useOverlaySettings();
  const { cells } = useLatencyCells();
  const latencyMs = deviceLatencyMs(cells, overlay.device);
  const designed = useMemo(
    () => (boxes === 'designed' ? [buildOverlay(a.frames.slice(0, n), overlay, { latencyMs }), buildOverlay(b.frames.slice(0, n), overlay, { latencyMs })] : null),
    [boxes, a, b, n, overlay, latencyMs],
  );
  const eventFrames = useMemo(() => [...new Set((events ?? []).map((e) => e.frame))].filter((x) => x < n).sort((x, y) => x - y), [events, n]);
  const here = (events ?? []).filter((e) => e.frame === f);

  useKeys({
    ' ': player.toggle,
    ArrowLeft: () => player.step(-1),
    ArrowRight: () => player.step(1),
    '[': () => {
      const prev = eventFrames.filter((x) => x < f).pop();
      if (prev !== undefined) player.seek(prev);
    },
    ']': () => {
      const next = eventFrames.find((x) => x > f);
      if (next !== undefined) player.seek(next);
    },
  });

  // Decoded frames ahead of the playhead (both runs), and the event frames a click or `]` is likely to open.
  // While paused, only after the playhead has rested (a seek's own frame decodes first, uncontended).
  useEffect(() => {
    const ahead = Array.from({ length: PREFETCH_AHEAD }, (_, i) => f + 1 + i).filter((x) => x < n);
    const go = () => {
      sharedFrameCache().prefetch(a.id, ahead);
      sharedFrameCache().prefetch(b.id, ahead);
    };
    if (player.playing) return go();
    const t = setTimeout(go, 150);
    return () => clearTimeout(t);
  }, [f, a.id, b.id, n, player.playing]);
  // The JPEG bytes of every frame of both runs in the background, event frames first.
  useEffect(() => {
    sharedFrameCache().warmAll([a.id, b.id], [...eventFrames, ...Array.from({ length: n }, (_, i) => i)]);
  }, [a.id, b.id, eventFrames, n]);
  useEffect(() => {
    if (player.playing) return;
    const t = setTimeout(() => onFrame(f), 250);
    return () => clearTimeout(t);
  }, [f, player.playing, onFrame]);

  const size = canvasSize(a.clip.width, a.clip.height);
  // The objects of this frame's events, highlighted on both frames: the reference object in A (a baseline track when
  // the baseline is the reference), the variant's track in B.
  const litA = new Set(referenceIsBaseline ? here.flatMap((e) => (e.objectId === null ? [] : [e.objectId])) : []);
  const litB = new Set(here.flatMap((e) => (e.trackId === null ? [] : [e.trackId])));
  const boxesA = designed ? designedBoxes(designed[0]![f], BASELINE_COLOUR, litA) : rawBoxes(a.frames[f]?.detections ?? [], BASELINE_COLOUR, litA);
  const boxesB = designed ? designedBoxes(designed[1]![f], VARIANT_COLOUR, litB) : rawBoxes(b.frames[f]?.detections ?? [], VARIANT_COLOUR, litB);
  const guide = designed && designed[1]![f]?.guide ? overlay.guideText : null;
  const nameA = `baseline: ${runName(a)}`;
  const nameB = `variant: ${runName(b)}`;

  return (
    <div className="ab-player">
      <PlayerControls
        player={player}
        last={Math.max(0, n - 1)}
        ptsMs={pts}
        extra={`${a.frames[f]?.detected ? 'A detected' : 'A tracked'}, ${b.frames[f]?.detected ? 'B detected' : 'B tracked'}`}
      />
      {/* The event timeline sits right under the controls, above the frames: on a 1024×768 window it is on screen
          without scrolling whatever the clip's size (tests/e2e/ab-flow.test.ts checks it). */}
      {events === null ? (
        <p className="muted">Computing the compare events…</p>
      ) : (
        <EventTimeline events={events} frames={n} current={f} onSeek={(x) => (player.pause(), player.seek(x))} />
      )}
      {mode === 'side' ? (
        <div className="ab-side">
          <FrameCanvas runId={a.id} frame={f} boxes={boxesA} guide={designed && designed[0]![f]?.guide ? overlay.guideText : null} {...size} label={nameA} testId="canvas-a" />
          <FrameCanvas runId={b.id} frame={f} boxes={boxesB} guide={guide} {...size} label={nameB} testId="canvas-b" />
        </div>
      ) : (
        <div className="ab-overlaid">
          <FrameCanvas runId={b.id} frame={f} boxes={[...boxesA, ...boxesB]} guide={guide} {...size} label={`${nameA} · ${nameB}`} testId="canvas-ab" />
        </div>
      )}
      <p className="legend" data-testid="ab-legend">
        <span className="key" style={{ borderLeft: `4px solid ${BASELINE_COLOUR}` }}>
          baseline
        </span>
        <span className="key" style={{ borderLeft: `4px solid ${VARIANT_COLOUR}` }}>
          variant
        </span>
        <span className="key">solid: detected on this frame · dashed: propagated by the tracker{designed ? ' · faint: held after loss' : ''}</span>
        {designed && latencyMs > 0 && <span className="key">device delay simulated: {latencyMs.toFixed(0)} ms</span>}
      </p>
      <p className="muted">Keys: space play/pause · ←/→ step · [ / ] previous/next event.</p>
      {here.length > 0 && (
        <section aria-labelledby="events-h" data-testid="event-panel">
          <h3 id="events-h">Events on frame {f}</h3>
          <ul>
            {here.map((e, i) => (
              <li key={i} data-testid="event-item">
                <strong style={{ color: EVENT_STYLE[e.kind].colour }}>{EVENT_STYLE[e.kind].words}</strong> — {e.detail}
              </li>
            ))}
          </ul>
          {!player.playing && <LayerErrorPanel model={a.model.id ?? a.model.path} variant={b.model.id ?? b.model.path} clip={a.clip.path} frame={f} onOpenGraph={onOpenGraph && (() => onOpenGraph(b.model.id ?? b.model.path, f, a.clip.path))} />}
        </section>
      )}
    </div>
  );
}
