// Graph view (`#/graph?model=<id>` or `?variant=<id>`, optional `colour=snr|op|dtype`, `frame=<n>`, `clip=<clip>`
// (an A/B event's run clip), `side=1`, `node=<name>`): the model's graph laid out by dagre in a worker, drawn in SVG with pan, zoom, fit and search;
// nodes coloured by the variant's per-layer SNR on one frame (default for a variant), by op type or by weight
// dtype; the selected node's details; float32 | variant side by side with the diff marks.
import { useEffect, useMemo, useRef, useState } from 'react';
import { boxGraph, type BoxGraph } from '../graph/boxes';
import { categoryColours, NO_VALUE_FILL, snrFill, snrLegend, type ColourMode, type LegendEntry } from '../graph/colour';
import { GraphCanvas, type BoxPaint } from '../graph/GraphCanvas';
import type { LayoutResult } from '../graph/layout';
import { bootLayout, layoutInWorker } from '../graph/layout-client';
import { FramePicker } from '../graph/FramePicker';
import { NodeDetails } from '../graph/NodeDetails';
import { ViewTransform } from '../graph/transform';
import { useCollapsed } from '../graph/useCollapsed';
import { useGraphData } from '../graph/useGraphData';
import type { DiffStatus } from '../../src-shared/graph/diff';
import type { ModelGraph } from '../../src-shared/types/graph';
import { ErrorAlert } from '../components/ErrorAlert';
import { JobProgress } from '../components/JobProgress';
import type { VariantPrefill } from '../components/VariantForm';
import { useNav } from '../nav';
import { GraphPicker, lastGraph, rememberGraph } from '../graph/GraphPicker';

interface Drawn {
  boxes: BoxGraph;
  layout: LayoutResult;
}

/** Lays out `g` (in the worker) whenever it or its collapsed groups change. */
function useLayout(g: ModelGraph | null, collapsed: ReadonlySet<string>): { drawn: Drawn | null; error: string | null } {
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDrawn(null);
    if (!g) return;
    let live = true;
    const boxes = boxGraph(g, collapsed);
    performance.mark('graph:layout-sent');
    layoutInWorker(boxes.input).then(
      (layout) => {
        if (!live) return;
        performance.mark('graph:layout-start', { startTime: layout.startedAt - performance.timeOrigin });
        performance.mark('graph:layout');
        setDrawn({ boxes, layout });
      },
      (e: Error) => live && setError(`layout failed: ${e.message}`),
    );
    return () => {
      live = false;
    };
  }, [g, collapsed]);
  return { drawn, error };
}

