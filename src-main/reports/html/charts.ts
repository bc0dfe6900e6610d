// Inline SVG line charts (no script, no external asset): one polyline per run over frame index.
// Null values (detector did not run) break the line. Coordinates are SVG user units (px).
import { colourOf, dashOf, esc, fmt } from './escape';
import { maxOf } from '../../../src-shared/extent';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
}

const W = 760;
const H = 240;
const M = { left: 52, right: 16, top: 14, bottom: 34 };

export function lineChart(title: string, yUnit: string, series: ChartSeries[]): string {
  const n = Math.max(1, maxOf(series.map((s) => s.values.length)));
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const yMax = all.length ? maxOf(all) * 1.05 || 1 : 1;
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const x = (i: number) => M.left + (n > 1 ? (i / (n - 1)) * pw : pw / 2);
  const y = (v: number) => M.top + ph - (v / yMax) * ph;
  const parts: string[] = [];
  parts.push(`<rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}" fill="#fafafa" stroke="#bbb"/>`);
  for (const f of [0, 0.5, 1]) {
    const v = yMax * f;
    parts.push(`<line x1="${M.left}" x2="${M.left + pw}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${M.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="11">${fmt(v, v < 10 ? 1 : 0)}</text>`);
  }
  parts.push(`<text x="${M.left}" y="${H - 8}" font-size="11">frame 0</text>`);
  parts.push(`<text x="${M.left + pw}" y="${H - 8}" font-size="11" text-anchor="end">frame ${n - 1}</text>`);
  parts.push(`<text x="12" y="${M.top + ph / 2}" font-size="11" transform="rotate(-90 12 ${M.top + ph / 2})" text-anchor="middle">${esc(yUnit)}</text>`);
  series.forEach((s, si) => {
    const segs: string[][] = [[]];
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) segs.push([]);
      else segs[segs.length - 1].push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    });
    const dash = dashOf(si) ? ` stroke-dasharray="${dashOf(si)}"` : '';
    for (const seg of segs) {
      if (seg.length > 1) parts.push(`<polyline fill="none" stroke="${colourOf(si)}" stroke-width="1.6"${dash} points="${seg.join(' ')}"/>`);
      else if (seg.length === 1) {
        const [cx, cy] = seg[0].split(',');
        parts.push(`<circle cx="${cx}" cy="${cy}" r="2" fill="${colourOf(si)}"/>`);
      }
    }
  });
  const legend = series
    .map((s, si) => {
      const dash = dashOf(si) ? ` stroke-dasharray="${dashOf(si)}"` : '';
      return `<span class="key"><svg width="28" height="10" aria-hidden="true"><line x1="0" x2="28" y1="5" y2="5" stroke="${colourOf(si)}" stroke-width="2.5"${dash}/></svg>${esc(s.label)}</span>`;
    })
    .join(' ');
  return `<figure class="chart"><figcaption>${esc(title)}</figcaption><svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}">${parts.join('')}</svg><div class="legend">${legend}</div></figure>`;
}
