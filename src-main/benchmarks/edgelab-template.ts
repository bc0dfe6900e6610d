// EdgeLab's own template for figures from any other tool: one row per device × delegate × variant.
//
// CSV (first non-empty, non-# line is the header; column order free; required: device, delegate, model, mean_ms):
//   device,os,runtime,runtime_version,delegate,threads,model,model_sha256,variant,init_ms,first_inference_ms,
//   mean_ms,median_ms,p90_ms,std_ms,min_ms,max_ms,count,memory_mb
// JSON: { "schema": "edgelab.latency", "version": 1, "records": [ { "device", "delegate", "model",
//   "latencyMs": { "mean", "median"?, "p90"?, "std"?, "min"?, "max"?, "count"? }, "os"?, "runtime"?,
//   "runtimeVersion"?, "threads"?, "modelSha256"?, "variant"?, "initMs"?, "firstInferenceMs"?, "memoryMb"? } ] }
// All times ms, memory MB (2^20 bytes).
import { z } from 'zod';
import { badLine, needNum, splitLines } from './lines';
import { splitCsvLine } from './csv';
import type { BenchImporter, ParsedRecord, ParseResult } from './types';

export const TEMPLATE_SCHEMA = 'edgelab.latency';
export const TEMPLATE_COLUMNS = [
  'device', 'os', 'runtime', 'runtime_version', 'delegate', 'threads', 'model', 'model_sha256', 'variant',
  'init_ms', 'first_inference_ms', 'mean_ms', 'median_ms', 'p90_ms', 'std_ms', 'min_ms', 'max_ms', 'count', 'memory_mb',
] as const;
const REQUIRED = ['device', 'delegate', 'model', 'mean_ms'];

const pos = z.number().nonnegative();
const jsonRecord = z.object({
  device: z.string().min(1),
  delegate: z.string().min(1),
  model: z.string().min(1),
  latencyMs: z.object({ mean: pos, median: pos.optional(), p90: pos.optional(), std: pos.optional(), min: pos.optional(), max: pos.optional(), count: z.number().int().positive().optional() }),
  os: z.string().optional(),
  runtime: z.string().optional(),
  runtimeVersion: z.string().optional(),
  threads: z.number().int().positive().optional(),
  modelSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  variant: z.string().optional(),
  initMs: pos.optional(),
  firstInferenceMs: pos.optional(),
  memoryMb: pos.optional(),
});
const jsonDoc = z.object({ schema: z.literal(TEMPLATE_SCHEMA), version: z.literal(1), records: z.array(jsonRecord).min(1) });

/** Line of the n-th (0-based) `"device"` key in the JSON text, for messages. */
function recordLine(text: string, n: number): number {
  let idx = -1;
  for (let k = 0; k <= n; k++) {
    idx = text.indexOf('"device"', idx + 1);
    if (idx < 0) return 1;
  }
  return text.slice(0, idx).split('\n').length;
}

function parseJsonTemplate(text: string, file: string): ParseResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const m = /line (\d+)/.exec((e as Error).message);
    throw badLine(file, m ? Number(m[1]) : 1, `broken JSON (${(e as Error).message})`);
  }
  const r = jsonDoc.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const idx = issue.path[0] === 'records' && typeof issue.path[1] === 'number' ? issue.path[1] : -1;
    throw badLine(file, idx >= 0 ? recordLine(text, idx) : 1, `${issue.path.join('.')}: ${issue.message}`);
  }
  const records = r.data.records.map((x, i): ParsedRecord => {
    const { variant, ...rest } = x;
    return { ...rest, format: 'edgelab-template', ...(variant ? { variantId: variant } : {}), source: { file, line: recordLine(text, i) } };
  });
  return { records, warnings: [] };
}

function parseCsvTemplate(text: string, file: string): ParseResult {
  const lines = splitLines(text).filter((l) => l.text.trim() !== '' && !l.text.trim().startsWith('#'));
  const head = lines[0]!;
  const cols = splitCsvLine(head.text).map((c) => c.toLowerCase());
  for (const c of cols) if (!(TEMPLATE_COLUMNS as readonly string[]).includes(c)) throw badLine(file, head.no, `unknown column "${c}" (known: ${TEMPLATE_COLUMNS.join(', ')})`);
  for (const c of REQUIRED) if (!cols.includes(c)) throw badLine(file, head.no, `missing column "${c}"`);
  const records: ParsedRecord[] = [];
  for (const l of lines.slice(1)) {
    const cells = splitCsvLine(l.text);
    if (cells.length !== cols.length) throw badLine(file, l.no, `expected ${cols.length} cells, found ${cells.length}`);
    const v: Record<string, string> = {};
    cols.forEach((c, i) => (v[c] = cells[i]!));
    for (const c of ['device', 'delegate', 'model']) if (!v[c]) throw badLine(file, l.no, `empty ${c}`);
    // Every numeric column (ms, counts, threads, MB) is a non-negative quantity, as the JSON schema requires.
    const n = (c: string) => {
      if (!v[c]) return undefined;
      const x = needNum(v[c], file, l.no, c);
      if (x < 0) throw badLine(file, l.no, `${c} must not be negative (${x})`);
      return x;
    };
    const lat: ParsedRecord['latencyMs'] = { mean: n('mean_ms')! };
    const set = <K extends keyof ParsedRecord['latencyMs']>(k: K, c: string) => {
      const x = n(c);
      if (x !== undefined) lat[k] = x;
    };
    set('median', 'median_ms');
    set('p90', 'p90_ms');
    set('std', 'std_ms');
    set('min', 'min_ms');
    set('max', 'max_ms');
    set('count', 'count');
    const rec: ParsedRecord = { format: 'edgelab-template', device: v.device!, delegate: v.delegate!, model: v.model!, latencyMs: lat, source: { file, line: l.no } };
    if (v.os) rec.os = v.os;
    if (v.runtime) rec.runtime = v.runtime;
    if (v.runtime_version) rec.runtimeVersion = v.runtime_version;
    if (v.model_sha256) {
      if (!/^[0-9a-f]{64}$/.test(v.model_sha256)) throw badLine(file, l.no, 'model_sha256 is not 64 hex digits');
      rec.modelSha256 = v.model_sha256;
    }
    if (v.variant) rec.variantId = v.variant;
    const th = n('threads');
    if (th !== undefined) rec.threads = th;
    const init = n('init_ms');
    if (init !== undefined) rec.initMs = init;
    const first = n('first_inference_ms');
    if (first !== undefined) rec.firstInferenceMs = first;
    const mem = n('memory_mb');
    if (mem !== undefined) rec.memoryMb = mem;
    records.push(rec);
  }
  if (!records.length) throw badLine(file, head.no, 'template CSV has a header but no rows');
  return { records, warnings: [] };
}

export const edgelabTemplate: BenchImporter = {
  name: 'edgelab-template',
  description: `EdgeLab latency template (CSV with columns ${REQUIRED.join(', ')}…, or JSON with "schema": "${TEMPLATE_SCHEMA}")`,
  match: (text) => {
    if (/"schema"\s*:\s*"edgelab\.latency"/.test(text.slice(0, 2000))) return true;
    const first = text.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    if (!first) return false;
    const cols = first.toLowerCase().split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    return REQUIRED.every((c) => cols.includes(c));
  },
  parse: (text, file) => (/^\s*\{/.test(text) ? parseJsonTemplate(text, file) : parseCsvTemplate(text, file)),
};
