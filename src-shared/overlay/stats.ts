// The numbers an overlay setting changes, over a whole run as the app would draw it (buildOverlay's frames): boxes
// shown per frame, held (persisted) boxes per frame, flicker per minute of clip (a track's box disappearing and
// coming back within FLICKER_GAP_MS — what a user sees as blinking), and how long the "nothing detected" guide is
// on screen. Pure; the overlay designer shows them for two settings side by side.
import type { OverlayFrame } from './types';

/** A box gone for at most this long before its track shows again counts as one flicker, ms. */
export const FLICKER_GAP_MS = 500;

export interface OverlayStats {
  frames: number;
  /** Run length, ms (first to last frame plus one frame step). */
  durationMs: number;
  boxesPerFrame: number;
  heldPerFrame: number;
  flickers: number;
  /** flickers per minute of clip; null for runs shorter than 10 s (a count, not extrapolated). */
  flickerPerMin: number | null;
  guideShownMs: number;
}

export function overlayStats(frames: readonly OverlayFrame[]): OverlayStats {
  const n = frames.length;
  const step = n > 1 ? (frames[n - 1]!.ptsMs - frames[0]!.ptsMs) / (n - 1) : 0;
  const durationMs = n ? frames[n - 1]!.ptsMs - frames[0]!.ptsMs + step : 0;
  let boxes = 0;
  let held = 0;
  let guideShownMs = 0;
  let flickers = 0;
  /** Track id → pts of the last frame it was shown on, and whether it is shown on the previous frame. */
  const lastShown = new Map<number, number>();
  let prevIds = new Set<number>();
  frames.forEach((f, i) => {
    boxes += f.boxes.length;
    held += f.boxes.filter((b) => b.held).length;
    const next = i + 1 < n ? frames[i + 1]!.ptsMs : f.ptsMs + step;
    if (f.guide) guideShownMs += next - f.ptsMs;
    const ids = new Set<number>();
    for (const b of f.boxes) {
      if (b.trackId === undefined) continue;
      ids.add(b.trackId);
      const last = lastShown.get(b.trackId);
      if (last !== undefined && !prevIds.has(b.trackId) && f.ptsMs - last <= FLICKER_GAP_MS + step) flickers++;
      lastShown.set(b.trackId, f.ptsMs);
    }
    prevIds = ids;
  });
  return {
    frames: n,
    durationMs,
    boxesPerFrame: n ? boxes / n : 0,
    heldPerFrame: n ? held / n : 0,
    flickers,
    flickerPerMin: durationMs >= 10_000 ? flickers / (durationMs / 60_000) : null,
    guideShownMs,
  };
}
