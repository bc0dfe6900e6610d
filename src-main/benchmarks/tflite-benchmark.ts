// TensorFlow Lite `benchmark_model` as printed on a terminal or found in `adb logcat` (prefixes stripped by
// lines.ts), including its --enable_op_profiling tables. Several runs may share a file (a run starts at
// "STARTING!" or at a `benchmark_model` command line once the previous run has timings); each run with
// timings becomes one record. The tool prints µs ("Inference timings in us", count=… lines) and MB;
// records hold ms and MB.
import type { OpTiming, OpTypeTiming } from '../../src-shared/types/latency';
import { badLine, baseName, keyValues, needNum, splitLines, usToMs } from './lines';
import { isHeader, readRows, rowToOp, rowToOpType, sumByType, tableKind, type TableKind } from './tflite-op-tables';
import type { BenchImporter, ParsedRecord, ParseResult } from './types';

const SUMMARY = /Inference timings in us:\s*(.*)$/;
const COUNT_LINE = /^count=\d+(\s|$)/;
const FLAG_ECHO = /^([#A-Za-z][\w #()/.-]*?):\s*\[(.*)\]\s*$/;
const CLI_FLAG = /--([a-z0-9_]+)=("[^"]*"|\S+)/g;

interface Run {
  startLine: number;
  flags: Record<string, string>;
  counts: { line: number; kv: Record<string, string> }[];
  summary?: { line: number; kv: Record<string, number> };
  memory?: { init?: number; overall?: number; peak?: number };
  loadedModel?: string;
  delegateLog?: string;
  delegated?: { delegated: number; total: number };
  ops: OpTiming[];
  opTypes: OpTypeTiming[];
  profiledTimings?: { line: number; kv: Record<string, string> };
  android: boolean;
  failed?: string;
}

const newRun = (line: number): Run => ({ startLine: line, flags: {}, counts: [], ops: [], opTypes: [], android: false });
const hasTimings = (r: Run) => r.summary !== undefined || r.counts.length > 0 || r.profiledTimings !== undefined;

function flagKey(label: string): string {
  return label.toLowerCase().replace(/^#/, '').replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/** "Inference timings in us: Init: 17187, First inference: 3512391, …" → { init: 17187, first_inference: … } (µs). */
function summaryValues(rest: string, file: string, line: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of rest.split(',')) {
    const m = /^\s*([^:]+):\s*(\S+)\s*$/.exec(part);
    if (!m) continue;
    out[flagKey(m[1]!)] = needNum(m[2], file, line, m[1]!.trim());
  }
  if (out.inference_avg === undefined) throw badLine(file, line, 'timing summary has no "Inference (avg)"');
  return out;
}

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes)$/i.test(v.trim());

function delegateOf(r: Run): string {
  const f = r.flags;
  const fp16 = truthy(f.nnapi_allow_fp16) || truthy(f.allow_fp16) ? '+fp16' : '';
  if (truthy(f.use_gpu)) return `gpu${fp16}`;
  if (truthy(f.use_nnapi)) {
    const acc = f.nnapi_accelerator_name?.trim();
    return `nnapi${acc ? `:${acc}` : ''}${fp16}`;
  }
  if (truthy(f.use_coreml)) return 'coreml';
  if (truthy(f.use_hexagon)) return 'hexagon';
  if (truthy(f.use_xnnpack)) return 'xnnpack';
  if (r.delegateLog) return r.delegateLog;
  return 'cpu';
}

function toRecord(r: Run, file: string, warnings: string[]): ParsedRecord | undefined {
  const where = `${file}: run at line ${r.startLine}`;
  if (!hasTimings(r)) {
    if (r.failed) warnings.push(`${where}: no timings (${r.failed})`);
    else if (Object.keys(r.flags).length || r.loadedModel) warnings.push(`${where}: no timings (truncated log?)`);
    return undefined;
  }
  const regular = r.counts.length ? r.counts[r.counts.length - 1]! : r.profiledTimings!;
  const kv = regular.kv;
  const avgUs = r.summary?.kv.inference_avg ?? needNum(kv.avg, file, regular.line, 'avg');
  const latency: ParsedRecord['latencyMs'] = { mean: usToMs(avgUs) };
  const opt = (k: string) => (kv[k] === undefined ? undefined : usToMs(needNum(kv[k], file, regular.line, k)));
  const std = opt('std');
  const min = opt('min');
  const max = opt('max');
  const median = opt('median');
  if (median !== undefined) latency.median = median;
  if (std !== undefined) latency.std = std;
  if (min !== undefined) latency.min = min;
  if (max !== undefined) latency.max = max;
  if (kv.count !== undefined) latency.count = needNum(kv.count, file, regular.line, 'count');
  if (!r.summary) warnings.push(`${where}: no "Inference timings in us" summary; figures from line ${regular.line}`);

  const graph = r.flags.graph ?? r.loadedModel;
  const rec: ParsedRecord = {
    format: 'tflite-benchmark',
    device: '',
    runtime: 'tflite',
    delegate: delegateOf(r),
    model: graph ? baseName(graph) : 'unknown',
    latencyMs: latency,
    source: { file, line: r.summary?.line ?? regular.line },
  };
  if (r.android) rec.os = 'android';
  const threads = r.flags.num_threads ?? r.flags.threads_used_for_cpu_inference;
  if (threads !== undefined && Number.isFinite(Number(threads))) rec.threads = Number(threads);
  if (r.summary) {
    const s = r.summary.kv;
    if (s.init !== undefined) rec.initMs = usToMs(s.init);
    if (s.first_inference !== undefined) rec.firstInferenceMs = usToMs(s.first_inference);
    if (s.warmup_avg !== undefined) rec.warmupMs = usToMs(s.warmup_avg);
  } else if (kv.first !== undefined && r.counts.length < 2) {
    rec.firstInferenceMs = opt('first');
  }
  if (r.memory) {
    const m = r.memory.peak ?? r.memory.overall;
    if (m !== undefined) rec.memoryMb = m;
    if (r.memory.init !== undefined) rec.memoryInitMb = r.memory.init;
  }
  if (Object.keys(r.flags).length) rec.flags = r.flags;
  if (r.delegated) rec.delegatedNodes = r.delegated;
  if (r.ops.length) rec.ops = r.ops;
  if (r.opTypes.length) rec.opTypes = r.opTypes;
  else if (r.ops.length) rec.opTypes = sumByType(r.ops);
  if (r.failed) rec.notes = [r.failed];
  return rec;
}

export function parseTfliteBenchmark(text: string, file: string): ParseResult {
  const lines = splitLines(text);
  const rawLines = text.split('\n');
  const runs: Run[] = [];
  const warnings: string[] = [];
  let run = newRun(1);
  let section: 'init' | 'regular' | undefined;
  let table: TableKind | undefined;
  const startRun = (no: number) => {
    if (hasTimings(run) || run.failed) {
      runs.push(run);
      run = newRun(no);
      section = undefined;
    } else if (run.startLine < no && !Object.keys(run.flags).length) run.startLine = no;
  };
  for (let i = 0; i < lines.length; i++) {
    const { no, text: t } = lines[i]!;
    if (/^\d\d-\d\d\s+\d\d:\d\d|^[VDIWEF][/ ]/.test(rawLines[i] ?? '') && rawLines[i] !== t) run.android = true;
    if (t.trim() === 'STARTING!') {
      startRun(no);
      continue;
    }
    if (/\bbenchmark_model\b/.test(t) && !/^Loaded model/.test(t) && /(^|\s|\/)benchmark_model(\s|\\|$)/.test(t)) {
      startRun(no);
      if (!hasTimings(run)) run = newRun(no); // a command line starts its run: drop flags of earlier commands
      if (/adb\s+shell|\/data\/local\/tmp/.test(t)) run.android = true;
    }
    for (const m of t.matchAll(CLI_FLAG)) run.flags[m[1]!] = m[2]!.replace(/^"|"$/g, '');
    const s = SUMMARY.exec(t);
    if (s) {
      run.summary = { line: no, kv: summaryValues(s[1]!, file, no) };
      continue;
    }
    if (COUNT_LINE.test(t.trim())) {
      run.counts.push({ line: no, kv: keyValues(t) });
      continue;
    }
    const timings = /^Timings \(microseconds\):\s*(.*)$/.exec(t.trim());
    if (timings) {
      if (section === 'regular') run.profiledTimings = { line: no, kv: keyValues(timings[1]!) };
      continue;
    }
    let m = /footprint[^:]*\(MB\):\s*init=(\S+)\s+overall=(\S+)/.exec(t);
    if (m) {
      run.memory = { ...run.memory, init: needNum(m[1], file, no, 'memory init'), overall: needNum(m[2], file, no, 'memory overall') };
      continue;
    }
    m = /^Overall peak memory footprint \(MB\) via periodic monitoring:\s*(\S+)/.exec(t);
    if (m) {
      run.memory = { ...run.memory, peak: needNum(m[1], file, no, 'peak memory') };
      continue;
    }
    m = /^Loaded model\s+(.+)$/.exec(t);
    if (m) {
      run.loadedModel = m[1]!.trim();
      continue;
    }
    m = /Replacing (\d+) out of (\d+) node\(s\) with delegate \((\w+)\)/.exec(t);
    if (m) {
      run.delegated = { delegated: Number(m[1]), total: Number(m[2]) };
      const d = m[3]!.toLowerCase();
      run.delegateLog = d.includes('xnnpack') ? 'xnnpack' : d.includes('gpu') ? 'gpu' : d.includes('nnapi') ? 'nnapi' : d.includes('coreml') ? 'coreml' : d;
      continue;
    }
    if (/^Benchmarking failed|^Failed to apply .* delegate/.test(t.trim())) {
      run.failed = run.failed ? `${run.failed}; ${t.trim()}` : t.trim();
      continue;
    }
    if (/Profiling Info for Benchmark Initialization/.test(t)) {
      section = 'init';
      continue;
    }
    if (/Profiling Info for Regular Benchmark Runs/.test(t)) {
      section = 'regular';
      continue;
    }
    const title = /^=+\s*(.+?)\s*=+$/.exec(t.trim());
    if (title) {
      table = tableKind(title[1]!);
      continue;
    }
    const cells = t.replace(/^\t/, '').split('\t').map((c) => c.trim());
    if (isHeader(cells) && table) {
      const { rows, next } = readRows(lines, i + 1, cells, /\t/);
      if (section === 'regular' || section === undefined) {
        // Run Order holds every op once per subgraph table; Top-by-time repeats a subset and is only checked.
        if (table === 'run-order') for (const r of rows) run.ops.push(rowToOp(r, file));
        else if (table === 'summary-by-type') for (const r of rows) run.opTypes.push(rowToOpType(r, file));
        else for (const r of rows) rowToOp(r, file);
      }
      i = next - 1;
      table = undefined;
      continue;
    }
    const f = FLAG_ECHO.exec(t.trim());
    if (f && !/^https?$/i.test(f[1]!)) run.flags[flagKey(f[1]!)] = f[2]!;
  }
  runs.push(run);
  const records: ParsedRecord[] = [];
  for (const r of runs) {
    const rec = toRecord(r, file, warnings);
    if (rec) records.push(rec);
  }
  if (!records.length) throw badLine(file, lines.length, 'benchmark_model output without any timing (no "Inference timings in us" or count= line)');
  return { records, warnings };
}

export const tfliteBenchmark: BenchImporter = {
  name: 'tflite-benchmark',
  description: 'TensorFlow Lite benchmark_model output (terminal or logcat), with --enable_op_profiling tables',
  match: (text) => /Inference timings in us:|Operator-wise Profiling Info|^\s*(\S+\s*:\s*)?STARTING!\s*$|\bbenchmark_model\b[^\n]*--graph=/m.test(text) || /^(\S.*?:\s)?count=\d+ first=\S+ curr=\S+ min=/m.test(text),
  parse: parseTfliteBenchmark,
};

