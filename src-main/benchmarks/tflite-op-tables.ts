// TFLite profiling tables ("Run Order", "Top by Computation Time", "Summary by node type"), as printed by
// benchmark_model --enable_op_profiling (tab-separated, bracketed headers) or written by
// --profiling_output_csv_file (comma-separated). Columns are found by header name, so versions with or
// without [start] / [mem KB] columns read alike. Times are ms as printed; memory KB.
import type { OpTiming, OpTypeTiming } from '../../src-shared/types/latency';
import { badLine, needNum, num, type Line } from './lines';

export type TableKind = 'run-order' | 'top-by-time' | 'summary-by-type' | 'other';

/** Header cell → canonical key: "[avg ms]" / "avg_ms" → "avgms", "[times called]" → "timescalled". */
export function columnKey(cell: string): string {
  return cell.trim().replace(/^\[|\]$/g, '').toLowerCase().replace(/[\s_]+/g, '');
}

export function tableKind(title: string): TableKind | undefined {
  const t = title.toLowerCase();
  if (t.includes('run order')) return 'run-order';
  if (t.includes('top by computation time')) return 'top-by-time';
  if (t.includes('summary by node type')) return 'summary-by-type';
  if (t.includes('top by memory')) return 'other';
  return undefined;
}

/** True for a header row: its first cell names the node type column. */
export function isHeader(cells: string[]): boolean {
  return columnKey(cells[0] ?? '') === 'nodetype';
}

/**
 * Splits a table row into exactly `n` cells. Tools print op names and XNNPACK node types that may contain
 * the separator ("Convolution (NHWC, F32) IGEMM" in CSV, "(NHWC\t F32)" in names): surplus cells at the
 * front belong to the node type, surplus cells at the end to the name (the last column).
 */
export function splitRow(cells: string[], header: string[]): string[] {
  const n = header.length;
  if (cells.length <= n) return cells;
  const nameLast = columnKey(header[n - 1] ?? '') === 'name';
  const extra = cells.length - n;
  // The node type swallows surplus cells while the next cell is not numeric (a CSV comma inside the type).
  let front = 0;
  while (front < extra && !Number.isFinite(num(cells[front + 1]))) front++;
  const typeCell = cells.slice(0, front + 1).map((c) => c.trim()).join(', ');
  const rest = cells.slice(front + 1);
  if (!nameLast || rest.length <= n - 1) return [typeCell, ...rest];
  const keep = rest.slice(0, n - 2);
  return [typeCell, ...keep, rest.slice(n - 2).join('\t').trim()];
}

/** A table row read against its header; `cells` indexed by canonical key. */
export interface TableRow {
  no: number;
  cells: Record<string, string>;
}

/** Reads rows after a header until a blank line, a '=====' title or a non-row line. */
export function readRows(lines: Line[], start: number, header: string[], sep: RegExp): { rows: TableRow[]; next: number } {
  const keys = header.map(columnKey);
  const rows: TableRow[] = [];
  let i = start;
  for (; i < lines.length; i++) {
    const t = lines[i]!.text;
    if (t.trim() === '' || /^=+/.test(t.trim())) break;
    const raw = t.replace(/^\t/, '').split(sep).map((c) => c.trim());
    const cells = splitRow(raw, header);
    if (cells.length < keys.length || isHeader(cells)) break;
    const rec: Record<string, string> = {};
    keys.forEach((k, j) => (rec[k] = cells[j] ?? ''));
    rows.push({ no: lines[i]!.no, cells: rec });
  }
  return { rows, next: i };
}

export function rowToOp(r: TableRow, file: string): OpTiming {
  const c = r.cells;
  const name = (c.name ?? '').trim();
  if (!name) throw badLine(file, r.no, 'profiling row has no op name');
  const op: OpTiming = { name, type: c.nodetype ?? '', avgMs: needNum(c.avgms, file, r.no, 'avg ms') };
  const opt = (k: string): number | undefined => (c[k] === undefined ? undefined : needNum(c[k], file, r.no, k));
  const first = opt('first');
  const pct = opt('%');
  const cdf = opt('cdf%');
  const mem = opt('memkb');
  const called = opt('timescalled');
  if (first !== undefined) op.firstMs = first;
  if (pct !== undefined) op.percent = pct;
  if (cdf !== undefined) op.cdfPercent = cdf;
  if (mem !== undefined) op.memKb = mem;
  if (called !== undefined) op.timesCalled = called;
  return op;
}

export function rowToOpType(r: TableRow, file: string): OpTypeTiming {
  const c = r.cells;
  const t: OpTypeTiming = { type: c.nodetype ?? '', avgMs: needNum(c.avgms, file, r.no, 'avg ms') };
  if (c.count !== undefined) t.count = needNum(c.count, file, r.no, 'count');
  const pct = c['avg%'] ?? c['%'];
  if (pct !== undefined) t.percent = needNum(pct, file, r.no, 'avg %');
  if (c.timescalled !== undefined) t.timesCalled = needNum(c.timescalled, file, r.no, 'times called');
  return t;
}

/** Per-type totals from per-op rows (used when a tool printed no summary). */
export function sumByType(ops: OpTiming[]): OpTypeTiming[] {
  const m = new Map<string, OpTypeTiming>();
  const total = ops.reduce((a, o) => a + o.avgMs, 0);
  for (const o of ops) {
    const t = m.get(o.type) ?? { type: o.type, count: 0, avgMs: 0, timesCalled: 0 };
    t.count = (t.count ?? 0) + 1;
    t.avgMs += o.avgMs;
    t.timesCalled = (t.timesCalled ?? 0) + (o.timesCalled ?? 1);
    m.set(o.type, t);
  }
  return [...m.values()]
    .map((t) => ({ ...t, percent: total > 0 ? (100 * t.avgMs) / total : undefined }))
    .sort((a, b) => b.avgMs - a.avgMs);
}
