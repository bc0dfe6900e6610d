// Key frames: the embedded thumbnail with baseline and variant boxes drawn over it as SVG rects.
// Boxes are normalised x1,y1,x2,y2; the SVG's user space is the clip's pixel size; labels follow the UI's layout rule.
import type { Detection } from '../../../src-shared/formats/run';
import type { KeyFrame, ReportJson } from '../../../src-shared/types/report';
import { placeLabels } from '../../../src-shared/overlay/label-placement';
import { colourOf, dashOf, esc, fmt } from './escape';

/** One drawn box: its pixels, stroke and the label text placed for it. */
interface Drawn {
  d: Detection;
  rect: { x: number; y: number; width: number; height: number };
  colour: string;
  dash: string;
  cls: string;
}

function drawnOf(dets: Detection[], w: number, h: number, colour: string, dash: string, cls: string): Drawn[] {
  return dets.map((d) => {
    const [x1, y1, x2, y2] = d.box;
    return { d, rect: { x: x1 * w, y: y1 * h, width: (x2 - x1) * w, height: (y2 - y1) * h }, colour, dash, cls };
  });
}

/**
 * Baseline and variant boxes as SVG, their labels placed together by the UI's rule (src-shared/overlay/
 * label-placement.ts): inside the frame, never over each other, the track id or nothing when crowded.
 */
function boxesSvg(all: Drawn[], w: number, h: number): string {
  const font = Math.round(Math.max(12, w / 28)); // whole px: the size written in the SVG is the size placed
  const spots = placeLabels(all.map((b) => b.rect), all.map((b) => `${b.d.label} ${fmt(b.d.score, 2)}${b.d.trackId !== undefined ? ` #${b.d.trackId}` : ''}`), font, w, h);
  return all
    .map(({ rect: r, colour, dash, cls }, i) => {
      const da = dash ? ` stroke-dasharray="${dash}"` : '';
      const s = spots[i]!;
      return (
        `<g class="${cls}"><rect x="${r.x.toFixed(1)}" y="${r.y.toFixed(1)}" width="${r.width.toFixed(1)}" height="${r.height.toFixed(1)}" fill="none" stroke="${colour}" stroke-width="${Math.max(2, w / 200).toFixed(1)}"${da}/>` +
        (s.text ? `<text x="${s.x.toFixed(1)}" y="${s.y.toFixed(1)}" fill="${colour}" font-size="${font.toFixed(0)}" stroke="#fff" stroke-width="0.6" paint-order="stroke">${esc(s.text)}</text>` : '') +
        '</g>'
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
  const base = k.baselineDetections ? drawnOf(k.baselineDetections, w, h, colourOf(0), '', 'baseline') : [];
  const own = drawnOf(k.detections, w, h, colourOf(runIdx), runIdx === 0 ? '' : dashOf(1), runIdx === 0 ? 'baseline' : 'variant');
  const list = (dets: Detection[]) => dets.map((d) => `${esc(d.label)} ${fmt(d.score, 2)}`).join(', ') || 'none';
  return (
    `<figure class="keyframe"><svg viewBox="0 0 ${w} ${h}" width="360" role="img" aria-label="frame ${k.frame}">${img}${boxesSvg([...base, ...own], w, h)}</svg>` +
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
