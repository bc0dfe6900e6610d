// What the Graph view's layout (layout.ts) takes and gives: boxes of known size and edges in, centres and edge
// polylines out. Units: SVG user units (1 = 1 CSS px at zoom 1), y down.
export interface LayoutInput {
  boxes: { id: string; width: number; height: number }[];
  edges: { from: string; to: string }[];
}

export interface LayoutResult {
  /** Box id → centre. */
  boxes: Record<string, { x: number; y: number }>;
  /** Per input edge, in input order: the polyline from producer to consumer. */
  edges: { x: number; y: number }[][];
  width: number;
  height: number;
  /** Time dagre took, ms. */
  ms: number;
  /** When dagre started, ms since the epoch (performance.timeOrigin + now: comparable across page and worker). */
  startedAt: number;
  /** Taken from the layout cache (layout-cache.ts) instead of dagre: `ms` is then the lookup's time. */
  cached?: boolean;
}
