// Display formatting and overlay geometry for the renderer (pure: no DOM, no Node).
import type { Box, Detection } from '../../src-shared/formats/run';
import type { Progress } from '../../src-shared/protocol';

/** Bytes → "1.2 MB" (base 1000); "–" when unknown. */
export function formatBytes(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  return `${(n / 1e6).toFixed(1)} MB`;
}

/** Progress → percent 0..100 (integer), from `fraction`, else done/total; null when unknown. */
export function progressPercent(p: Progress | null): number | null {
  if (!p) return null;
  const f = p.fraction ?? (p.total ? (p.done ?? 0) / p.total : undefined);
  if (f === undefined || !Number.isFinite(f)) return null;
  return Math.round(Math.min(1, Math.max(0, f)) * 100);
}

/** One line for a progress message, e.g. "replay: 4/10 frames". */
export function progressText(p: Progress | null): string {
  if (!p) return '';
  const count = p.total ? ` ${p.done ?? 0}/${p.total}${p.unit ? ` ${p.unit}` : ''}` : '';
  return `${p.stage}${count}${p.message ? ` — ${p.message}` : ''}`;
}

/** A detection's rectangle in pixels of a width×height image. */
export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function boxToPixels(b: Box, width: number, height: number): PixelRect {
  const x1 = Math.min(b[0], b[2]) * width;
  const y1 = Math.min(b[1], b[3]) * height;
  return { x: x1, y: y1, width: Math.abs(b[2] - b[0]) * width, height: Math.abs(b[3] - b[1]) * height };
}

/** "person 0.87" or "face 0.91 #3" (track id when the tracker assigned one). */
export function detectionLabel(d: Detection): string {
  return `${d.label} ${d.score.toFixed(2)}${d.trackId !== undefined ? ` #${d.trackId}` : ''}`;
}

/** The user-facing words for anything an API call threw. */
export function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) {
    const code = 'code' in e && typeof (e as { code: unknown }).code === 'string' ? `${(e as { code: string }).code}: ` : '';
    const msg = String((e as { message: unknown }).message);
    return code && !msg.startsWith(code) ? `${code}${msg}` : msg;
  }
  return String(e);
}

export function isCancelled(e: unknown): boolean {
  return !!e && typeof e === 'object' && 'code' in e && (e as { code: unknown }).code === 'CANCELLED';
}
