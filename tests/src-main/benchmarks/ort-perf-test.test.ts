import { describe, expect, it } from 'vitest';
import { ortPerfTest, parseOrtPerfTest } from '../../../src-main/benchmarks/ort-perf-test';
import { fixtureText, lineOf } from './helpers';

const ARM = 'ort-perf-test-arm-squeezenet-int8-cpu.txt';
const K1 = 'ort-perf-test-spacemit-k1-two-runs.txt';
const PIXEL = 'ort-perf-test-pixel6-resnet18.log';

describe('onnxruntime_perf_test', () => {
  it('every field, with each line\'s unit (s, ms, bytes) converted to ms / MB', () => {
    const { records, warnings } = parseOrtPerfTest(fixtureText(ARM), ARM);
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect(r.format).toBe('ort-perf-test');
    expect(r.runtime).toBe('onnxruntime');
    expect(r.delegate).toBe('CPUExecutionProvider'); // -e cpu on the command line
    expect(r.model).toBe('squeezenet-int8.onnx');
    expect(r.device).toBe('');
    expect(r.threads).toBeUndefined();
    expect(r.initMs).toBeCloseTo(10.2016, 9); // 0.0102016 s
    expect(r.firstInferenceMs).toBe(2);
    expect(r.latencyMs.mean).toBeCloseTo(1.85739, 9);
    expect(r.latencyMs.median).toBeCloseTo(1.85674, 9); // P50 0.00185674 s
    expect(r.latencyMs.p90).toBeCloseTo(1.87215, 9);
    expect(r.latencyMs.min).toBeCloseTo(1.83404, 9);
    expect(r.latencyMs.max).toBeCloseTo(1.90312, 9);
    expect(r.latencyMs.count).toBe(100);
    expect(r.latencyMs.std).toBeUndefined();
    expect(r.memoryMb).toBeCloseTo(36696064 / 2 ** 20, 9);
    expect(r.source).toEqual({ file: ARM, line: lineOf(ARM, 'Average inference time cost') });
  });
  it('two runs (two tool versions: with and without "Runs:"/"Avg CPU usage") give two records', () => {
    const { records } = parseOrtPerfTest(fixtureText(K1), K1);
    expect(records.map((r) => [r.model, r.delegate, r.threads, r.latencyMs.mean, r.latencyMs.count])).toEqual([
      ['yolov8n.q.onnx', 'SpaceMITExecutionProvider', 4, 82.3382, 10],
      ['inference.q.onnx', 'SpaceMITExecutionProvider', undefined, 62.2935, 100],
    ]);
    expect(records[1]!.initMs).toBeCloseTo(2747.16, 6);
    expect(records[1]!.source.line).toBe(lineOf(K1, 'Average inference time cost', 20));
  });
  it('an older output without "First inference" or a command line', () => {
    const r = parseOrtPerfTest(fixtureText(PIXEL), PIXEL).records[0]!;
    expect(r.firstInferenceMs).toBeUndefined();
    expect(r.model).toBe('unknown');
    expect(r.threads).toBe(1);
    expect(r.latencyMs.mean).toBeCloseTo(19.918, 9);
  });
  it('truncated before the average: the complete run is kept and the rest reported; nothing at all is an error', () => {
    const text = fixtureText(K1);
    const cut = text.slice(0, text.indexOf('Total inference time cost: 6.22935'));
    const r = parseOrtPerfTest(cut, 'cut.txt');
    expect(r.records).toHaveLength(1);
    expect(r.warnings.join()).toMatch(/no "Average inference time cost"/);
    expect(() => parseOrtPerfTest('Session creation time cost: 0.5 s\n', 'x.txt')).toThrow(/x\.txt: line 2/);
    expect(() => parseOrtPerfTest('Average inference time cost: fast ms\n', 'y.txt')).toThrow(/y\.txt: line 1: Average inference time cost is not a number/);
  });
  it('matches by content', () => {
    expect(ortPerfTest.match(fixtureText(PIXEL))).toBe(true);
    expect(ortPerfTest.match(fixtureText('tflite-logcat-yolo-int8-xnnpack.log'))).toBe(false);
  });
});
