// The overlay as the app would draw it: device delay → minimum score → smoothing → persistence → guide → labels,
// computed for a whole run at once (a few hundred frames × tens of boxes: well under a millisecond per frame),
// so that any frame can then be shown without replaying the history before it.
import type { OverlaySettings } from '../types/settings';
import { deliveredSource } from './device-delay';
import { guideFrames } from './guide';
import { renderLabel } from './label-template';
import { persistBoxes } from './persistence';
import { filterByScore } from './score-filter';
import { smoothTracks } from './smoothing';
import type { OverlayFrame, OverlayInputFrame } from './types';

export interface OverlayOptions {
  /** Simulated device detector latency, ms (0 or undefined = none). */
  latencyMs?: number;
}

export function buildOverlay(frames: readonly OverlayInputFrame[], settings: OverlaySettings, opts: OverlayOptions = {}): OverlayFrame[] {
  const pts = frames.map((f) => f.ptsMs);
  const source = deliveredSource(pts, opts.latencyMs ?? 0);
  const delivered = source.map((j) => (j === null ? [] : frames[j]!.detections));
  const kept = delivered.map((d) => filterByScore(d, settings.minScore));
  const smooth = smoothTracks(kept, settings.smoothing);
  const held = persistBoxes(smooth, pts, settings.persistMs);
  const guide = guideFrames(pts, held.map((h) => h.length > 0), settings.guideAfterMs);
  return frames.map((f, i) => ({
    index: f.index,
    ptsMs: f.ptsMs,
    sourceFrame: source[i] === null ? null : frames[source[i]!]!.index,
    guide: guide[i]!,
    boxes: held[i]!.map((h) => ({ ...h.detection, held: h.held, text: renderLabel(settings.labelTemplate, h.detection) })),
  }));
}
