// Motion-gated detection (replay --detect-on motion): when the detector should look again, decided per frame from
// three signals, as a phone app gates its detector on the accelerometer:
//   motion   — the net global camera displacement since the last detection start (tracking/global-motion.ts; a
//              vector sum, so shake that returns where it was cancels) reached `threshold` × the frame's long side:
//              that much of the view is new since the detector last looked;
//   lost     — the tracker had boxes since the last start and now shows none;
//   interval — `maxIntervalMs` of clip time passed since the last start (objects moving in front of a still camera
//              are carried by the tracker in between and re-detected here).
// The first frame always wants a detection. A trigger stays armed until a start (the detector may be busy with a
// simulated device latency). Pure logic on clip times; the cadence node (nodes/cadence.ts) owns it.

export interface MotionGateOptions {
  /** Net global displacement since the last start that triggers a detection, fraction of the frame's long side (>0). */
  threshold: number;
  /** Longest clip time between two detection starts, ms (>0). */
  maxIntervalMs: number;
}

/** The defaults of `replay --detect-on motion` (see docs/pipeline.md, "Motion-gated detection"). */
export const DEFAULT_MOTION_GATE: MotionGateOptions = { threshold: 0.05, maxIntervalMs: 200 };

export type MotionTrigger = 'first' | 'motion' | 'lost' | 'interval';

export class MotionGate {
  private ax = 0;
  private ay = 0;
  private lastStartMs: number | null = null;
  private hadBoxes = false;
  private lost = false;

  constructor(private readonly opts: MotionGateOptions) {}

  /** Adds the global motion of one frame step (fractions of the long side). */
  observe(dx: number, dy: number): void {
    this.ax += dx;
    this.ay += dy;
  }

  /** The tracker's visible box count after a frame. */
  tracked(boxes: number): void {
    if (boxes > 0) this.hadBoxes = true;
    else if (this.hadBoxes) {
      this.hadBoxes = false;
      this.lost = true;
    }
  }

  /** Why a detection is wanted at clip time `ptsMs`, or null. */
  wants(ptsMs: number): MotionTrigger | null {
    if (this.lastStartMs === null) return 'first';
    if (Math.hypot(this.ax, this.ay) >= this.opts.threshold) return 'motion';
    if (this.lost) return 'lost';
    if (ptsMs - this.lastStartMs >= this.opts.maxIntervalMs - 1e-6) return 'interval';
    return null;
  }

  /** A detection started at `ptsMs`: motion and loss are measured afresh from here. */
  started(ptsMs: number): void {
    this.ax = 0;
    this.ay = 0;
    this.lost = false;
    this.lastStartMs = ptsMs;
  }
}
