// ONNX Runtime profiling JSON (SessionOptions.enableProfiling / perf_test -p): Chrome-trace events, durations
// in µs. "model_run" Session events give per-run latency (the first run is reported as first inference and
// left out of the statistics when there are more); "<node>_kernel_time" Node events give the per-op
// breakdown (mean µs per run → ms) with op type and execution provider.
import type { OpTiming } from '../../src-shared/types/latency';
import { badLine, usToMs } from './lines';
import { latencyStats } from './stats';
import { sumByType } from './tflite-op-tables';
import type { BenchImporter, ParsedRecord, ParseResult } from './types';

interface TraceEvent {
  cat?: string;
  name?: string;
  dur?: number;
  ts?: number;
  args?: { op_name?: string; provider?: string; [k: string]: unknown };
}

/** 1-based line of character offset `pos` in `text`. */
function lineAt(text: string, pos: number): number {
  let n = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const lc = /line (\d+) column \d+/.exec(msg);
    const pos = /position (\d+)/.exec(msg);
    const line = lc ? Number(lc[1]) : pos ? lineAt(text, Number(pos[1])) : lineAt(text, text.length);
    throw badLine(file, line, `broken profiling JSON (${msg})`);
  }
}

export function parseOrtProfile(text: string, file: string): ParseResult {
  const doc = parseJson(text, file);
  const events = (Array.isArray(doc) ? doc : (doc as { traceEvents?: unknown }).traceEvents) as TraceEvent[] | undefined;
  if (!Array.isArray(events)) throw badLine(file, 1, 'profiling JSON is neither an event array nor { traceEvents: [...] }');
  const warnings: string[] = [];
  const runs = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').map((e) => usToMs(e.dur ?? NaN));
  if (!runs.length || runs.some((r) => !Number.isFinite(r))) throw badLine(file, 1, 'profiling JSON has no model_run events with a duration');
  const session = (name: RegExp) => events.filter((e) => e.cat === 'Session' && name.test(e.name ?? '')).reduce((a, e) => a + (e.dur ?? 0), 0);
  const perNode = new Map<string, { type: string; provider?: string; us: number; calls: number }>();
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name?.endsWith('_kernel_time')) continue;
    const name = e.name.slice(0, -'_kernel_time'.length);
    const n = perNode.get(name) ?? { type: String(e.args?.op_name ?? ''), provider: e.args?.provider, us: 0, calls: 0 };
    n.us += e.dur ?? 0;
    n.calls++;
    perNode.set(name, n);
  }
  const total = [...perNode.values()].reduce((a, n) => a + n.us, 0);
  const ops: OpTiming[] = [...perNode.entries()].map(([name, n]) => ({
    name,
    type: n.type,
    avgMs: usToMs(n.us / runs.length),
    percent: total > 0 ? (100 * n.us) / total : 0,
    timesCalled: n.calls / runs.length,
    ...(n.provider ? { provider: n.provider } : {}),
  }));
  const providers = [...new Set(ops.map((o) => o.provider).filter((p): p is string => !!p))];
  const accel = providers.filter((p) => p !== 'CPUExecutionProvider');
  if (accel.length > 1) warnings.push(`${file}: several execution providers (${accel.join(', ')}); the record names the first`);
  const timed = runs.length > 1 ? runs.slice(1) : runs;
  const rec: ParsedRecord = {
    format: 'ort-profile',
    device: '',
    runtime: 'onnxruntime',
    delegate: accel[0] ?? providers[0] ?? 'CPUExecutionProvider',
    model: 'unknown',
    latencyMs: latencyStats(timed),
    firstInferenceMs: runs[0]!,
    source: { file, line: 1 },
  };
  const init = session(/^(model_loading_(uri|array)|session_initialization)$/);
  if (init > 0) rec.initMs = usToMs(init);
  if (ops.length) {
    rec.ops = ops;
    rec.opTypes = sumByType(ops);
  }
  warnings.push(`${file}: ORT profiles do not name the model; link with --variant`);
  return { records: [rec], warnings };
}

export const ortProfileJson: BenchImporter = {
  name: 'ort-profile',
  description: 'ONNX Runtime profiling JSON (Chrome-trace events with model_run / _kernel_time)',
  match: (text) => /^\s*[[{]/.test(text) && /"cat"\s*:\s*"(Session|Node)"/.test(text.slice(0, 20000)),
  parse: parseOrtProfile,
};
