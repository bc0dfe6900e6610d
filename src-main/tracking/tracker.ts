// Box tracker (MediaPipe BoxTracking-like): every frame, live tracks are moved by sparse optical flow; when a
// detector result is delivered, detections are matched to tracks (same class, IoU ≥ iouMatch, Hungarian on
// 1 − IoU) so that ids stay stable. Life cycle: a track is tentative until `confirmHits` detector hits;
// a tentative track that a detector pass misses is dropped; a confirmed track is kept (propagated) until
// `maxAgeMs` of clip time after its last hit. Boxes are normalised x1,y1,x2,y2 of the frame.
import type { Box } from '../../src-shared/formats/run';
import { area, clampBox, iou } from '../../src-shared/geometry/box';
import { hungarian } from './hungarian';
import { propagateBox, type PropagateOptions } from './propagate';
import type { Pyramid } from '../imaging/pyramid';

export interface TrackerOptions {
  /** Minimum IoU for a detection to continue a track. Default 0.3. */
  iouMatch?: number;
  /** Detector hits before a track is confirmed (≥1). Default 2. */
  confirmHits?: number;
  /** Clip milliseconds a confirmed track survives without a hit. Default 1000. */
  maxAgeMs?: number;
  /** Box smoothing on a hit: box = (1−s)·detection + s·propagated, s in [0,1). Default 0 (none). */
  smoothing?: number;
  flow?: PropagateOptions;
}

export interface TrackerDetection {
  box: Box;
  score: number;
  classId: number;
  label: string;
}

/** A delivered detector result: boxes found on the frame whose pyramid is `sourcePyramid`. */
export interface DeliveredDetections {
  detections: TrackerDetection[];
  /** Pyramid of the frame the detector saw; when it is not the current frame, boxes are first carried to it by flow. */
  sourcePyramid: Pyramid;
}

export type TrackEvent = 'confirmed' | 'redetected';

export interface TrackState {
  id: number;
  box: Box;
  score: number;
  classId: number;
  label: string;
  confirmed: boolean;
  hits: number;
  /** Clip ms of the last detector hit. */
  lastHitMs: number;
  /** A detector pass missed this track since its last hit. */
  missed: boolean;
}

export interface TrackOutput {
  id: number;
  box: Box;
  score: number;
  classId: number;
  label: string;
  /** 'detected' when a detection was matched to the track on this frame. */
  source: 'detected' | 'propagated';
  confirmed: boolean;
  /** Set on the frame a track becomes confirmed, or is detected again after a missed detector pass. */
  event?: TrackEvent;
}

const FORBIDDEN = 1e6;

export class BoxTracker {
  private tracks: TrackState[] = [];
  private prev: Pyramid | null = null;
  private nextId = 1;
  private readonly iouMatch: number;
  private readonly confirmHits: number;
  private readonly maxAgeMs: number;
  private readonly smoothing: number;

  constructor(private readonly opts: TrackerOptions = {}) {
    this.iouMatch = opts.iouMatch ?? 0.3;
    this.confirmHits = Math.max(1, Math.round(opts.confirmHits ?? 2));
    this.maxAgeMs = opts.maxAgeMs ?? 1000;
    this.smoothing = Math.min(0.99, Math.max(0, opts.smoothing ?? 0));
  }

  /** Tracks created so far (ids are 1..createdCount). */
  get createdCount(): number {
    return this.nextId - 1;
  }

  /** One frame, in clip order: propagate, then (if delivered) associate; returns the visible tracks. */
  step(ptsMs: number, pyramid: Pyramid, delivered?: DeliveredDetections): TrackOutput[] {
    if (this.prev) {
      for (const t of this.tracks) t.box = propagateBox(t.box, this.prev, pyramid, this.opts.flow).box;
    }
    this.prev = pyramid;
    const events = new Map<number, TrackEvent>();
    const hit = new Set<number>();
    if (delivered) {
      const dets = delivered.detections.map((d) => ({
        ...d,
        box: delivered.sourcePyramid === pyramid ? d.box : propagateBox(d.box, delivered.sourcePyramid, pyramid, this.opts.flow).box,
      }));
      const cost = this.tracks.map((t) =>
        dets.map((d) => {
          if (d.classId !== t.classId) return FORBIDDEN;
          const o = iou(t.box, d.box);
          return o >= this.iouMatch ? 1 - o : FORBIDDEN;
        }),
      );
      const assign = this.tracks.length && dets.length ? hungarian(cost) : this.tracks.map(() => -1);
      const usedDet = new Set<number>();
      const survivors: TrackState[] = [];
      this.tracks.forEach((t, i) => {
        const j = assign[i];
        if (j >= 0 && cost[i][j] < FORBIDDEN) {
          const d = dets[j];
          usedDet.add(j);
          const s = this.smoothing;
          t.box = s > 0 ? (t.box.map((v, k) => s * v + (1 - s) * d.box[k]) as Box) : d.box;
          t.score = d.score;
          t.label = d.label;
          t.hits++;
          t.lastHitMs = ptsMs;
          hit.add(t.id);
          if (!t.confirmed && t.hits >= this.confirmHits) {
            t.confirmed = true;
            events.set(t.id, 'confirmed');
          } else if (t.confirmed && t.missed) events.set(t.id, 'redetected');
          t.missed = false;
          survivors.push(t);
        } else if (t.confirmed) {
          t.missed = true;
          survivors.push(t);
        } // a tentative track missed by a detector pass is dropped
      });
      this.tracks = survivors;
      dets.forEach((d, j) => {
        if (usedDet.has(j)) return;
        const t: TrackState = { id: this.nextId++, box: d.box, score: d.score, classId: d.classId, label: d.label, confirmed: false, hits: 1, lastHitMs: ptsMs, missed: false };
        if (this.confirmHits <= 1) {
          t.confirmed = true;
          events.set(t.id, 'confirmed');
        }
        hit.add(t.id);
        this.tracks.push(t);
      });
    }
    // Expire old tracks and those that left the frame.
    this.tracks = this.tracks.filter((t) => ptsMs - t.lastHitMs <= this.maxAgeMs && area(clampBox(t.box)) > 0);
    return this.tracks.map((t) => ({
      id: t.id,
      box: clampBox(t.box),
      score: t.score,
      classId: t.classId,
      label: t.label,
      source: hit.has(t.id) ? 'detected' : 'propagated',
      confirmed: t.confirmed,
      ...(events.has(t.id) ? { event: events.get(t.id) } : {}),
    }));
  }

  reset(): void {
    this.tracks = [];
    this.prev = null;
  }
}
