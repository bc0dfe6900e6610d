// Track node: every frame, a downscaled grayscale pyramid; live tracks propagated by optical flow; a delivered
// detector result associated with them (src-main/tracking). The frame's boxes become the visible tracks, with
// their ids. Pyramids of frames whose detection is still in flight are kept until delivery (at most one in
// flight, so memory stays bounded) so that late boxes are carried by flow to the delivery frame. A detection still
// running on another thread (DetectNode's overlapped mode) is awaited in prepare(), before the frame is tracked.
import type { Detection, TrackSummary, TrackerSettings } from '../../../src-shared/formats/run';
import { toGray } from '../../imaging/gray';
import { buildPyramid, type Pyramid } from '../../imaging/pyramid';
import { BoxTracker } from '../../tracking/tracker';
import type { CalculatorNode } from '../node';
import { settleDelivery, type FrameState } from '../frame';
import type { Packet } from '../packet';

export const DEFAULT_TRACKER: TrackerSettings = { iouMatch: 0.3, confirmHits: 2, maxAgeMs: 1000, smoothing: 0, flowMaxSide: 320 };

export class TrackNode implements CalculatorNode<FrameState, FrameState> {
  readonly name = 'track';
  private tracker: BoxTracker;
  private waiting = new Map<number, Pyramid>();
  private readonly summaries = new Map<number, TrackSummary>();
  /** Detector boxes delivered over the run. */
  delivered = 0;

  /**
   * `onTracked(index, boxes)`: told the visible box count after every frame, in frame order (the cadence node's
   * motion gate listens: "the tracker has lost every box").
   */
  constructor(
    private readonly settings: TrackerSettings = DEFAULT_TRACKER,
    private readonly onTracked?: (index: number, boxes: number) => void,
  ) {
    this.tracker = new BoxTracker(settings);
  }

  /** Every track seen so far, by id. */
  get tracks(): TrackSummary[] {
    return [...this.summaries.values()].sort((a, b) => a.id - b.id);
  }

  open(): void {}

  /** A detection started upstream without waiting (DetectNode's overlapped mode) is awaited here, before tracking. */
  prepare(p: Packet<FrameState>): Promise<void> | void {
    if (p.payload.delivering) return settleDelivery(p.payload);
  }

  process(p: Packet<FrameState>): Packet<FrameState>[] {
    const s = p.payload;
    const t0 = performance.now();
    const { rgb, width, height } = s.frame;
    // The decoder may have built this pyramid already (DecodeNode flowMaxSide; off the main thread in worker mode).
    const pre = s.frame.flow;
    const pyr = pre && pre.maxSide === this.settings.flowMaxSide ? pre.pyramid : buildPyramid(toGray(rgb, width, height, this.settings.flowMaxSide));
    if (s.runDetector && s.delivered?.fromFrame !== p.frameIndex) this.waiting.set(p.frameIndex, pyr);
    let source: Pyramid | undefined;
    if (s.delivered) {
      source = s.delivered.fromFrame === p.frameIndex ? pyr : this.waiting.get(s.delivered.fromFrame);
      this.waiting.delete(s.delivered.fromFrame);
      if (!source) throw new Error(`track: no pyramid kept for frame ${s.delivered.fromFrame}`);
      this.delivered += s.delivered.detections.length;
    }
    const out = this.tracker.step(p.timestampMs, pyr, s.delivered && { detections: s.delivered.detections, sourcePyramid: source! });
    s.tracks = out;
    s.detections = out.map(
      (t): Detection => ({ box: t.box, score: t.score, classId: t.classId, label: t.label, source: t.source, trackId: t.id, confirmed: t.confirmed }),
    );
    for (const t of out) {
      let sum = this.summaries.get(t.id);
      if (!sum) {
        sum = { id: t.id, classId: t.classId, label: t.label, firstFrame: p.frameIndex, lastFrame: p.frameIndex, confirmedFrame: null, hits: 0, frames: 0 };
        this.summaries.set(t.id, sum);
      }
      sum.lastFrame = p.frameIndex;
      sum.frames++;
      if (t.source === 'detected') sum.hits++;
      if (t.confirmed && sum.confirmedFrame === null) sum.confirmedFrame = p.frameIndex;
    }
    s.timings.trackMs = performance.now() - t0;
    this.onTracked?.(p.frameIndex, out.length);
    return [p];
  }

  close(): void {
    this.waiting.clear();
    this.tracker = new BoxTracker(this.settings);
  }
}
