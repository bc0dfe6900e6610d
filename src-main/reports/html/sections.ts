// Sections of the HTML report built from the version-2 fields: the variant table, the metric bar charts, the
// gates' verdict, the project settings and the model lineage. Every string from the inputs goes through `esc`.
import type { ReportJson, VariantMetrics, VariantRow } from '../../../src-shared/types/report';
import type { GateCheck } from '../../../src-shared/types/degradation';
import { METRICS, type MetricEntry } from '../../../src-shared/metrics/catalogue';
import { failedChecks } from '../../../src-shared/metrics/verdict-text';
import { barChart } from './bars';
import { colourOf, esc, fmt, fmtBytes } from './escape';

const entries = METRICS as readonly MetricEntry[];
/** Catalogue entries shown as variant-table columns and as bar charts (catalogue order). */
const TABLE_METRICS = entries.filter((m) => m.inHtmlTable);
const CHART_METRICS = entries.filter((m) => m.htmlChart);
const metricOf = (v: VariantRow, m: MetricEntry): number | null | undefined => v.metrics?.[m.key as keyof Omit<VariantMetrics, 'events'>];

const runIndex = (report: ReportJson, runId: string) => Math.max(0, report.runs.findIndex((r) => r.id === runId));
const rowLabel = (report: ReportJson, v: VariantRow) => `#${runIndex(report, v.runId) + 1} ${v.model} (${v.variantKind})`;

/** A rate gate left unchecked because the run was too short for a rate: its count is shown with the duration. */
const shortRun = (c: GateCheck) => c.value === null && typeof c.count === 'number' && c.durationMs !== undefined;

function verdictCell(v: VariantRow): string {
  if (v.pass === null) return '<td>baseline</td>';
  return v.pass ? '<td class="pass">pass</td>' : `<td class="fail">FAIL: ${esc(failedChecks({ pass: v.pass, checks: v.checks }).join('; '))}</td>`;
}

export function variantsTable(report: ReportJson): string {
  const rows = (report.variants ?? []).map((v) => {
    const i = runIndex(report, v.runId);
    return (
      `<tr><td><span class="swatch" style="background:${colourOf(i)}"></span>${esc(rowLabel(report, v))}<br><code>${esc(v.runId)}</code></td>` +
      `<td>${esc(v.clip)}</td><td class="n">${fmtBytes(v.sizeBytes)}</td><td class="n">${v.sizeRatio === null ? '–' : `${fmt(v.sizeRatio, 2)}×`}</td>` +
      `<td class="n">${fmt(v.snrDb, 1)}</td><td class="n">${fmt(v.inferenceMsMean)}</td>` +
      TABLE_METRICS.map((m) => `<td class="n">${fmt(metricOf(v, m), m.digits)}</td>`).join('') +
      `${verdictCell(v)}</tr>`
    );
  });
  return (
    `<table class="variants"><thead><tr><th>Run (model)</th><th>Clip</th><th>Size</th><th>Size ratio</th><th>SNR dB</th><th>Host ms</th>` +
    TABLE_METRICS.map((m) => `<th>${esc(m.short)}</th>`).join('') +
    `<th>Verdict</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>` +
    `<p>Metrics of each variant run against its baseline run on the same clip (pseudo ground truth): COCO mAP@.5, recall at the run's threshold, IDF1 and HOTA (TrackEval definitions), ID switches, flicker per minute, mean embedding cosine. SNR: output agreement with the float32 parent measured at conversion. Host ms: inference on the machine that replayed.</p>`
  );
}

/** One bar chart per metric, one bar per variant row that has compare metrics. */
export function metricCharts(report: ReportJson): string {
  const rows = (report.variants ?? []).filter((v) => v.metrics);
  if (!rows.length) return '<p>No variant was compared with a baseline.</p>';
  const chart = (title: string, pick: (v: VariantRow) => number | null, opts: { max?: number; digits?: number } = {}) =>
    barChart(title, rows.map((v) => ({ label: rowLabel(report, v), value: pick(v), colourIndex: runIndex(report, v.runId) })), opts);
  return (
    '<div class="barcharts">' +
    CHART_METRICS.map((m) => {
      const { title, ...opts } = m.htmlChart as NonNullable<MetricEntry['htmlChart']>;
      return chart(title, (v) => metricOf(v, m) ?? null, opts);
    }).join('') +
    chart('Size ratio (variant / baseline)', (v) => v.sizeRatio, { digits: 2 }) +
    chart('Output SNR vs float32 (dB)', (v) => v.snrDb, { digits: 1 }) +
    '</div>'
  );
}

export function verdictSection(report: ReportJson): string {
  const g = report.gates;
  if (!g || !g.checks.length) return '<p>No gates were checked (no variant was compared with a baseline).</p>';
  const label = (runId: string) => {
    const v = report.variants?.find((x) => x.runId === runId);
    return v ? rowLabel(report, v) : runId;
  };
  const rows = g.checks.map(
    (c) =>
      `<tr class="${c.failed ? 'fail' : 'pass'}"><td>${esc(label(c.runId))}</td><td><code>${esc(`${c.metric} ${c.op} ${c.limit}`)}</code></td>` +
      `<td class="n">${shortRun(c) ? `${fmt(c.count ?? null, 0)} in ${fmt(c.durationMs! / 1000, 1)} s` : fmt(c.value, 4)}</td>` +
      `<td>${shortRun(c) ? 'not checked: run too short for a per-minute rate' : c.value === null ? 'not measured' : c.failed ? 'FAILED' : 'ok'}</td></tr>`,
  );
  return (
    `<p class="verdict ${g.pass ? 'pass' : 'fail'}"><b>${g.pass ? 'PASS' : 'FAIL'}</b>: ${g.checks.filter((c) => c.failed).length} of ${g.checks.length} gate checks failed (gates <code>${esc(g.spec)}</code>; a gate fails when its condition holds).</p>` +
    `<table><thead><tr><th>Variant</th><th>Gate</th><th>Value</th><th>Result</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

export function settingsSection(report: ReportJson): string {
  const s = report.settings;
  if (!s) return '';
  const rows = Object.entries(s.overlay).map(([k, v]) => `<tr><td>${esc(k)}</td><td><code>${esc(JSON.stringify(v))}</code></td></tr>`);
  return `<h3>Project settings (overlay)</h3><table><thead><tr><th>Setting</th><th>Value</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function variantLineageSection(report: ReportJson): string {
  const rows = (report.lineage ?? [])
    .filter((l) => l.variant || l.parentId)
    .map(
      (l) =>
        `<tr><td>${esc(l.model)}<br><code>${esc(l.runId)}</code></td><td>${esc(l.parentId ?? '–')}</td><td>${esc(l.variant?.kind ?? '–')}</td>` +
        `<td><code>${esc(JSON.stringify(l.variant?.options ?? {}))}</code></td><td>source sha256 <code>${esc(l.variant?.sourceSha256 ?? '–')}</code>` +
        `${l.variant?.calibration ? `<br>calibration ${esc(l.variant.calibration)} <code>${esc(l.variant.calibrationSha256 ?? '')}</code>` : ''}</td></tr>`,
    );
  if (!rows.length) return '';
  return `<h3>Variant lineage</h3><table><thead><tr><th>Variant</th><th>Parent</th><th>Kind</th><th>Options</th><th>Sources</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
