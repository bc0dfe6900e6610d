import { describe, expect, it } from 'vitest';
import { parseTfliteBenchmark, tfliteBenchmark } from '../../../src-main/benchmarks/tflite-benchmark';
import { fixtureText, lineOf } from './helpers';

const RISCV = 'tflite-riscv64-mobilenet-v1-op-profiling.txt';
const LOGCAT = 'tflite-logcat-yolo-int8-xnnpack.log';
const MI11 = 'tflite-mi11-yolov5s-several-runs.md';

describe('tflite benchmark_model (terminal, TF 2.8 era, op profiling)', () => {
  const { records, warnings } = parseTfliteBenchmark(fixtureText(RISCV), RISCV);
  const r = records[0]!;
  it('one record, every field from its line (µs → ms)', () => {
    expect(records).toHaveLength(1);
    expect(warnings).toEqual([]);
    expect(r.format).toBe('tflite-benchmark');
    expect(r.runtime).toBe('tflite');
    expect(r.device).toBe(''); // the file names no device: the engine fills --device
    expect(r.os).toBeUndefined();
    expect(r.model).toBe('mobilenet_v1_1.0_224.tflite');
    expect(r.delegate).toBe('cpu');
    expect(r.threads).toBe(4);
    expect(r.initMs).toBeCloseTo(17.187, 6); // Init: 17187 us
    expect(r.firstInferenceMs).toBeCloseTo(3512.391, 6);
    expect(r.warmupMs).toBeCloseTo(3512.39, 6); // Warmup (avg): 3.51239e+06
    expect(r.latencyMs.mean).toBeCloseTo(2950.34, 6); // Inference (avg): 2.95034e+06
    expect(r.latencyMs.std).toBeCloseTo(109.798, 6);
    expect(r.latencyMs.min).toBeCloseTo(2727.568, 6);
    expect(r.latencyMs.max).toBeCloseTo(3189.954, 6);
    expect(r.latencyMs.count).toBe(50); // the regular run, not the warm-up count=1
    expect(r.latencyMs.median).toBeUndefined();
    expect(r.memoryMb).toBeCloseTo(46.0859, 6);
    expect(r.memoryInitMb).toBeCloseTo(4.21094, 6);
    expect(r.flags).toMatchObject({ num_threads: '4', graph: './mobilenet_v1_1.0_224.tflite', enable_op_profiling: '1' });
    expect(r.source).toEqual({ file: RISCV, line: lineOf(RISCV, 'Inference timings in us') });
  });
  it('per-op rows of the regular runs (not the initialisation table), every column', () => {
    expect(r.ops).toHaveLength(31);
    expect(r.ops!.some((o) => o.type === 'AllocateTensors')).toBe(false);
    expect(r.ops![0]).toEqual({ name: '[MobilenetV1/MobilenetV1/Conv2d_0/Relu6]:0', type: 'CONV_2D', firstMs: 87.754, avgMs: 60.957, percent: 2.066, cdfPercent: 2.066, memKb: 0, timesCalled: 1 });
    expect(r.ops![30]!.type).toBe('SOFTMAX');
    expect(r.ops![30]!.cdfPercent).toBe(100);
    expect(r.opTypes).toEqual([
      { type: 'CONV_2D', count: 15, avgMs: 2651.853, percent: 89.897, timesCalled: 15 },
      { type: 'DEPTHWISE_CONV_2D', count: 13, avgMs: 296.919, percent: 10.065, timesCalled: 13 },
      { type: 'AVERAGE_POOL_2D', count: 1, avgMs: 0.869, percent: 0.029, timesCalled: 1 },
      { type: 'SOFTMAX', count: 1, avgMs: 0.232, percent: 0.008, timesCalled: 1 },
      { type: 'SQUEEZE', count: 1, avgMs: 0.016, percent: 0.001, timesCalled: 1 },
    ]);
    // the per-op averages add up to the per-type summary the tool printed
    const conv = r.ops!.filter((o) => o.type === 'CONV_2D').reduce((a, o) => a + o.avgMs, 0);
    expect(conv).toBeCloseTo(2651.853, 1);
  });
});

describe('tflite benchmark_model in logcat (newer version: median/p5/p95, XNNPACK log)', () => {
  const { records } = parseTfliteBenchmark(fixtureText(LOGCAT), LOGCAT);
  const r = records[0]!;
  it('strips the logcat prefixes and reads every field', () => {
    expect(records).toHaveLength(1);
    expect(r.os).toBe('android');
    expect(r.model).toBe('best_int8.tflite');
    expect(r.delegate).toBe('xnnpack'); // from "Replacing 539 out of 548 node(s) with delegate (TfLiteXNNPackDelegate)"
    expect(r.delegatedNodes).toEqual({ delegated: 539, total: 548 });
    expect(r.threads).toBe(4);
    expect(r.initMs).toBeCloseTo(92.318, 6);
    expect(r.firstInferenceMs).toBeCloseTo(187.533, 6);
    expect(r.warmupMs).toBeCloseTo(211.669, 6);
    expect(r.latencyMs).toEqual({ mean: 145.528, median: 141.253, std: 13.583, min: 140.071, max: 195.121, count: 25 });
    expect(r.memoryMb).toBeCloseTo(73.4102, 6);
    expect(r.memoryInitMb).toBeCloseTo(54.2852, 6);
    expect(r.flags).toMatchObject({ use_gpu: '0', use_nnapi: '0', min_num_runs: '25' });
    expect(r.ops).toBeUndefined();
    expect(r.source.line).toBe(lineOf(LOGCAT, 'Inference timings in us'));
  });
});

