// The CSV that TFLite benchmark_model writes with --profiling_output_csv_file (needs --enable_op_profiling):
// the same tables as the console profile, comma-separated ("node type,first,avg_ms,%,cdf%,mem KB,times
// called,name"). Some versions leave commas of XNNPACK node types unquoted ("Convolution (NHWC, F32) IGEMM");
// tflite-op-tables.splitRow puts them back. The file names neither model nor device.
import type { OpTiming, OpTypeTiming } from '../../src-shared/types/latency';
import { badLine, keyValues, needNum, splitLines, usToMs } from './lines';
import { splitCsvLine } from './csv';
import { columnKey, isHeader, rowToOp, rowToOpType, splitRow, sumByType, tableKind, type TableKind } from './tflite-op-tables';
import type { BenchImporter, ParsedRecord, ParseResult } from './types';

function delegateFromOps(ops: OpTiming[]): string {
  const types = ops.map((o) => o.type.toLowerCase());
  if (types.some((t) => t.includes('xnnpack')) || ops.some((o) => o.name.startsWith('Delegate/') && /\(N[HC]/.test(o.type))) return 'xnnpack';
  if (types.some((t) => t.includes('gpudelegate'))) return 'gpu';
  if (types.some((t) => t.includes('nnapidelegate'))) return 'nnapi';
  if (types.some((t) => t.includes('coreml'))) return 'coreml';
  return 'cpu';
}

export function parseTfliteProfileCsv(text: string, file: string): ParseResult {
  const lines = splitLines(text);
  const warnings: string[] = [];
  const ops: OpTiming[] = [];
  const types: OpTypeTiming[] = [];
  let section: 'init' | 'regular' | undefined;
  let table: TableKind | undefined;
  let timings: { line: number; kv: Record<string, string> } | undefined;
  let firstHeaderLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.text.trim();
    if (!t) continue;
    if (/Profiling Info for Benchmark Initialization/i.test(t)) {
      section = 'init';
      continue;
    }
    if (/Profiling Info for Regular Benchmark Runs/i.test(t)) {
      section = 'regular';
      continue;
    }
    const tm = /^Timings \(microseconds\):\s*(.*)$/.exec(t);
    if (tm) {
      if (section !== 'init') timings = { line: lines[i]!.no, kv: keyValues(tm[1]!) };
      continue;
    }
    const header = splitCsvLine(t);
    if (isHeader(header)) {
      firstHeaderLine ||= lines[i]!.no;
      const keys = header.map(columnKey);
      const kind = table ?? (keys.includes('name') ? 'run-order' : 'summary-by-type');
      let j = i + 1;
      for (; j < lines.length; j++) {
        const row = lines[j]!.text.trim();
        if (!row || /^=+/.test(row)) break;
        const raw = splitCsvLine(row);
        if (raw.length < 2 || isHeader(raw)) break;
        const cells = splitRow(raw, header);
        if (cells.length !== header.length) throw badLine(file, lines[j]!.no, `expected ${header.length} columns, found ${cells.length}`);
        const rec: Record<string, string> = {};
        keys.forEach((k, n) => (rec[k] = cells[n] ?? ''));
        const r = { no: lines[j]!.no, cells: rec };
        if (section === 'init') continue;
        if (kind === 'run-order') ops.push(rowToOp(r, file));
        else if (kind === 'summary-by-type') types.push(rowToOpType(r, file));
        else rowToOp(r, file);
      }
      i = j - 1;
      table = undefined;
      continue;
    }
    const title = /^=*\s*([A-Za-z][A-Za-z ]+?)\s*=*$/.exec(t);
    if (title && tableKind(title[1]!)) table = tableKind(title[1]!);
  }
  if (!ops.length && !types.length) throw badLine(file, firstHeaderLine || 1, 'profiling CSV without op rows');
  let latency: ParsedRecord['latencyMs'];
  if (timings) {
    const kv = timings.kv;
    const n = (k: string) => usToMs(needNum(kv[k], file, timings!.line, k));
    latency = { mean: n('avg'), ...(kv.count ? { count: Number(kv.count) } : {}), ...(kv.min ? { min: n('min') } : {}), ...(kv.max ? { max: n('max') } : {}), ...(kv.std ? { std: n('std') } : {}) };
  } else {
    const sum = (ops.length ? ops : types).reduce((a, o) => a + o.avgMs, 0);
    latency = { mean: sum };
    warnings.push(`${file}: no "Timings (microseconds)" line; latency is the sum of the per-op averages`);
  }
  const rec: ParsedRecord = {
    format: 'tflite-profile-csv',
    device: '',
    runtime: 'tflite',
    delegate: delegateFromOps(ops),
    model: 'unknown',
    latencyMs: latency,
    source: { file, line: timings?.line ?? firstHeaderLine },
  };
  if (ops.length) rec.ops = ops;
  rec.opTypes = types.length ? types : sumByType(ops);
  warnings.push(`${file}: profiling CSVs do not name the model; link with --variant`);
  return { records: [rec], warnings };
}

export const tfliteProfileCsv: BenchImporter = {
  name: 'tflite-profile-csv',
  description: 'TensorFlow Lite benchmark_model --profiling_output_csv_file CSV',
  match: (text) => /^\s*"?node type"?\s*,\s*(start\s*,\s*)?first\s*,\s*avg[ _]ms/im.test(text),
  parse: parseTfliteProfileCsv,
};
