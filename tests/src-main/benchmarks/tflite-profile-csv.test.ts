import { describe, expect, it } from 'vitest';
import { parseTfliteProfileCsv, tfliteProfileCsv } from '../../../src-main/benchmarks/tflite-profile-csv';
import { fixtureText } from './helpers';

const UNQUOTED = 'tflite-profile-xnnpack-unquoted.csv';
const QUOTED = 'tflite-profile-xnnpack-quoted.csv';

describe('tflite --profiling_output_csv_file', () => {
  it('reads every column of every row, unquoted commas in XNNPACK node types included', () => {
    const { records, warnings } = parseTfliteProfileCsv(fixtureText(UNQUOTED), UNQUOTED);
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect(r.format).toBe('tflite-profile-csv');
    expect(r.runtime).toBe('tflite');
    expect(r.delegate).toBe('xnnpack');
    expect(r.model).toBe('unknown');
    expect(r.ops).toEqual([
      { name: 'Delegate/Convolution (NHWC\t F32) IGEMM:0', type: 'Convolution (NHWC, F32) IGEMM', firstMs: 0.16, avgMs: 0.1999, percent: 11.4405, cdfPercent: 11.4405, memKb: 0, timesCalled: 1 },
      { name: 'Delegate/HardSwish (NC):1', type: 'HardSwish (NC)', firstMs: 0.016, avgMs: 0.0656, percent: 3.75436, cdfPercent: 15.1949, memKb: 0, timesCalled: 1 },
      { name: 'Delegate/Convolution (NHWC\t F32) DWConv:2', type: 'Convolution (NHWC, F32) DWConv', firstMs: 0.013, avgMs: 0.0408, percent: 2.33503, cdfPercent: 17.5299, memKb: 0, timesCalled: 1 },
      { name: 'Delegate/Sum (ND) Reduce:3', type: 'Sum (ND) Reduce', firstMs: 0.016, avgMs: 0.0148, percent: 0.847021, cdfPercent: 18.3769, memKb: 0, timesCalled: 1 },
    ]);
    // no Timings line in this excerpt: the latency is the sum of the rows, and the importer says so
    expect(r.latencyMs.mean).toBeCloseTo(0.1999 + 0.0656 + 0.0408 + 0.0148, 9);
    expect(r.latencyMs.count).toBeUndefined();
    expect(r.source).toEqual({ file: UNQUOTED, line: 1 });
    expect(warnings.join('\n')).toMatch(/sum of the per-op averages/);
  });
  it('the quoted (RFC 4180) form reads the same types', () => {
    const r = parseTfliteProfileCsv(fixtureText(QUOTED), QUOTED).records[0]!;
    expect(r.ops!.map((o) => o.type)).toEqual(['Convolution (NHWC, F32) IGEMM', 'HardSwish (NC)', 'Convolution (NHWC, F32) DWConv', 'Sum (ND) Reduce']);
    expect(r.ops![0]!.avgMs).toBe(0.1981);
  });
  it('a Timings line gives the latency; a short row gives its line number', () => {
    const withTimings = fixtureText(QUOTED) + '\nTimings (microseconds): count=50 first=300 curr=280 min=250 max=400 avg=283.5 std=12\n';
    expect(parseTfliteProfileCsv(withTimings, 'x.csv').records[0]!.latencyMs).toEqual({ mean: 0.2835, count: 50, min: 0.25, max: 0.4, std: 0.012 });
    const broken = fixtureText(QUOTED).replace('HardSwish (NC),0.016,0.0365,', 'HardSwish (NC),0.016,');
    expect(() => parseTfliteProfileCsv(broken, 'b.csv')).toThrow(/b\.csv: line 3: /);
  });
  it('matches by the header, not the file name', () => {
    expect(tfliteProfileCsv.match(fixtureText(UNQUOTED))).toBe(true);
    expect(tfliteProfileCsv.match('device,delegate,model,mean_ms\n')).toBe(false);
  });
});
