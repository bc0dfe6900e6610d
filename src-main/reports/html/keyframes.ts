// Key frames: the embedded thumbnail with baseline and variant boxes drawn over it as SVG rects.
// Boxes are normalised x1,y1,x2,y2; the SVG's user space is the clip's pixel size.
import type { Detection } from '../../../src-shared/formats/run';
import type { KeyFrame, ReportJson } from '../../../src-shared/types/report';
import { colourOf, dashOf, esc, fmt } from './escape';

function boxes(dets: Detection[], w: number, h: number, colour: string, dash: string, cls: string): string {
  return dets
    .map((d) => {
      const [x1, y1, x2, y2] = d.box;
      const x = x1 * w;
      const y = y1 * h;
      const da = dash ? ` stroke-dasharray="${dash}"` : '';
      const text = `${d.label} ${fmt(d.score, 2)}`;
      return (
        `<g class="${cls}"><rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${((x2 - x1) * w).toFixed(1)}" height="${((y2 - y1) * h).toFixed(1)}" fill="none" stroke="${colour}" stroke-width="${Math.max(2, w / 200).toFixed(1)}"${da}/>` +
        `<text x="${(x + 3).toFixed(1)}" y="${Math.max(y - 4, 12).toFixed(1)}" fill="${colour}" font-size="${Math.max(12, w / 28).toFixed(0)}" stroke="#fff" stroke-width="0.6" paint-order="stroke">${esc(text)}</text></g>`
      );
    })
    .join('');
}

function runLabel(report: ReportJson, runId: string): string {
  const i = report.runs.findIndex((r) => r.id === runId);
  const r = report.runs[i];
  return r ? `#${i + 1} ${r.model.name} (${r.model.variantKind})` : runId;
}

export function keyFrameFigure(report: ReportJson, k: KeyFrame): string {
  const runIdx = Math.max(0, report.runs.findIndex((r) => r.id === k.runId));
  const run = report.runs[runIdx];
  const w = run?.clip.width || 640;
  const h = run?.clip.height || 480;
  const img = k.image?.startsWith('data:image/jpeg;base64,')
    ? `<image href="${esc(k.image)}" x="0" y="0" width="${w}" height="${h}" preserveAspectRatio="none"/>`
    : `<rect width="${w}" height="${h}" fill="#444"/>`;
  // Baseline (blue, solid) under the variant (its own colour, dashed): distinguishable without colour.
  const base = k.baselineDetections ? boxes(k.baselineDetections, w, h, colourOf(0), '', 'baseline') : '';
  const own = boxes(k.detections, w, h, colourOf(runIdx), runIdx === 0 ? '' : dashOf(1), runIdx === 0 ? 'baseline' : 'variant');
  const list = (dets: Detection[]) => dets.map((d) => `${esc(d.label)} ${fmt(d.score, 2)}`).join(', ') || 'none';
  return (
    `<figure class="keyframe"><svg viewBox="0 0 ${w} ${h}" width="360" role="img" aria-label="frame ${k.frame}">${img}${base}${own}</svg>` +
    `<figcaption><b>${esc(runLabel(report, k.runId))}</b> — frame ${k.frame} (${fmt(k.ptsMs / 1000, 2)} s): ${esc(k.why)}<br>` +
    (k.baselineDetections ? `baseline: ${list(k.baselineDetections)}<br>` : '') +
    `this run: ${list(k.detections)}</figcaption></figure>`
  );
}

/** Legend: the baseline solid blue, every variant dashed in its own colour. */
export function keyFrameLegend(report: ReportJson): string {
  const key = (colour: string, dash: string, text: string) =>
    `<span class="key"><svg width="28" height="14" aria-hidden="true"><rect x="2" y="2" width="24" height="10" fill="none" stroke="${colour}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/></svg>${esc(text)}</span>`;
  const keys = report.runs.map((r, i) => key(colourOf(i), i === 0 ? '' : dashOf(1), `${i === 0 ? 'baseline' : 'variant'} ${runLabel(report, r.id)}`));
  return `<div class="legend">${keys.join(' ')}</div>`;
}
