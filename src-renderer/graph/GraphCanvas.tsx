// One graph drawn in SVG: every box its own element (a node's <rect> carries data-node, and when coloured by error
// data-snr, its colour as `fill` and a <title> saying the value), edges as polylines whose <title> names the
// tensor and its shape. Pan by dragging, zoom with the wheel; the transform (transform.ts) may be shared with a
// second drawing. No culling: every node stays in the DOM.
import { memo, useEffect, useRef, type PointerEvent as RPointerEvent } from 'react';
import type { DiffStatus } from '../../src-shared/graph/diff';
import { BOX_H, BOX_W, PORT_H, type BoxGraph } from './boxes';
import { KEPT_FLOAT_STROKE, MATCH_STROKE, textOn } from './colour';
import type { LayoutResult } from './layout';
import { xformText, type ViewTransform } from './transform';

/** The reserved outline colours (colour.ts) as the CSS variables styles.css draws kept-in-float and match outlines with. */
const OUTLINES = { '--kept-stroke': KEPT_FLOAT_STROKE, '--match-stroke': MATCH_STROKE } as React.CSSProperties;

export interface BoxPaint {
  fill: string;
  /** Title text (name, op, the coloured value). */
  title: string;
  op: string;
  snrDb?: number;
  diff?: DiffStatus;
  /** Kept in float by the quantizer (or excluded by the user). */
  kept?: boolean;
}

export interface GraphCanvasProps {
  graph: BoxGraph;
  layout: LayoutResult;
  paint: (boxId: string) => BoxPaint;
  /** Tensor → shape text, for edge titles. */
  shapeOf: (tensor: string) => string;
  view: ViewTransform;
  selected: string | null;
  matches: ReadonlySet<string>;
  onSelect(boxId: string): void;
  label: string;
}

/** Quiet time after the last pan/zoom step before the drawing is rasterised again at its new scale, ms. */
const IDLE_MS = 150;
const DIFF_MARK: Partial<Record<DiffStatus, string>> = { added: '+', removed: '−', changed: '~' };
const tail = (name: string) => name.split('/').pop() ?? name;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
/** The end of a long name (its last scopes tell nodes apart better than its first). */
const clipStart = (s: string, n: number) => (s.length > n ? `…${s.slice(s.length - n + 1)}` : s);

function GraphCanvasImpl({ graph, layout, paint, shapeOf, view, selected, matches, onSelect, label }: GraphCanvasProps) {
  const svg = useRef<HTMLDivElement>(null);
  const g = useRef<HTMLDivElement>(null);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  /** Whether the last press was a drag (then its click selects nothing). */
  const dragged = useRef(false);

  // The drawing is one composited layer moved by a CSS transform: a pan or zoom frame re-rasterises nothing while
  // `will-change` is set; it is dropped after IDLE_MS so the layer is rasterised sharp at the new scale.
  useEffect(
    () =>
      view.subscribe((t) => {
        const el = g.current;
        if (!el) return;
        el.style.transform = xformText(t);
        el.style.willChange = 'transform';
        clearTimeout(idle.current);
        idle.current = setTimeout(() => (el.style.willChange = 'auto'), IDLE_MS);
      }),
    [view],
  );
  useEffect(() => () => clearTimeout(idle.current), []);
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      view.zoomAt(e.clientX - r.left, e.clientY - r.top, Math.exp(-e.deltaY * 0.0015));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [view]);

  const down = (e: RPointerEvent) => {
    drag.current = { x: e.clientX, y: e.clientY, moved: false };
  };
  const move = (e: RPointerEvent) => {
    const d = drag.current;
    if (!d || e.buttons === 0) return;
    if (Math.abs(e.clientX - d.x) + Math.abs(e.clientY - d.y) > 2) d.moved = true;
    view.pan(e.clientX - d.x, e.clientY - d.y);
    d.x = e.clientX;
    d.y = e.clientY;
  };
  const up = () => {
    dragged.current = drag.current?.moved ?? false;
    drag.current = null;
  };

  return (
    <div ref={svg} className="graph-svg" onPointerDown={down} onPointerMove={move} onPointerUp={up} onPointerLeave={up} data-testid="graph-svg">
      <div ref={g} className="graph-layer">
    <svg role="img" aria-label={label} width={Math.ceil(layout.width)} height={Math.ceil(layout.height)} style={OUTLINES}>
      <g>
        <g className="graph-edges">
          {graph.edges.map((e, i) => {
            const pts = layout.edges[i] ?? [];
            if (pts.length < 2) return null;
            return (
              <path key={i} d={`M${pts.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('L')}`} className="graph-edge" markerEnd="url(#graph-arrow)">
                <title>{e.tensors.map((t) => `${t} ${shapeOf(t)}`).join('\n')}</title>
              </path>
            );
          })}
        </g>
        {graph.boxes.map((b) => {
          const c = layout.boxes[b.id];
          if (!c) return null;
          const port = b.kind === 'input' || b.kind === 'output';
          const h = port ? PORT_H : BOX_H;
          const p = port ? undefined : paint(b.id);
          const fill = p?.fill ?? '#FFFFFF';
          const mark = p?.diff ? DIFF_MARK[p.diff] : undefined;
          const cls = ['graph-box', `graph-${b.kind}`, selected === b.id ? 'selected' : '', matches.has(b.id) ? 'match' : '', p?.diff && p.diff !== 'same' ? `diff-${p.diff}` : '', p?.kept ? 'kept-float' : ''].join(' ');
          return (
            <g key={b.id} className={cls} transform={`translate(${(c.x - BOX_W / 2).toFixed(1)},${(c.y - h / 2).toFixed(1)})`} onClick={() => !dragged.current && onSelect(b.id)}>
              <rect
                width={BOX_W}
                height={h}
                rx={port ? 13 : 4}
                fill={fill}
                {...(b.kind === 'node' ? { 'data-node': b.name } : {})}
                {...(b.kind === 'group' ? { 'data-group': b.name } : {})}
                {...(port ? { 'data-port': b.kind } : {})}
                {...(p?.snrDb !== undefined ? { 'data-snr': p.snrDb.toFixed(1) } : {})}
                {...(p?.diff ? { 'data-diff': p.diff } : {})}
                {...(p?.kept ? { 'data-kept-float': '' } : {})}
              >
                <title>{p?.title ?? `${b.kind} ${b.name}`}</title>
              </rect>
              {port ? (
                <text x={BOX_W / 2} y={17} textAnchor="middle" className="graph-port-text">
                  {b.kind === 'input' ? '▶ ' : '◀ '}
                  {clipStart(tail(b.name), 22)}
                </text>
              ) : (
                <>
                  <text x={8} y={15} className="graph-op" fill={textOn(fill)}>
                    {clip(b.kind === 'group' ? `▸ ${b.members} nodes` : (p?.op ?? ''), 24)}
                  </text>
                  <text x={8} y={30} className="graph-name" fill={textOn(fill)}>
                    {b.kind === 'group' ? clip(`${b.name}/`, 26) : clipStart(b.name, 28)}
                  </text>
                  {mark && (
                    <text x={BOX_W - 14} y={15} className="graph-diff-mark" fill={textOn(fill)}>
                      {mark}
                    </text>
                  )}
                </>
              )}
            </g>
          );
        })}
      </g>
      <defs>
        <marker id="graph-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="6" markerHeight="6" orient="auto">
          <path d="M0,0L8,4L0,8z" className="graph-arrow" />
        </marker>
      </defs>
    </svg>
      </div>
    </div>
  );
}

export const GraphCanvas = memo(GraphCanvasImpl);
