// The pan/zoom of a graph drawing: translate (x, y) then scale k, in SVG user units. One instance may be shared
// by two drawings (float32 | variant side by side) so they pan and zoom together. Listeners write the transform
// to the DOM directly: a pan frame re-renders no React component.
export interface Xform {
  x: number;
  y: number;
  k: number;
}

export const MIN_ZOOM = 0.02;
export const MAX_ZOOM = 4;

export class ViewTransform {
  value: Xform = { x: 0, y: 0, k: 1 };
  private listeners = new Set<(t: Xform) => void>();

  subscribe(f: (t: Xform) => void): () => void {
    this.listeners.add(f);
    f(this.value);
    return () => this.listeners.delete(f);
  }

  set(t: Xform): void {
    this.value = { x: t.x, y: t.y, k: Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, t.k)) };
    for (const f of this.listeners) f(this.value);
  }

  pan(dx: number, dy: number): void {
    this.set({ ...this.value, x: this.value.x + dx, y: this.value.y + dy });
  }

  /** Zooms by `factor` keeping the point (px, py) of the viewport (CSS px) fixed. */
  zoomAt(px: number, py: number, factor: number): void {
    const { x, y, k } = this.value;
    const k2 = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k * factor));
    this.set({ k: k2, x: px - ((px - x) * k2) / k, y: py - ((py - y) * k2) / k });
  }

  /** Whole drawing (width × height) inside a viewport (vw × vh), with a margin. */
  fit(width: number, height: number, vw: number, vh: number): void {
    const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.min(vw / Math.max(1, width), vh / Math.max(1, height)) * 0.95));
    this.set({ k, x: (vw - width * k) / 2, y: (vh - height * k) / 2 });
  }

  /** Puts the point (cx, cy) of the drawing at the viewport's centre, at zoom ≥ `minK`. */
  centre(cx: number, cy: number, vw: number, vh: number, minK = 0.8): void {
    const k = Math.max(this.value.k, minK);
    this.set({ k, x: vw / 2 - cx * k, y: vh / 2 - cy * k });
  }
}

/** As a CSS transform (transform-origin 0 0). */
export const xformText = (t: Xform) => `translate(${t.x.toFixed(2)}px, ${t.y.toFixed(2)}px) scale(${t.k.toFixed(4)})`;