describe('the same log in logcat threadtime and brief formats', () => {
  it('parses to the same record whatever prefix the collector added', () => {
    const body = fixtureText(LOGCAT).split('\n').map((l) => l.replace(/^I tflite  : /, ''));
    const threadtime = body.map((l, i) => (l ? `07-14 13:14:52.${String(100 + i)} 22838 22838 I tflite  : ${l}` : l)).join('\n');
    const brief = body.map((l) => (l ? `I/tflite  (22838): ${l}` : l)).join('\n');
    const ref = parseTfliteBenchmark(fixtureText(LOGCAT), 'x').records;
    expect(parseTfliteBenchmark(threadtime, 'x').records).toEqual(ref);
    expect(parseTfliteBenchmark(brief, 'x').records).toEqual(ref);
  });
});

describe('several runs in one file (TF 2.4 on a Xiaomi Mi11, markdown with commands, failures, truncated logcat)', () => {
  const { records, warnings } = parseTfliteBenchmark(fixtureText(MI11), MI11);
  it('one record per run with timings, delegates from the command-line flags', () => {
    expect(records.map((r) => [r.model, r.delegate, Math.round(r.latencyMs.mean * 1e4) / 1e4])).toEqual([
      ['yolov5s_fp32_640.tflite', 'cpu', 249.684],
      ['yolov5s_fp32_640.tflite', 'nnapi:qti-gpu', 156.669],
      ['yolov5s_fp32_640.tflite', 'nnapi:qti-gpu+fp16', 92.5712],
      ['yolov5s_fp32_640.tflite', 'nnapi:qti-gpu+fp16', 158.715],
      ['yolov5s_int8_640.tflite', 'cpu', 95.7883],
    ]);
    expect(records.every((r) => r.os === 'android' && r.threads === 4)).toBe(true);
    expect(records[0]!.memoryMb).toBeCloseTo(138.809, 6); // "Peak memory footprint (MB)" (older wording)
    expect(records[0]!.flags?.config).toBeUndefined(); // the bazel command's flags belong to no run
  });
  it('a profiled run without the summary line takes the profiler timings, says so, keeps the per-op NNAPI partitions', () => {
    const p = records[3]!;
    expect(p.source.line).toBe(lineOf(MI11, 'Timings (microseconds): count=50'));
    expect(p.latencyMs).toMatchObject({ count: 50, min: 146.535, max: 166.638, std: 2.931 });
    expect(p.ops!.filter((o) => o.type === 'TfLiteNnapiDelegate').map((o) => o.avgMs)).toEqual([79.01, 14.418, 56.058]);
    expect(p.opTypes![0]).toEqual({ type: 'TfLiteNnapiDelegate', count: 3, avgMs: 149.483, percent: 94.187, timesCalled: 3 });
    expect(warnings.some((w) => w.includes('no "Inference timings in us" summary'))).toBe(true);
  });
  it('failed runs (NNAPI qti-default, qti-dsp) are warnings, not records', () => {
    const failed = warnings.filter((w) => w.includes('Benchmarking failed'));
    expect(failed).toHaveLength(2);
    expect(failed[0]).toContain(`run at line ${lineOf(MI11, 'adb shell', lineOf(MI11, '### NNAPI qti-default'))}:`);
  });
});

describe('match and errors', () => {
  it('matches its outputs by content only', () => {
    expect(tfliteBenchmark.match(fixtureText(RISCV))).toBe(true);
    expect(tfliteBenchmark.match(fixtureText(LOGCAT))).toBe(true);
    expect(tfliteBenchmark.match(fixtureText('ort-perf-test-arm-squeezenet-int8-cpu.txt'))).toBe(false);
  });
  it('a truncated log with flags but no timing is an error naming the last line', () => {
    const head = fixtureText(LOGCAT).split('\n').slice(0, 12).join('\n');
    expect(() => parseTfliteBenchmark(head, 'cut.log')).toThrow(/cut\.log: line 12: .*without any timing/);
  });
  it('a broken number gives its line', () => {
    const bad = fixtureText(LOGCAT).replace('Init: 92318', 'Init: 92x318');
    expect(() => parseTfliteBenchmark(bad, 'bad.log')).toThrow(new RegExp(`bad\\.log: line ${lineOf(LOGCAT, 'Inference timings')}: Init is not a number`));
  });
});
