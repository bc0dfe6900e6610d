// The guide ("Hold the item up to the camera"): shown once nothing has been on screen for guideAfterMs.
// Time starts at the clip start, so a clip that opens empty shows the guide after guideAfterMs too.

/** For each frame (ptsMs non-decreasing, hasBox = at least one box drawn), whether the guide is shown. */
export function guideFrames(ptsMs: readonly number[], hasBox: readonly boolean[], guideAfterMs: number): boolean[] {
  let lastSeen = ptsMs.length ? Math.min(0, ptsMs[0]!) : 0;
  return ptsMs.map((t, i) => {
    if (hasBox[i]) {
      lastSeen = t;
      return false;
    }
    return t - lastSeen >= guideAfterMs;
  });
}
