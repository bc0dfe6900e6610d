// HTML report sections: the variant table's metric columns and the metric bar charts are the metric catalogue's
// `inHtmlTable` / `htmlChart` entries, with the catalogue's digits; a baseline row shows '–' for every metric.
import { describe, expect, it } from 'vitest';
import { metricCharts, variantsTable } from '../../../../src-main/reports/html/sections';
import { METRICS, type MetricEntry } from '../../../../src-shared/metrics/catalogue';
import { REPORT_SCHEMA, REPORT_VERSION, type ReportJson, type VariantMetrics, type VariantRow } from '../../../../src-shared/types/report';

const metrics: VariantMetrics = {
  map50: 0.9, map: 0.8, precision: 0.7, recall: 0.6, mota: 0.5, motp: 0.4, idSwitches: 3, fragmentations: 1, idf1: 0.77, hota: 0.66,
  flickerPerMin: 2.5, jitter: 0.01, timeToFirstBoxMs: 10, neverFound: 0, lagFrames: 0, labelFlips: 1, cosineMean: 0.98765, cosineP5: null, topkOverlap: null, events: {},
};
const row = (runId: string, compared: boolean): VariantRow => ({
  runId, baselineRunId: compared ? 'a' : null, model: 'M', modelId: null, variantKind: compared ? 'int8' : 'fp32', format: 'onnx', runtime: 'r', backend: 'cpu',
  clip: 'c', clipSha256: 'x', sizeBytes: 1000, sizeRatio: compared ? 0.5 : null, snrDb: compared ? 30 : null, cosine: null, inferenceMsMean: 3, inferenceMsP90: 4,
  detectionsPerFrame: 1, firstBoxMs: null, latencyKeys: [], metrics: compared ? metrics : null, pass: compared ? true : null, checks: [],
});
const report: ReportJson = { schema: REPORT_SCHEMA, version: REPORT_VERSION, generatedAt: 'g', title: 't', runs: [], comparisons: [], keyFrames: [], series: [], variants: [row('a', false), row('b', true)] };
const entries = METRICS as readonly MetricEntry[];

describe('HTML sections from the metric catalogue', () => {
  it('variant table: a column per inHtmlTable entry, values at the entry’s digits', () => {
    const html = variantsTable(report);
    const heads = [...html.matchAll(/<th>([^<]*)<\/th>/g)].map((m) => m[1]);
    const table = entries.filter((m) => m.inHtmlTable);
    expect(heads.slice(6, -1)).toEqual(table.map((m) => m.short));
    const cells = [...html.split('<tr>')[3].matchAll(/<td class="n">([^<]*)<\/td>/g)].map((m) => m[1]).slice(4);
    expect(cells).toEqual(table.map((m) => (metrics[m.key as keyof typeof metrics] as number).toFixed(m.digits)));
    expect(cells).toContain('0.9877');
    expect([...html.split('<tr>')[2].matchAll(/<td class="n">([^<]*)<\/td>/g)].map((m) => m[1]).slice(4)).toEqual(table.map(() => '–'));
  });

  it('bar charts: one per htmlChart entry (titled by it), then size ratio and SNR', () => {
    const html = metricCharts(report);
    for (const m of entries.filter((x) => x.htmlChart)) expect(html).toContain(m.htmlChart!.title);
    expect(html.indexOf('Flicker per minute')).toBeLessThan(html.indexOf('Size ratio (variant / baseline)'));
  });
});
