// Cadence node: the one owner of the detector clock (pipeline/cadence.ts), a flow-limiter-like node between decode
// and preprocess. Per frame it decides, on the clip's clock, whether the detector starts on it (`runDetector`) and
// which earlier detection arrives on it (`deliverFrom`); preprocess, detect and track follow the packet instead of
// re-deriving the schedule.
//   Latency known in advance (every N, or a simulated device latency): the clock is started at decision time.
//   Measured latency (realtime without a device latency): the latency of a detection is known only once detect
//   has run it, so detect reports back through `finished` (MediaPipe's FlowLimiter FINISHED back edge) and the node
//   is not ready for the next frame until then (graph.ts asks `ready()`), so no decision is taken blind.
//   Motion-gated (cadence mode 'motion'): the node measures the global camera motion of each frame step
//   (tracking/global-motion.ts, on the flow pyramid the track node uses — the decoder's, or built here and left on
//   the frame for track) and asks its MotionGate (motion-gate.ts); the gate also needs the tracker's box count, so
//   track reports every frame back (`tracked`) and the node is not ready for the next frame until it has.
import { toGray } from '../../imaging/gray';
import { buildPyramid, type Pyramid } from '../../imaging/pyramid';
import { globalMotion } from '../../tracking/global-motion';
import type { CalculatorNode } from '../node';
import type { FrameState } from '../frame';
import type { Packet } from '../packet';
import { DetectorClock, type Cadence } from '../cadence';
import { MotionGate } from '../motion-gate';

export interface CadenceNodeOptions {
  cadence: Cadence;
  /** Simulated detector latency, ms. Undefined: 0 in 'every' mode, the measured inference + post time in realtime mode. */
  latencyMs?: number;
  /** Motion mode: long side of the flow image, px (the tracker's flowMaxSide). Default 320. */
  flowMaxSide?: number;
}

/** What detect reports back after running the detector on a frame the cadence node started it on. */
export interface DetectorFeedback {
  /**
   * The detection started on frame `index` finished after `measuredMs` (wall ms of inference + postprocess).
   * Returns true when it is delivered on that same frame (latency within the clock's slack).
   */
  finished(index: number, measuredMs: number): boolean;
  /**
   * True when the latency is known before the run (finished() does not use `measuredMs`): detect may then report a
   * start as finished before the model has run (its overlapped mode, nodes/detect.ts).
   */
  readonly fixedLatency?: boolean;
}

export class CadenceNode implements CalculatorNode<FrameState, FrameState>, DetectorFeedback {
  readonly name = 'cadence';
  private clock: DetectorClock;
  /** Latency used for every start when known before the run, ms; undefined when measured. */
  private readonly fixedMs: number | undefined;
  /** Measured mode: the started frame whose latency detect has not reported yet. */
  private awaiting: { index: number; ptsMs: number } | null = null;
  /** Fixed mode: started frames detect has not finished yet (the node may run ahead of detect), oldest first. */
  private started: { index: number; sameFrame: boolean }[] = [];
  /** Motion mode: the gate, the previous frame's pyramid, and the last frame decided / reported by track. */
  private gate: MotionGate | null;
  private prev: Pyramid | null = null;
  private decided = -1;
  private reported = -1;
  /** Detector starts decided so far. */
  calls = 0;

  constructor(private readonly opts: CadenceNodeOptions) {
    this.clock = new DetectorClock(opts.cadence);
    this.fixedMs = opts.latencyMs ?? (opts.cadence.mode === 'realtime' ? undefined : 0);
    this.gate = opts.cadence.mode === 'motion' ? new MotionGate(opts.cadence) : null;
  }

  get fixedLatency(): boolean {
    return this.fixedMs !== undefined;
  }

  open(): void {}

  /**
   * False while a started detection's measured latency is unknown, or (motion mode) while track has not reported the
   * last decided frame: the next decision depends on it.
   */
  ready(): boolean {
    return this.awaiting === null && (!this.gate || this.reported === this.decided);
  }

  /** Motion mode: the track node's visible box count after frame `index` (frames in order). */
  tracked(index: number, boxes: number): void {
    if (!this.gate) return;
    if (index !== this.decided) throw new Error(`cadence: track reported frame ${index}, the last decided is ${this.decided}`);
    this.reported = index;
    this.gate.tracked(boxes);
  }

  process(p: Packet<FrameState>): Packet<FrameState>[] {
    if (this.awaiting) throw new Error(`cadence: frame ${p.frameIndex} before detect finished frame ${this.awaiting.index}`);
    const s = p.payload;
    s.deliverFrom = this.clock.deliver(p.timestampMs);
    s.runDetector = this.clock.wantsStart(p.frameIndex, this.gate ? this.motionWants(p) : false);
    if (s.runDetector) {
      this.calls++;
      this.gate?.started(p.timestampMs);
      if (this.fixedMs === undefined) this.awaiting = { index: p.frameIndex, ptsMs: p.timestampMs };
      else {
        this.clock.start(p.frameIndex, p.timestampMs, this.fixedMs);
        this.started.push({ index: p.frameIndex, sameFrame: this.clock.deliver(p.timestampMs) !== null });
      }
    }
    return [p];
  }

  /** Motion mode: feeds this frame's global motion to the gate and asks it. */
  private motionWants(p: Packet<FrameState>): boolean {
    const f = p.payload.frame;
    const side = this.opts.flowMaxSide ?? 320;
    if (!f.flow || f.flow.maxSide !== side) f.flow = { maxSide: side, pyramid: buildPyramid(toGray(f.rgb, f.width, f.height, side)) };
    const pyr = f.flow.pyramid;
    if (this.prev) {
      const m = globalMotion(this.prev, pyr);
      this.gate!.observe(m.dx, m.dy);
    }
    this.prev = pyr;
    this.decided = p.frameIndex;
    return this.gate!.wants(p.timestampMs) !== null;
  }

  finished(index: number, measuredMs: number): boolean {
    if (this.awaiting) {
      if (this.awaiting.index !== index) throw new Error(`cadence: detect finished frame ${index}, started on ${this.awaiting.index}`);
      const { ptsMs } = this.awaiting;
      this.awaiting = null;
      this.clock.start(index, ptsMs, measuredMs);
      return this.clock.deliver(ptsMs) !== null;
    }
    const next = this.started.shift();
    if (next?.index !== index) throw new Error(`cadence: detect finished frame ${index}, which the cadence did not start next`);
    return next.sameFrame;
  }

  close(): void {
    this.clock = new DetectorClock(this.opts.cadence);
    this.awaiting = null;
    this.started = [];
    this.gate = this.opts.cadence.mode === 'motion' ? new MotionGate(this.opts.cadence) : null;
    this.prev = null;
    this.decided = this.reported = -1;
  }
}