export function GraphView() {
  const nav = useNav();
  const { params } = nav.route;
  const target = params.variant ?? params.model;
  const mode: ColourMode = params.colour === 'op' || params.colour === 'dtype' || params.colour === 'snr' ? params.colour : params.variant ? 'snr' : 'op';
  const frame = Math.max(0, Number(params.frame ?? 0) || 0);
  const side = params.side === '1';
  useEffect(bootLayout, []);
  const data = useGraphData(target, mode === 'snr', frame, params.clip);
  const { graph, parent, diff, layerOf } = data;
  useEffect(() => {
    const l = lastGraph();
    if (!target && l) nav.setParams(l);
  }, [target]);
  useEffect(() => {
    if (target) rememberGraph(params.variant ? { variant: target } : { model: target });
  }, [target, params.variant]);

  const groups = useCollapsed(graph);
  const parentGroups = useCollapsed(parent);
  const main = useLayout(graph, groups.collapsed);
  const left = useLayout(side ? parent : null, parentGroups.collapsed);
  const view = useMemo(() => new ViewTransform(), []);
  const wrap = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState('');
  const selected = params.node ?? null;

  const fit = () => {
    const el = wrap.current;
    const l = main.drawn?.layout;
    if (el && l) view.fit(l.width, l.height, el.clientWidth / (side ? 2 : 1), el.clientHeight);
  };
  useEffect(fit, [main.drawn, side]);

  const nodeBy = useMemo(() => new Map([...(parent?.nodes ?? []), ...(graph?.nodes ?? [])].map((n) => [n.name, n])), [graph, parent]);
  const parentBy = useMemo(() => new Map((parent?.nodes ?? []).map((n) => [n.name, n])), [parent]);
  const shapeOf = useMemo(() => {
    const m = new Map<string, string>();
    for (const g of [parent, graph]) {
      for (const e of g?.edges ?? []) if (e.shape) m.set(e.tensor, `[${e.shape.join('×')}]`);
      for (const p of [...(g?.inputs ?? []), ...(g?.outputs ?? [])]) if (p.shape.length) m.set(p.name, `[${p.shape.join('×')}] ${p.dtype}`);
    }
    return (t: string) => m.get(t) ?? '';
  }, [graph, parent]);
  const kept = useMemo(() => new Set([...(graph?.variant?.keptFloat ?? []), ...(graph?.variant?.exclude ?? [])]), [graph]);
  const cats = useMemo(() => {
    const names = [...(graph?.nodes ?? []), ...(parent?.nodes ?? [])];
    return mode === 'dtype' ? categoryColours(names.map((n) => n.weights[0]?.dtype ?? 'no weights')) : categoryColours(names.map((n) => n.op));
  }, [graph, parent, mode]);
  const legend: LegendEntry[] = mode === 'snr' ? snrLegend() : cats.legend;

  const paintFor = (g: ModelGraph | null) => (id: string): BoxPaint => {
    const n = g === parent ? parentBy.get(id) : nodeBy.get(id);
    if (!n) return { fill: NO_VALUE_FILL, title: `group ${id}`, op: 'group' };
    const diffStatus: DiffStatus | undefined = diff?.status[id];
    const layer = layerOf.get(id);
    const keptText = kept.has(id) ? ' · kept in float' : '';
    const diffText = diffStatus && diffStatus !== 'same' ? ` · ${diffStatus}` : '';
    if (mode === 'snr') {
      const onVariantSide = g === graph;
      if (layer && (onVariantSide || diffStatus !== 'added')) {
        // The colour of the value shown (data-snr and the title carry 0.1 dB): 9.96 dB reads "10.0" and is coloured ≥ 10.
        const shown = Number(layer.snrDb.toFixed(1));
        return { fill: snrFill(shown), snrDb: layer.snrDb, op: n.op, diff: diffStatus, kept: kept.has(id), title: `${n.op} ${id}\nSNR ${layer.snrDb.toFixed(1)} dB${keptText}${diffText}` };
      }
      return { fill: NO_VALUE_FILL, op: n.op, diff: diffStatus, kept: kept.has(id), title: `${n.op} ${id}\nnot compared${keptText}${diffText}` };
    }
    const value = mode === 'dtype' ? (n.weights[0]?.dtype ?? 'no weights') : n.op;
    return { fill: cats.fill(value), op: n.op, diff: diffStatus, kept: kept.has(id), title: `${n.op} ${id}\n${mode === 'dtype' ? `weights ${value}` : value}${keptText}${diffText}` };
  };

  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q || !graph) return new Set<string>();
    // `op:<type>` matches the op type only; anything else a name part or the op type.
    const op = q.startsWith('op:') ? q.slice(3).trim() : undefined;
    return new Set(graph.nodes.filter((n) => (op !== undefined ? n.op.toLowerCase() === op : n.name.toLowerCase().includes(q) || n.op.toLowerCase() === q)).map((n) => n.name));
  }, [graph, query]);

  const select = (id: string) => {
    const group = main.drawn?.boxes.boxes.find((b) => b.id === id && b.kind === 'group');
    if (group) {
      groups.expand(group.name);
      return;
    }
    if (nodeBy.has(id)) nav.setParams({ node: id });
  };
  const findNext = () => {
    // An exact name first, then graph order.
    const exact = query.trim();
    const list = [...matches].sort((a, b) => Number(b === exact) - Number(a === exact));
    if (list.length === 0) return;
    const next = list[(list.indexOf(selected ?? '') + 1) % list.length]!;
    nav.setParams({ node: next });
    const c = main.drawn?.layout.boxes[next];
    const el = wrap.current;
    if (c && el) view.centre(c.x, c.y, el.clientWidth / (side ? 2 : 1), el.clientHeight);
  };

  // int8 variant: remake it from its parent with its own calibration settings (bias correction and weight range
  // included), this node added to the excluded ones — nothing else changes.
  const cs = graph?.variant?.calibrationSettings;
  const keepFloat =
    cs && graph?.variant && selected && nodeBy.has(selected) && diff?.status[selected] !== 'added'
      ? () => nav.go('models', { prefill: JSON.stringify({ model: graph.variant!.parentId, kind: 'int8', exclude: [...new Set([...graph.variant!.exclude, selected])], ...cs } satisfies VariantPrefill) })
      : undefined;

  if (!target) return <GraphPicker onOpen={(p) => nav.go('graph', p)} />;

  const selNode = selected ? nodeBy.get(selected) : undefined;
  const nodeDiff = selected && diff ? [...diff.added, ...diff.removed, ...diff.changed].find((d) => d.name === selected) : undefined;
  return (
    <section className="graph-view" aria-labelledby="graph-h">
      <h2 id="graph-h">
        Graph of <code>{target}</code>
        {graph && (
          <span className="muted" data-testid="graph-summary">
            {' '}
            · {graph.format} · {graph.nodes.length} nodes · {graph.edges.length} edges
            {graph.variant ? ` · ${graph.variant.kind} variant of ${graph.variant.parentId}` : ''}
            {diff ? ` · diff: +${diff.added.length} −${diff.removed.length} ~${diff.changed.length}` : ''}
          </span>
        )}
      </h2>
      <ErrorAlert message={data.error ?? main.error} />
      <div className="graph-toolbar">
        <label>
          Colour by{' '}
          <select data-testid="graph-colour" value={mode} onChange={(e) => nav.setParams({ colour: e.target.value })}>
            <option value="snr" disabled={!graph?.variant}>
              per-layer SNR (frame {frame}{params.clip ? ` of ${params.clip.split(/[\\/]/).pop()}` : ''})
            </option>
            <option value="op">op type</option>
            <option value="dtype">weight dtype</option>
          </select>
        </label>
        {mode === 'snr' && graph?.variant && <FramePicker frame={frame} onChange={(f) => nav.setParams({ frame: f === 0 ? undefined : f })} />}
        <input type="search" placeholder="search a node name, or op:<type>" aria-label="search nodes" data-testid="graph-search" value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && findNext()} />
        <button type="button" onClick={findNext} disabled={matches.size === 0}>
          Find next
        </button>
        <span className="muted" data-testid="graph-matches">
          {query ? `${matches.size} match${matches.size === 1 ? '' : 'es'}` : ''}
        </span>
        <button type="button" onClick={fit}>
          Fit
        </button>
        {(groups.byDefault > 0 || groups.collapsed.size > 0) && (
          <span data-testid="graph-groups" data-collapsed={groups.collapsed.size}>
            {groups.collapsed.size > 0 ? (
              <button type="button" onClick={groups.expandAll} title="draw every node as its own box">
                Expand all ({groups.collapsed.size} groups collapsed)
              </button>
            ) : (
              <button type="button" onClick={groups.reset} title="collapse the groups again, as drawn by default">
                Collapse groups
              </button>
            )}
          </span>
        )}
        {graph?.variant && (
          <label>
            <input type="checkbox" checked={side} data-testid="graph-side" onChange={(e) => nav.setParams({ side: e.target.checked ? '1' : undefined })} /> float32 | variant side by side
          </label>
        )}
      </div>
      {mode === 'snr' && data.layersJob.status === 'running' && <JobProgress progress={data.layersJob.progress} label="per-layer error" onCancel={data.layersJob.cancel} />}
      <ErrorAlert message={data.layersJob.error} />
      <ul className="graph-legend" data-testid="graph-legend" aria-label="colour legend">
        {legend.map((l) => (
          <li key={l.label}>
            <span className="graph-swatch" style={{ background: l.fill }} /> {l.label}
          </li>
        ))}
        {diff && <li className="muted">+ added · − removed · ~ changed by the conversion</li>}
        {graph?.nodes.some((n) => kept.has(n.name)) && <li className="muted">pink outline: kept in float</li>}
      </ul>
      <div className="graph-main">
        <div ref={wrap} className={side ? 'graph-canvas two' : 'graph-canvas'} data-layout-ms={main.drawn?.layout.ms.toFixed(0)} data-layout-cached={main.drawn?.layout.cached ? '1' : undefined} data-graph-at={data.graphAt?.toFixed(0)}>
          {side && left.drawn && <GraphCanvas graph={left.drawn.boxes} layout={left.drawn.layout} paint={paintFor(parent)} shapeOf={shapeOf} view={view} selected={selected} matches={matches} onSelect={select} label="float32 graph" />}
          {main.drawn ? (
            <GraphCanvas graph={main.drawn.boxes} layout={main.drawn.layout} paint={paintFor(graph)} shapeOf={shapeOf} view={view} selected={selected} matches={matches} onSelect={select} label={graph?.variant ? 'variant graph' : 'model graph'} />
          ) : (
            !data.error && <p className="muted">Laying out…</p>
          )}
        </div>
        {selNode && <NodeDetails node={selNode} shapeOf={shapeOf} layer={layerOf.get(selNode.name)} diff={nodeDiff} keptFloat={kept.has(selNode.name)} onKeepFloat={keepFloat} />}
      </div>
    </section>
  );
}
