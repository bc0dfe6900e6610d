// Loads what the Graph view shows: the model's or variant's graph (API modelGraph); for a variant also its
// float32 parent's graph, the diff between them (src-shared/graph/diff.ts) and, when asked, the per-layer error
// of the variant on one frame (API layers: frames 1 from `frame`, on the variant's calibration clip or the
// bundled hold-up clip).
import { useEffect, useMemo, useState } from 'react';
import { diffGraphs, type GraphDiff } from '../../src-shared/graph/diff';
import type { ModelGraph } from '../../src-shared/types/graph';
import type { LayerError, LayersResult } from '../../src-shared/types/layers';
import { getApi } from '../api/host';
import { useJob, type Job } from '../hooks/useJob';
import { errorText } from '../lib/format';
import { takeGraph } from './graph-fetch';

/** layers' default clip (src-main/engine/layers.ts DEFAULT_LAYERS_CLIP): the bundled hold-up clip. */
export const DEFAULT_GRAPH_CLIP = 'cup';

/** Per-layer results already computed on this page, by model|variant|clip|frame: revisiting costs nothing. */
const layersDone = new Map<string, LayersResult>();

export interface GraphData {
  graph: ModelGraph | null;
  parent: ModelGraph | null;
  diff: GraphDiff | null;
  layers: LayersResult | null;
  /** Node name (float32 node, or the variant node that produces its tensor) → its per-layer error. */
  layerOf: Map<string, LayerError>;
  layersJob: Job;
  error: string | null;
  /** performance.now() when the graph arrived (ms since navigation; bench:graph reads it). */
  graphAt: number | null;
}

/** `clip`: the frames' clip (an A/B event's run clip); default the variant's calibration clip, else the hold-up clip. */
export function useGraphData(target: string | undefined, wantLayers: boolean, frame: number, clip?: string): GraphData {
  const [graph, setGraph] = useState<ModelGraph | null>(null);
  const [parent, setParent] = useState<ModelGraph | null>(null);
  const [layers, setLayers] = useState<LayersResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [graphAt, setGraphAt] = useState<number | null>(null);
  const layersJob = useJob('per-layer error for the graph');
  const { start, cancel } = layersJob;

  useEffect(() => {
    setGraph(null);
    setParent(null);
    setLayers(null);
    setError(null);
    if (!target) return;
    let live = true;
    const api = getApi();
    void (async () => {
      try {
        const g = await takeGraph(target);
        if (!live) return;
        setGraphAt(performance.now());
        setGraph(g);
        if (g.variant) {
          const p = await api.modelGraph({ model: g.variant.parentId });
          if (live) setParent(p);
        }
      } catch (e) {
        if (live) setError(errorText(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [target]);

  const variant = graph?.variant;
  const id = graph?.id;
  useEffect(() => {
    if (!wantLayers || !variant || !id) return;
    let live = true;
    const source = clip ?? variant.calibration ?? DEFAULT_GRAPH_CLIP;
    const key = `${variant.parentId}|${id}|${source}|${frame}`;
    const hit = layersDone.get(key);
    setLayers(hit ?? null);
    if (hit) return;
    void start((o) => getApi().layers({ model: variant.parentId, variant: id, clip: source, frames: 1, startFrame: frame }, o)).then((r) => {
      if (!r) return;
      layersDone.set(key, r);
      if (live) setLayers(r);
    });
    return () => {
      live = false;
      cancel();
    };
  }, [wantLayers, variant, id, frame, clip, start, cancel]);

  const diff = useMemo(() => (graph && parent ? diffGraphs(parent, graph) : null), [graph, parent]);
  const layerOf = useMemo(() => {
    const m = new Map<string, LayerError>();
    for (const n of layers?.nodes ?? []) {
      m.set(n.name, n);
      if (n.variantNode && !m.has(n.variantNode)) m.set(n.variantNode, n);
    }
    return m;
  }, [layers]);
  return { graph, parent, diff, layers, layerOf, layersJob, error, graphAt };
}
