// ONNX Runtime `onnxruntime_perf_test` console output. Units are printed on each line (session creation and
// percentiles in seconds, average and first inference in ms, working set in bytes); records hold ms / MB.
// Several runs may share a file: a new run starts at "Session creation time cost" once the previous one has
// its average.
import { badLine, baseName, bytesToMb, needNum, splitLines } from './lines';
import type { BenchImporter, ParsedRecord, ParseResult } from './types';

interface Run {
  line: number;
  avgLine?: number;
  values: Record<string, { v: number; unit: string; line: number }>;
  provider?: string;
  threads?: number;
  model?: string;
  version?: string;
}

const VALUE = /^(Session creation time cost|First inference time cost|Total inference time cost|Total inference requests|Average inference time cost|Total inference run time|Number of inferences per second|Avg CPU usage|Total CPU usage|Peak working set size|Min Latency|Max Latency|P50 Latency|P90 Latency|P95 Latency|P99 Latency|P999 Latency|Runs):\s*(\S+)\s*(\S*)/;

const toMs = (v: number, unit: string) => (unit === 's' ? v * 1000 : unit === 'us' || unit === 'µs' ? v / 1000 : v);
const EP_SHORT: Record<string, string> = {
  cpu: 'CPUExecutionProvider',
  cuda: 'CUDAExecutionProvider',
  tensorrt: 'TensorrtExecutionProvider',
  dnnl: 'DnnlExecutionProvider',
  openvino: 'OpenVINOExecutionProvider',
  nnapi: 'NnapiExecutionProvider',
  coreml: 'CoreMLExecutionProvider',
  qnn: 'QNNExecutionProvider',
  xnnpack: 'XnnpackExecutionProvider',
  dml: 'DmlExecutionProvider',
  rocm: 'ROCMExecutionProvider',
  acl: 'ACLExecutionProvider',
  armnn: 'ArmNNExecutionProvider',
  webgpu: 'WebGpuExecutionProvider',
};

function toRecord(r: Run, file: string): ParsedRecord {
  const g = (k: string) => r.values[k];
  const avg = g('Average inference time cost')!;
  const lat: ParsedRecord['latencyMs'] = { mean: toMs(avg.v, avg.unit || 'ms') };
  const ms = (k: string) => {
    const x = g(k);
    return x ? toMs(x.v, x.unit || 's') : undefined;
  };
  const p50 = ms('P50 Latency');
  const p90 = ms('P90 Latency');
  const min = ms('Min Latency');
  const max = ms('Max Latency');
  if (p50 !== undefined) lat.median = p50;
  if (p90 !== undefined) lat.p90 = p90;
  if (min !== undefined) lat.min = min;
  if (max !== undefined) lat.max = max;
  const count = g('Total inference requests') ?? g('Runs');
  if (count) lat.count = count.v;
  const rec: ParsedRecord = {
    format: 'ort-perf-test',
    device: '',
    runtime: 'onnxruntime',
    delegate: r.provider ?? 'CPUExecutionProvider',
    model: r.model ? baseName(r.model) : 'unknown',
    latencyMs: lat,
    source: { file, line: r.avgLine ?? r.line },
  };
  if (r.version) rec.runtimeVersion = r.version;
  if (r.threads !== undefined) rec.threads = r.threads;
  const init = g('Session creation time cost');
  if (init) rec.initMs = toMs(init.v, init.unit || 's');
  const first = g('First inference time cost');
  if (first) rec.firstInferenceMs = toMs(first.v, first.unit || 'ms');
  const ws = g('Peak working set size');
  if (ws) rec.memoryMb = bytesToMb(ws.v);
  return rec;
}

export function parseOrtPerfTest(text: string, file: string): ParseResult {
  const runs: Run[] = [];
  const warnings: string[] = [];
  let run: Run = { line: 1, values: {} };
  const lines = splitLines(text);
  for (const { no, text: t } of lines) {
    const s = t.trim();
    const cmd = /onnxruntime_perf_test\b(.*)$/.exec(s);
    if (cmd) {
      if (run.avgLine !== undefined) {
        runs.push(run);
        run = { line: no, values: {} };
      }
      const args = cmd[1]!.split(/\s+/).filter(Boolean);
      for (let j = 0; j < args.length; j++) {
        if (args[j] === '-e' && args[j + 1]) run.provider = EP_SHORT[args[j + 1]!.toLowerCase()] ?? args[j + 1];
        if (args[j] === '-x' && args[j + 1]) run.threads = Number(args[j + 1]);
      }
      const model = args.filter((a) => /\.(onnx|ort)$/i.test(a)).pop();
      if (model) run.model = model;
      continue;
    }
    let m = /^using (\w+ExecutionProvider)/.exec(s);
    if (m) {
      run.provider = m[1];
      continue;
    }
    m = /^Setting intra_op_num_threads to (\d+)/.exec(s);
    if (m) {
      run.threads = Number(m[1]);
      continue;
    }
    m = /onnxruntime(?: version)?[:\s]+v?(\d+\.\d+\.\d+)/i.exec(s);
    if (m && !/perf_test/.test(s)) run.version = m[1];
    m = VALUE.exec(s);
    if (!m) continue;
    const key = m[1]!;
    if (key === 'Session creation time cost' && run.avgLine !== undefined) {
      runs.push(run);
      run = { line: no, values: {}, provider: run.provider, model: run.model, threads: run.threads };
    }
    const v = needNum(m[2], file, no, key);
    run.values[key] = { v, unit: m[3]!, line: no };
    if (key === 'Average inference time cost') run.avgLine = no;
  }
  if (run.avgLine !== undefined) runs.push(run);
  else if (Object.keys(run.values).length) warnings.push(`${file}: run at line ${run.line} has no "Average inference time cost" (truncated?)`);
  if (!runs.length) throw badLine(file, lines.length, 'onnxruntime_perf_test output without "Average inference time cost"');
  return { records: runs.map((r) => toRecord(r, file)), warnings };
}

export const ortPerfTest: BenchImporter = {
  name: 'ort-perf-test',
  description: 'ONNX Runtime onnxruntime_perf_test console output',
  match: (text) => /^\s*(Average inference time cost|Session creation time cost):/m.test(text),
  parse: parseOrtPerfTest,
};
