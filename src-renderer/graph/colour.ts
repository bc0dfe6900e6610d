// Node colours of the Graph view, all colour-blind safe and each with a text legend: per-layer SNR on viridis
// (5 bins, dB), op type on the Okabe–Ito palette (the most frequent ops; the rest grey), weight dtype likewise.
// A colour is never the only carrier: the node's <title> states the value.

export type ColourMode = 'snr' | 'op' | 'dtype';

export interface LegendEntry {
  label: string;
  fill: string;
}

/** Viridis, dark (bad) to light (good); text on a fill is white on the first two. */
const SNR_BINS: { below: number; fill: string; label: string }[] = [
  { below: 10, fill: '#440154', label: '< 10 dB' },
  { below: 20, fill: '#3B528B', label: '10–20 dB' },
  { below: 30, fill: '#21918C', label: '20–30 dB' },
  { below: 40, fill: '#5EC962', label: '30–40 dB' },
  { below: Infinity, fill: '#FDE725', label: '≥ 40 dB' },
];
export const NO_VALUE_FILL = '#E8E8E8';
/**
 * Outline of a node kept in float (Okabe–Ito's reddish purple), and of a search match (black, dotted in styles.css;
 * the selected node is solid black). Reserved: no fill of any colour mode uses them, so the outline shows on every
 * node (it was #CC79A7 on Mul nodes filled #CC79A7, and a match's orange on orange DequantizeLinear nodes).
 * GraphCanvas passes them to styles.css as --kept-stroke / --match-stroke.
 */
export const KEPT_FLOAT_STROKE = '#CC79A7';
export const MATCH_STROKE = '#000000';
/** Okabe–Ito without its black and its reddish purple (KEPT_FLOAT_STROKE): fills for the most frequent categories. */
const OKABE_ITO = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00'];
const OTHER_FILL = '#BBBBBB';

export function snrFill(snrDb: number): string {
  return SNR_BINS.find((b) => snrDb < b.below)!.fill;
}

export function snrLegend(): LegendEntry[] {
  return [...SNR_BINS.map((b) => ({ label: b.label, fill: b.fill })), { label: 'not compared', fill: NO_VALUE_FILL }];
}

/** Dark fills need light text. */
export function textOn(fill: string): string {
  return fill === '#440154' || fill === '#3B528B' || fill === '#0072B2' ? '#FFFFFF' : '#111111';
}

/** Category → fill for the most frequent categories (Okabe–Ito), the rest 'other' grey; with its legend. */
export function categoryColours(values: readonly string[]): { fill(v: string): string; legend: LegendEntry[] } {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, OKABE_ITO.length);
  const map = new Map(top.map(([v], i) => [v, OKABE_ITO[i]!]));
  const legend = top.map(([v, n]) => ({ label: `${v} (${n})`, fill: map.get(v)! }));
  if (counts.size > top.length) legend.push({ label: 'other', fill: OTHER_FILL });
  return { fill: (v) => map.get(v) ?? OTHER_FILL, legend };
}
