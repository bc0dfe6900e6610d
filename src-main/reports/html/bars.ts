// Inline SVG horizontal bar charts (no script): one bar per variant row for one metric. Coordinates are SVG
// user units (px); bars scale to `max` (default: the largest finite value), missing values are drawn as "–".
import { colourOf, esc, fmt } from './escape';
import { maxOf } from '../../../src-shared/extent';

export interface Bar {
  label: string;
  value: number | null;
  /** Palette index of the run (same colour as in the other charts). */
  colourIndex: number;
}

const W = 360;
const ROW = 22;
const LABEL_W = 150;
const VALUE_W = 56;

export function barChart(title: string, bars: Bar[], opts: { max?: number; digits?: number } = {}): string {
  const finite = bars.map((b) => b.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const max = opts.max ?? (finite.length ? maxOf(finite.map(Math.abs)) || 1 : 1);
  const pw = W - LABEL_W - VALUE_W;
  const h = ROW * bars.length + 8;
  const rows = bars.map((b, i) => {
    const y = 4 + i * ROW;
    const v = b.value !== null && Number.isFinite(b.value) ? b.value : null;
    const w = v === null ? 0 : Math.max(0, Math.min(1, Math.abs(v) / max)) * pw;
    return (
      `<text x="${LABEL_W - 6}" y="${y + 15}" text-anchor="end" font-size="11">${esc(b.label.length > 24 ? `${b.label.slice(0, 23)}…` : b.label)}</text>` +
      `<rect x="${LABEL_W}" y="${y + 3}" width="${pw}" height="${ROW - 6}" fill="#f1f1f1"/>` +
      `<rect x="${LABEL_W}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 6}" fill="${colourOf(b.colourIndex)}"/>` +
      `<text x="${LABEL_W + pw + 6}" y="${y + 15}" font-size="11">${fmt(v, opts.digits ?? 3)}</text>`
    );
  });
  return `<figure class="bars"><figcaption>${esc(title)}</figcaption><svg viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-label="${esc(title)}">${rows.join('')}</svg></figure>`;
}
