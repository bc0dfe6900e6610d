// The latency heatmap as inline SVG: rows = device · delegate, columns = variants, each cell the mean latency in
// ms, coloured by the budget scale the UI's heatmap uses (src-shared/charts/budget-scale.ts: colour-blind-safe
// PuOr bins, purples within budget, oranges over); grey = no record. Text stays readable without colour (every cell
// prints its ms and a ✓/✗ against the budget; a legend names the bins).
import { BUDGET_BINS, budgetBin } from '../../../src-shared/charts/budget-scale';
import type { LatencyMatrix } from '../../../src-shared/types/latency';
import { esc, fmt } from './escape';

const CELL_W = 96;
const CELL_H = 28;
const ROW_LABEL_W = 270;
/** Column headers are written at -35° so that long variant ids stay whole (up to HEAD_CHARS characters). */
const HEAD_CHARS = 44;
const HEAD_H = Math.round(HEAD_CHARS * 6 * Math.sin((35 * Math.PI) / 180)) + 16;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function latencyHeatmap(m: LatencyMatrix): string {
  const rows: { device: string; delegate: string }[] = [];
  for (const c of m.cells) if (!rows.some((r) => r.device === c.device && r.delegate === c.delegate)) rows.push({ device: c.device, delegate: c.delegate });
  const cols = m.variants;
  const w = ROW_LABEL_W + CELL_W * cols.length + HEAD_H; // room for the last rotated header
  const h = HEAD_H + CELL_H * rows.length;
  const parts: string[] = [];
  cols.forEach((v, j) => {
    const x = ROW_LABEL_W + j * CELL_W + CELL_W / 2;
    const y = HEAD_H - 6;
    parts.push(`<text x="${x}" y="${y}" transform="rotate(-35 ${x} ${y})" font-size="10"><title>${esc(v)}</title>${esc(clip(v, HEAD_CHARS))}</text>`);
  });
  rows.forEach((r, i) => {
    const y = HEAD_H + i * CELL_H;
    parts.push(`<text x="${ROW_LABEL_W - 6}" y="${y + 18}" text-anchor="end" font-size="11"><title>${esc(`${r.device} · ${r.delegate}`)}</title>${esc(clip(`${r.device} · ${r.delegate}`, 44))}</text>`);
    cols.forEach((v, j) => {
      const x = ROW_LABEL_W + j * CELL_W;
      const c = m.cells.find((k) => k.device === r.device && k.delegate === r.delegate && k.variant === v);
      const bin = c ? budgetBin(c.latencyMs.mean, m.budgetMs) : null;
      parts.push(`<rect x="${x}" y="${y}" width="${CELL_W - 2}" height="${CELL_H - 2}" fill="${bin?.fill ?? '#e4e4e4'}"/>`);
      const label = c ? `${fmt(c.latencyMs.mean, c.latencyMs.mean < 10 ? 2 : 1)} ms ${c.withinBudget ? '✓' : '✗'}` : '–';
      parts.push(`<text x="${x + CELL_W / 2 - 1}" y="${y + 18}" text-anchor="middle" font-size="11" fill="${bin?.text ?? '#1a1a1a'}">${esc(label)}</text>`);
    });
  });
  return (
    `<figure class="heatmap"><figcaption>Mean latency per frame (ms) against a ${fmt(m.budgetMs, 0)} ms budget</figcaption>` +
    `<svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="latency heatmap">${parts.join('')}</svg>` +
    `<div class="legend">${BUDGET_BINS.map((b) => `<span class="key"><span class="swatch" style="background:${b.fill}"></span>${esc(b.label)}</span>`).join(' ')}</div></figure>`
  );
}
