// The compare events along the clip: one mark per event at its frame, a distinct shape and colour per kind
// (colour-blind-safe, and the shape alone tells them apart), the playhead, and click → jump to the frame.
import type { CompareEvent, CompareEventKind } from '../../src-shared/types/degradation';

export const EVENT_STYLE: Record<CompareEventKind, { colour: string; shape: 'down' | 'square' | 'diamond' | 'circle' | 'up'; words: string }> = {
  missed: { colour: '#D55E00', shape: 'down', words: 'missed object' },
  extra: { colour: '#0072B2', shape: 'square', words: 'extra box' },
  flicker: { colour: '#CC79A7', shape: 'diamond', words: 'flicker' },
  'id-switch': { colour: '#009E73', shape: 'circle', words: 'id switch' },
  drift: { colour: '#000000', shape: 'up', words: 'drift' },
};
const KINDS = Object.keys(EVENT_STYLE) as CompareEventKind[];

function Mark({ kind, x, y, r }: { kind: CompareEventKind; x: number; y: number; r: number }) {
  const { colour, shape } = EVENT_STYLE[kind];
  switch (shape) {
    case 'down':
      return <polygon points={`${x - r},${y - r} ${x + r},${y - r} ${x},${y + r}`} fill={colour} />;
    case 'up':
      return <polygon points={`${x - r},${y + r} ${x + r},${y + r} ${x},${y - r}`} fill={colour} />;
    case 'square':
      return <rect x={x - r * 0.8} y={y - r * 0.8} width={r * 1.6} height={r * 1.6} fill={colour} />;
    case 'diamond':
      return <polygon points={`${x},${y - r} ${x + r},${y} ${x},${y + r} ${x - r},${y}`} fill={colour} />;
    default:
      return <circle cx={x} cy={y} r={r * 0.85} fill={colour} />;
  }
}

export interface EventTimelineProps {
  events: readonly CompareEvent[];
  /** Frames in the clip span shown (0 … frames − 1). */
  frames: number;
  current: number;
  onSeek(frame: number): void;
}

/** SVG strip 1000 user units wide; one row per kind, so marks of different kinds on one frame stay visible. */
export function EventTimeline({ events, frames, current, onSeek }: EventTimelineProps) {
  const W = 1000;
  const row = 14;
  const H = row * KINDS.length + 6;
  const xOf = (f: number) => (frames <= 1 ? W / 2 : 8 + (f / (frames - 1)) * (W - 16));
  const counts = new Map<CompareEventKind, number>();
  for (const e of events) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  return (
    <div className="timeline" data-testid="event-timeline">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${events.length} compare events over ${frames} frames`}
        onClick={(e) => {
          const r = (e.currentTarget as SVGSVGElement).getBoundingClientRect();
          const u = ((e.clientX - r.left) / Math.max(1, r.width)) * W;
          onSeek(Math.round(((u - 8) / (W - 16)) * (frames - 1)));
        }}
      >
        <rect x={0} y={0} width={W} height={H} fill="#f4f4f4" />
        {events.map((e, i) => {
          const k = KINDS.indexOf(e.kind);
          return (
            <g
              key={i}
              data-testid="event-mark"
              data-kind={e.kind}
              data-frame={e.frame}
              // Reachable with Tab and operable with Enter/Space, like a button (the title is its accessible name).
              role="button"
              tabIndex={0}
              aria-label={`frame ${e.frame}: ${EVENT_STYLE[e.kind].words}`}
              onClick={(ev) => {
                ev.stopPropagation();
                onSeek(e.frame);
              }}
              onKeyDown={(ev) => {
                if (ev.key !== 'Enter' && ev.key !== ' ') return;
                ev.preventDefault();
                ev.stopPropagation();
                onSeek(e.frame);
              }}
              style={{ cursor: 'pointer' }}
            >
              <title>{`frame ${e.frame}: ${EVENT_STYLE[e.kind].words} — ${e.detail}`}</title>
              <Mark kind={e.kind} x={xOf(e.frame)} y={3 + row * k + row / 2} r={5} />
            </g>
          );
        })}
        <line x1={xOf(current)} x2={xOf(current)} y1={0} y2={H} stroke="#333" strokeWidth={2} data-testid="playhead" />
      </svg>
      <p className="legend" data-testid="event-legend">
        {KINDS.map((k) => (
          <span key={k} className="key-event">
            <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
              <Mark kind={k} x={6} y={6} r={5} />
            </svg>{' '}
            {EVENT_STYLE[k].words} ({counts.get(k) ?? 0})
          </span>
        ))}
      </p>
    </div>
  );
}
