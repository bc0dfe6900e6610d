// Detections of one detector on one clip, frame by frame, kept from one replay for the next ones (the cadence sweep).
// Why this is exact: with the clip, the model file, the detector settings (score/IoU thresholds, max detections) and
// the runtime threads fixed, the detector's boxes on frame k do not depend on the cadence — only which frames it runs
// on, when a result is delivered (the clock) and what the tracker makes of it do. So a sweep runs the detector once
// per frame in its every-frame reference replay ('record') and every other cadence takes frame k's boxes from here
// ('reuse') instead of running the model again; their timings are the ones measured when recorded. A frame missing
// from the memo is detected for real. The memo refuses a replay whose key (model, clip, settings) differs.
import type { Detection } from '../../src-shared/formats/run';
import { EdgeLabError } from '../../src-shared/protocol';

export interface MemoEntry {
  /** Boxes in normalised frame coordinates, as detect produced them (before tracking). */
  detections: Detection[];
  inferenceMs: number;
  postprocessMs: number;
}

export interface MemoUse {
  memo: DetectionMemo;
  mode: 'record' | 'reuse';
}

export class DetectionMemo {
  private readonly frames = new Map<number, MemoEntry>();
  /** Frames taken from the memo instead of running the model, over every replay that reused it. */
  reused = 0;
  /** What decides the boxes (model sha256, clip sha256, detector settings, threads) as one string: bound by the first replay. */
  private key: string | undefined;

  /** Binds the memo to the first replay's key; throws when a later replay's key differs. */
  check(key: string): void {
    this.key ??= key;
    if (key !== this.key) throw new EdgeLabError('INTERNAL', `detection memo made for ${this.key} used by a replay of ${key}`);
  }

  has(frame: number): boolean {
    return this.frames.has(frame);
  }

  /** A copy of frame `frame`'s entry (the tracker may annotate boxes), or undefined. */
  get(frame: number): MemoEntry | undefined {
    const e = this.frames.get(frame);
    if (!e) return undefined;
    this.reused++;
    return { ...e, detections: e.detections.map((d) => ({ ...d, box: [...d.box] as Detection['box'] })) };
  }

  set(frame: number, e: MemoEntry): void {
    this.frames.set(frame, { ...e, detections: e.detections.map((d) => ({ ...d, box: [...d.box] as Detection['box'] })) });
  }

  get size(): number {
    return this.frames.size;
  }
}
