// Text helpers shared by the importers: line splitting that strips what log collectors prepend, number
// parsing that accepts what C++ iostreams print (2.95034e+06), and line-numbered errors.
import { EdgeLabError } from '../../src-shared/protocol';

export interface Line {
  /** 1-based line number in the file. */
  no: number;
  /** Content with any logcat / "INFO:" prefix removed, right-trimmed. */
  text: string;
}

// Android logcat formats: threadtime "07-14 13:14:52.097 22838 22838 I tflite  : …", brief "I/tflite  ( 1234): …",
// and tag-only "I tflite  : …". TFLite's own log prefix "INFO: " / "WARNING: " is dropped too.
const LOGCAT_THREADTIME = /^\d\d-\d\d\s+\d\d:\d\d:\d\d\.\d+\s+\d+\s+\d+\s+[VDIWEF]\s+[^:]*?\s*:\s?/;
const LOGCAT_BRIEF = /^[VDIWEF]\/[^(:]+\(\s*\d+\):\s?/;
const LOGCAT_TAG = /^[VDIWEF]\s+[A-Za-z][\w.-]*\s*:\s/;
const TOOL_LEVEL = /^(INFO|WARNING|ERROR|VERBOSE):\s/;

export function stripPrefix(raw: string): string {
  let s = raw.replace(/\r$/, '');
  s = s.replace(LOGCAT_THREADTIME, '').replace(LOGCAT_BRIEF, '').replace(LOGCAT_TAG, '');
  return s.replace(TOOL_LEVEL, '').replace(/\s+$/, '');
}

export function splitLines(text: string): Line[] {
  return text.split('\n').map((raw, i) => ({ no: i + 1, text: stripPrefix(raw) }));
}

/** Parses a number as printed by the tools ("2.95034e+06", "11.4405%", " 0.5 "); NaN when it is not one. */
export function num(s: string | undefined): number {
  if (s === undefined) return NaN;
  const t = s.trim().replace(/%$/, '');
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return NaN;
  return Number(t);
}

/** A number or a BAD_INPUT error naming the file, line and field. */
export function needNum(s: string | undefined, file: string, line: number, what: string): number {
  const n = num(s);
  if (!Number.isFinite(n)) throw badLine(file, line, `${what} is not a number (${JSON.stringify(s ?? '')})`);
  return n;
}

export function badLine(file: string, line: number, problem: string): EdgeLabError {
  return new EdgeLabError('BAD_INPUT', `line ${line}: ${problem}`, file);
}

/** `key=value` pairs of a line such as "count=50 first=249042 … std=1442". */
export function keyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([A-Za-z_][\w]*)=([^\s,]+)/g)) out[m[1]!] = m[2]!;
  return out;
}

export const usToMs = (us: number): number => us / 1000;
export const bytesToMb = (b: number): number => b / (1024 * 1024);

/** The last path component of a file name as a tool printed it (either slash). */
export function baseName(p: string): string {
  const parts = p.trim().split(/[\\/]/);
  return parts[parts.length - 1] ?? p;
}
