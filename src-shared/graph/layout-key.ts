// What identifies a layout's input, and whether a layout fits an input: apart from layout.ts so the page's bundles,
// which check layouts the engine or the cache hands them, never carry dagre (layout.ts imports it).
import type { LayoutInput, LayoutPlacement } from './layout';

/** The input as a string: box ids and sizes, then edges, in order (equal strings = the same layout). */
export function fingerprint(input: LayoutInput): string {
  const b = input.boxes.map((x) => `${x.id}\u0001${x.width}\u0001${x.height}`).join('\u0002');
  const e = input.edges.map((x) => `${x.from}\u0001${x.to}`).join('\u0002');
  return `${b}\u0003${e}`;
}

/** True when `l` places exactly the input's boxes and has one polyline per input edge (a layout of another input does not). */
export function fitsInput(l: LayoutPlacement | undefined, input: LayoutInput): l is LayoutPlacement {
  if (!l || typeof l !== 'object' || !l.boxes || !Array.isArray(l.edges) || l.edges.length !== input.edges.length) return false;
  return Object.keys(l.boxes).length === input.boxes.length && input.boxes.every((b) => l.boxes[b.id] !== undefined);
}
