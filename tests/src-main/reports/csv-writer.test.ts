// CSV writer: RFC 4180 quoting of hostile fields (comma, quote, CR, LF) read back by an independent parser;
// one row per variant × device cell, device columns empty when a variant has no latency record.
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, cellsOf, csvField, renderCsv } from '../../../src-main/reports/csv-writer';
import type { LatencyCell } from '../../../src-shared/types/latency';
import { REPORT_SCHEMA, REPORT_VERSION, type ReportJson, type VariantRow } from '../../../src-shared/types/report';
import { REPORT_METRICS } from '../../../src-shared/metrics/catalogue';
import { parseCsv } from './report-readers';

const row = (runId: string, model: string, modelId: string | null, baseline: string | null): VariantRow => ({
  runId, baselineRunId: baseline, model, modelId, variantKind: baseline ? 'int8' : 'fp32', format: 'onnx', runtime: 'onnxruntime-node', backend: 'cpu',
  clip: 'clip, "quoted"\r\nnext line', clipSha256: 'c'.repeat(64), sizeBytes: 1000, sizeRatio: baseline ? 0.25 : null, snrDb: baseline ? 31.5 : null,
  cosine: null, inferenceMsMean: 4.5, inferenceMsP90: 6, detectionsPerFrame: 1.5, firstBoxMs: null, latencyKeys: modelId ? [modelId] : [], metrics: null, pass: baseline ? false : null,
  checks: baseline ? [{ metric: 'map50_drop', op: '>', limit: 0.01, value: 0.2, failed: true }] : [],
});
const cell = (variant: string, device: string, mean: number): LatencyCell => ({ device, delegate: 'gpu', variant, recordId: `r-${device}`, latencyMs: { mean, p90: mean * 1.2 }, withinBudget: mean < 100 });

const report: ReportJson = {
  schema: REPORT_SCHEMA, version: REPORT_VERSION, generatedAt: 'g', title: 't', runs: [], comparisons: [], keyFrames: [], series: [],
  variants: [row('run-a', 'Model "A", fp32', 'model-a', null), row('run-b', 'Model B\nint8', 'model-a-int8', 'run-a')],
  lineage: [],
  latency: { budgetMs: 100, devices: ['Pixel 7', 'iPhone, 15'], delegates: ['gpu'], variants: ['model-a-int8'], cells: [cell('model-a-int8', 'Pixel 7', 12.5), cell('model-a-int8', 'iPhone, 15', 150)] },
};

describe('csvField', () => {
  it('quotes only what RFC 4180 requires and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(0.125)).toBe('0.125');
    expect(csvField(false)).toBe('false');
  });
});

describe('csvField against spreadsheet formula injection (OWASP)', () => {
  it('prefixes text starting with = + - @ tab or CR with a quote; numbers stay numbers', () => {
    expect(csvField('=HYPERLINK("http://x","Pixel")')).toBe(`"'=HYPERLINK(""http://x"",""Pixel"")"`);
    expect(csvField('+1+1')).toBe("'+1+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField(-12.5)).toBe('-12.5');
    expect(csvField('Pixel 3')).toBe('Pixel 3');
  });

  it('a device named =HYPERLINK(…) reaches the report as text', () => {
    const hostile: ReportJson = { ...report, latency: { ...report.latency!, cells: [cell('model-a', '=HYPERLINK("http://evil","x")', 12)] } };
    const rows = parseCsv(renderCsv(hostile));
    const device = rows[0]!.indexOf('device');
    expect(rows.slice(1).map((r) => r[device]).filter(Boolean)).toEqual([`'=HYPERLINK("http://evil","x")`]);
  });
});

describe('CSV_COLUMNS', () => {
  it('is the documented header (docs/report-format.md), its metric columns the catalogue’s report metrics in order', () => {
    expect(CSV_COLUMNS.join(',')).toBe(
      'run_id,baseline_run_id,model,model_id,variant_kind,format,runtime,backend,clip,clip_sha256,size_bytes,size_ratio,snr_db,cosine,' +
        'host_inference_ms_mean,host_inference_ms_p90,detections_per_frame,first_box_ms,agreement_precision,agreement_recall,agreement_f1,agreement_mean_iou,' +
        'map50,map,precision,recall,mota,motp,idSwitches,fragmentations,idf1,hota,flickerPerMin,jitter,timeToFirstBoxMs,neverFound,lagFrames,labelFlips,' +
        'cosineMean,cosineP5,topkOverlap,events_missed,events_extra,events_id_switch,events_drift,events_flicker,gates_pass,gates_failed,' +
        'device,delegate,device_latency_ms_mean,device_latency_ms_p90,within_budget,end_to_end_ms,latency_record_id',
    );
    const from = CSV_COLUMNS.indexOf('agreement_mean_iou') + 1;
    expect(CSV_COLUMNS.slice(from, from + REPORT_METRICS.length)).toEqual(REPORT_METRICS.map((m) => m.key));
  });
});

describe('renderCsv', () => {
  it('one row per variant × device; hostile names survive a round trip', () => {
    const text = renderCsv(report);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(CSV_COLUMNS);
    const c = (r: string[], name: string) => r[header.indexOf(name)];
    expect(rows.map((r) => [c(r, 'run_id'), c(r, 'device')])).toEqual([
      ['run-a', ''],
      ['run-b', 'Pixel 7'],
      ['run-b', 'iPhone, 15'],
    ]);
    expect(c(rows[0], 'model')).toBe('Model "A", fp32');
    expect(c(rows[1], 'model')).toBe('Model B\nint8');
    expect(c(rows[1], 'clip')).toBe('clip, "quoted"\r\nnext line');
    expect(c(rows[2], 'device_latency_ms_mean')).toBe('150');
    expect(c(rows[2], 'within_budget')).toBe('false');
    expect(c(rows[1], 'gates_failed')).toBe('map50_drop>0.01');
    expect(c(rows[1], 'size_ratio')).toBe('0.25');
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
  });

  it('takes the latency cells whose variant is one of the row keys', () => {
    const r = { ...row('x', 'm', null, null), latencyKeys: ['ssd-mobilenet-v2-coco', 'model.onnx'] };
    const cells = [cell('ssd-mobilenet-v2-coco', 'A', 1), cell('model.onnx', 'B', 2), cell('other', 'C', 3)];
    expect(cellsOf(r, cells).map((k) => k.device)).toEqual(['A', 'B']);
    expect(cellsOf({ ...r, latencyKeys: [] }, cells)).toEqual([]);
  });
});
