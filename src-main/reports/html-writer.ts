// The HTML report: ONE self-contained file (inline CSS, inline SVG charts, JPEGs as data: URLs, no
// script, no network). Every string from the runs (names, labels, paths) goes through `esc`.
import type { RunSettings } from '../../src-shared/formats/run';
import type { ReportJson, RunComparison } from '../../src-shared/types/report';
import { lineChart } from './html/charts';
import { esc, fmt, fmtBytes, colourOf } from './html/escape';
import { latencyHeatmap } from './html/heatmap';
import { keyFrameFigure, keyFrameLegend } from './html/keyframes';
import { metricCharts, settingsSection, variantLineageSection, variantsTable, verdictSection } from './html/sections';

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a1a1a;margin:24px auto;max-width:1100px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f1f1f1}td.n{text-align:right;font-variant-numeric:tabular-nums}.swatch{display:inline-block;width:10px;height:10px;margin-right:6px;border-radius:2px}
.chart{margin:12px 0}.chart svg{max-width:100%;height:auto}.legend{font-size:12px;margin:4px 0}.key{display:inline-flex;align-items:center;gap:4px;margin-right:12px}
.keyframes{display:flex;flex-wrap:wrap;gap:16px}.keyframe{margin:0;width:360px}.keyframe svg{display:block;width:360px;height:auto;background:#222}
.keyframe figcaption{font-size:12px;margin-top:4px}.barcharts{display:flex;flex-wrap:wrap;gap:8px 24px}.bars{margin:6px 0}.bars figcaption,.heatmap figcaption,.chart figcaption{font-size:12px;font-weight:600}
.pass{color:#00603a}.fail{color:#a1001c}td.fail,tr.fail td{background:#fdecee}.verdict{font-size:15px}h3{font-size:15px;margin:16px 0 6px}
@media print{body{margin:0;max-width:none}.keyframe{break-inside:avoid}figure,table{break-inside:auto}h2{break-after:avoid}}code{font-size:12px;word-break:break-all}footer{margin-top:32px;color:#555;font-size:12px}
`;

function runLabel(r: ReportJson['runs'][number], i: number): string {
  return `#${i + 1} ${r.model.name} (${r.model.variantKind})`;
}

function agreementTable(report: ReportJson): string {
  const cmp = new Map<string, RunComparison>(report.comparisons.map((c) => [c.variantRunId, c]));
  const rows = report.runs.map((r, i) => {
    const c = cmp.get(r.id);
    const vs = c
      ? `<td class="n">${fmt(c.precision, 3)}</td><td class="n">${fmt(c.recall, 3)}</td><td class="n">${fmt(c.f1, 3)}</td><td class="n">${fmt(c.meanIoU, 3)}</td><td class="n">${fmt(c.sizeRatio, 2)}×</td><td class="n">${fmt(c.latencyRatio, 2)}×</td>`
      : `<td colspan="6">baseline</td>`;
    return (
      `<tr><td><span class="swatch" style="background:${colourOf(i)}"></span>${esc(runLabel(r, i))}<br><code>${esc(r.id)}</code></td>` +
      `<td>${esc(r.model.variantKind)}</td><td>${esc(r.model.format)} · ${esc(r.model.runtime)}/${esc(r.model.backend)}</td>` +
      `<td class="n">${fmtBytes(r.model.sizeBytes)}</td><td class="n">${fmt(r.inferenceMsMean)}</td><td class="n">${fmt(r.inferenceMsP90)}</td>` +
      `<td class="n">${fmt(r.detectionsPerFrame, 2)}</td><td class="n">${r.firstBoxMs === null ? 'none' : `${fmt(r.firstBoxMs / 1000, 2)} s (frame ${r.firstBoxFrame})`}</td>${vs}</tr>`
    );
  });
  return (
    `<table><thead><tr><th>Run (model)</th><th>Variant</th><th>Format · runtime</th><th>Size</th><th>Inference mean ms</th><th>p90 ms</th>` +
    `<th>Boxes/frame</th><th>First box</th><th>Precision</th><th>Recall</th><th>F1</th><th>Mean IoU</th><th>Size ratio</th><th>Latency ratio</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>` +
    `<p>Precision/recall/F1/mean IoU: the variant's detector boxes against the baseline's (pseudo ground truth) on the frames both detected, greedy one-to-one per class at IoU ≥ ${fmt(report.comparisons[0]?.iouThreshold ?? 0.5, 2)}.</p>`
  );
}

function settingsRow(s: RunSettings): string {
  return `frames ${s.maxFrames || 'all'}, detect every ${s.detectEvery}, score ≥ ${fmt(s.scoreThreshold, 2)}, NMS IoU ${fmt(s.iouThreshold, 2)}, max ${s.maxDetections} boxes, thumbnails ${s.thumbnailSize} px`;
}

function lineage(report: ReportJson): string {
  const settings = new Map((report.runSettings ?? []).map((x) => [x.runId, x.settings]));
  const rows = report.runs.map((r, i) => {
    const s = settings.get(r.id);
    return (
      `<tr><td>${esc(runLabel(r, i))}</td><td>${esc(r.model.path)}<br>sha256 <code>${esc(r.model.sha256)}</code></td>` +
      `<td>${esc(r.clip.name)} (${r.clip.width}×${r.clip.height}, ${fmt(r.clip.fps, 2)} fps)<br>sha256 <code>${esc(r.clip.sha256)}</code></td>` +
      `<td>${s ? esc(settingsRow(s)) : '–'}</td><td>${esc(r.createdAt)}<br><code>${esc(r.dir)}</code></td></tr>`
    );
  });
  return `<table><thead><tr><th>Run</th><th>Model</th><th>Clip</th><th>Settings</th><th>Created / directory</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** "baseline: #1 …" or "baselines: #1 …, #4 …" (a baseline = a run no pair compares against another run). */
function baselines(report: ReportJson, labels: string[]): string {
  const ids = report.variants ? report.variants.filter((v) => v.baselineRunId === null).map((v) => v.runId) : report.runs.slice(0, 1).map((r) => r.id);
  const names = ids.map((id) => labels[report.runs.findIndex((r) => r.id === id)] ?? id);
  return `${names.length > 1 ? 'baselines' : 'baseline'}: ${esc(names.join(', '))}`;
}

export function renderHtml(report: ReportJson): string {
  const labels = report.runs.map(runLabel);
  const byId = new Map(report.series.map((s) => [s.runId, s]));
  const inf = report.runs.map((r, i) => ({ label: labels[i], values: byId.get(r.id)?.inferenceMs ?? [] }));
  const box = report.runs.map((r, i) => ({ label: labels[i], values: byId.get(r.id)?.boxes ?? [] }));
  const keys = report.keyFrames.map((k) => keyFrameFigure(report, k)).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(report.title)}</title><style>${CSS}</style></head>
<body>
<h1>${esc(report.title)}</h1>
<p>${report.runs.length} run(s) of ${esc([...new Set(report.runs.map((r) => r.clip.name))].join(', '))}; ${baselines(report, labels)}${report.source?.kind === 'lab' ? `; lab ${esc(report.source.name ?? report.source.labDir)}` : ''}. Generated ${esc(report.generatedAt)}.</p>
<h2>Verdict</h2>
${verdictSection(report)}
<h2>Variants</h2>
${report.variants ? variantsTable(report) : ''}
<h3>Detection agreement with the baseline</h3>
${agreementTable(report)}
<h2>Metric charts</h2>
${metricCharts(report)}
${lineChart('Inference time per frame (ms)', 'ms', inf)}
${lineChart('Boxes per frame', 'boxes', box)}
<h2>Device latency</h2>
${report.latency ? latencyHeatmap(report.latency) : '<p>No device latency records in the workspace (edgelab import-bench / bench-model add them).</p>'}
<h2>Key frames</h2>
${keyFrameLegend(report)}
<div class="keyframes">${keys || '<p>No key frames (no boxes in any run).</p>'}</div>
<h2>Settings and lineage</h2>
${lineage(report)}
${variantLineageSection(report)}
${settingsSection(report)}
<footer>${esc(report.schema)} version ${report.version} · EdgeLab report</footer>
</body></html>
`;
}
