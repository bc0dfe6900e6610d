// Smoothing: exponential moving average of each track's box corners over the frames it is drawn on.
// Boxes without a track id are not smoothed (there is no identity to average over).
import type { Box, Detection } from '../formats/run';

/**
 * Walks frames in order; for a tracked box, corners become s·previous + (1−s)·current, where `s` ∈ [0,1)
 * is the smoothing (0 = raw boxes). A track absent from a frame keeps its state, and is restarted when
 * it comes back after more than `resetAfterFrames` frames.
 */
export function smoothTracks<D extends Detection>(frames: readonly (readonly D[])[], s: number, resetAfterFrames = 30): D[][] {
  if (!(s > 0)) return frames.map((f) => [...f]);
  const state = new Map<number, { box: Box; frame: number }>();
  return frames.map((dets, fi) =>
    dets.map((d) => {
      if (d.trackId === undefined) return d;
      const prev = state.get(d.trackId);
      const box: Box =
        prev && fi - prev.frame <= resetAfterFrames
          ? [0, 1, 2, 3].map((k) => s * prev.box[k]! + (1 - s) * d.box[k]!) as Box
          : [...d.box];
      state.set(d.trackId, { box, frame: fi });
      return { ...d, box };
    }),
  );
}
