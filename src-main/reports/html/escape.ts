// HTML text/attribute escaping and number formatting for the HTML report. Hand-written: five
// replacements; a templating library would add a dependency for no gain.

/** Escapes a string for HTML text and double- or single-quoted attribute values. */
export function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Bytes → "1.2 MB" (base 1000, as file managers show sizes). */
export function fmtBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  return `${(n / 1e6).toFixed(1)} MB`;
}

/** Fixed decimals, "–" for missing or non-finite values. */
export function fmt(n: number | null | undefined, digits = 1): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits);
}

/** Okabe–Ito colour-blind-safe palette; index 0 = baseline. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'];
/** Dash patterns per run, so that runs differ without colour too. */
export const DASHES = ['', '6 3', '2 2', '8 2 2 2', '4 4', '1 3', '10 4'];

export const colourOf = (i: number): string => PALETTE[i % PALETTE.length];
export const dashOf = (i: number): string => DASHES[i % DASHES.length];
