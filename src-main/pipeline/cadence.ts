// Detector cadence on the clip's clock. One detector, at most one detection in flight: a detection started on
// the frame at time t is delivered on the first frame whose time is ≥ t + latency; the detector is busy in
// between (no other start), and free again on the delivery frame (a new start may happen on that frame).
//   every N   — start on frames whose index is a multiple of N, when the detector is free;
//   realtime  — start whenever the detector is free (as on a phone);
//   motion    — start when the motion gate (motion-gate.ts) triggers and the detector is free.
// Latency 0 (the default without a simulated device) delivers on the start frame itself.
// Pure logic, no clocks: callers pass frame times and latencies, so a given latency gives a deterministic run.
// In a replay the cadence node (nodes/cadence.ts) owns the one DetectorClock; every other node follows its decisions.
import type { MotionGateOptions } from './motion-gate';

export type Cadence = { mode: 'every'; every: number } | { mode: 'realtime' } | ({ mode: 'motion' } & MotionGateOptions);

/** Times are compared with this slack, ms, so that float frame times do not miss an exact delivery. */
const SLACK_MS = 1e-6;

export class DetectorClock {
  private inflight: { fromFrame: number; readyMs: number } | null = null;

  constructor(private readonly cadence: Cadence) {}

  /** Frame index of the detection delivered at `ptsMs`, if one is due; frees the detector. */
  deliver(ptsMs: number): number | null {
    if (!this.inflight || ptsMs + SLACK_MS < this.inflight.readyMs) return null;
    const from = this.inflight.fromFrame;
    this.inflight = null;
    return from;
  }

  /**
   * True when the detector is free and the cadence wants a detection on frame `index`; in motion mode `triggered`
   * (the motion gate's decision) is what the cadence wants.
   */
  wantsStart(index: number, triggered = false): boolean {
    if (this.inflight) return false;
    if (this.cadence.mode === 'motion') return triggered;
    return this.cadence.mode === 'realtime' || index % Math.max(1, this.cadence.every) === 0;
  }

  /** Starts a detection on frame `index` at `ptsMs` taking `latencyMs` (≥0). Call deliver(ptsMs) next for latency 0. */
  start(index: number, ptsMs: number, latencyMs: number): void {
    if (this.inflight) throw new Error('DetectorClock: the detector is busy');
    this.inflight = { fromFrame: index, readyMs: ptsMs + Math.max(0, latencyMs) };
  }

  get busy(): boolean {
    return this.inflight !== null;
  }
}

/** What one frame sees: `start` — the detector starts on it; `deliveredFrom` — the frame whose detection arrives. */
export interface ClockStep {
  start: boolean;
  deliveredFrom: number | null;
}

/**
 * Advances `clock` over one frame with a latency known before the run (`latencyMs`): delivery of the previous
 * detection, a possible start, then same-frame delivery when the latency is 0.
 */
export function stepClock(clock: DetectorClock, index: number, ptsMs: number, latencyMs: number): ClockStep {
  let deliveredFrom = clock.deliver(ptsMs);
  const start = clock.wantsStart(index);
  if (start) {
    clock.start(index, ptsMs, latencyMs);
    deliveredFrom = clock.deliver(ptsMs) ?? deliveredFrom;
  }
  return { start, deliveredFrom };
}
