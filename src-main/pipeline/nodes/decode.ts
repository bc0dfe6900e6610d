// Source node: frames of a clip from ffmpeg (media/decode.ts), stamped with the detector schedule when it is
// known in advance (every-N, or a fixed simulated latency: a DetectorClock replayed on the frame times, the same
// decisions the detect node will take), so that preprocess prepares exactly those frames. With a measured
// latency (realtime, no device latency) nothing is stamped and the detect node preprocesses itself.
// timings.decodeMs = latency of this frame's read. The graph reads one frame ahead, so the read overlaps the
// previous frame's processing: decodeMs is an upper bound on decode cost, not an additive share of wall time.
// From the built bundle, ffmpeg is read on a worker thread up to 4 frames ahead, which also builds each frame's
// optical-flow pyramid (flowMaxSide) for the track node (media/decode.ts).
import type { JobContext } from '../../jobs/context';
import type { ClipProbe } from '../../media/ffmpeg';
import { decodeFrames, type DecodedFrame } from '../../media/decode';
import type { SourceNode } from '../node';
import type { FrameState } from '../frame';
import { packet, type Packet } from '../packet';
import { DetectorClock, stepClock, type Cadence } from '../cadence';

export interface DecodeNodeOptions {
  clipPath: string;
  probe?: ClipProbe;
  /** 0 = all frames. */
  maxFrames: number;
  /** Detector runs on frames whose index is a multiple of this (≥1). */
  detectEvery: number;
  /** Overrides detectEvery: the cadence and latency the detect node will use. */
  schedule?: { cadence: Cadence; latencyMs?: number };
  /** Let ffmpeg write `<dir>/NNNNNN.jpg` thumbnails of this size while decoding (see media/decode.ts). */
  thumbnails?: { dir: string; width: number; height: number };
  /** Have the decoder build each frame's optical-flow pyramid (the track node's flowMaxSide), off this thread. */
  flowMaxSide?: number;
}

export class DecodeNode implements SourceNode<FrameState> {
  readonly name = 'decode';
  private it: AsyncGenerator<DecodedFrame> | null = null;
  /** performance.now() of the first frame request (after every node opened, so after model warm-up). */
  firstReadAt: number | null = null;
  private clock: DetectorClock | null = null;
  constructor(private readonly opts: DecodeNodeOptions) {}

  private stamp(index: number, ptsMs: number): boolean {
    const sch = this.opts.schedule;
    if (!sch) return index % Math.max(1, this.opts.detectEvery) === 0;
    const latency = sch.latencyMs ?? (sch.cadence.mode === 'every' ? 0 : undefined);
    if (latency === undefined) return false;
    this.clock ??= new DetectorClock(sch.cadence);
    return stepClock(this.clock, index, ptsMs, latency).start;
  }

  open(ctx: JobContext): void {
    this.it = decodeFrames(this.opts.clipPath, {
      maxFrames: this.opts.maxFrames,
      signal: ctx.signal,
      probe: this.opts.probe,
      thumbnails: this.opts.thumbnails,
      flowPyramid: this.opts.flowMaxSide ? { maxSide: this.opts.flowMaxSide } : undefined,
    });
  }

  async next(): Promise<Packet<FrameState> | null> {
    const t0 = performance.now();
    this.firstReadAt ??= t0;
    const r = await this.it!.next();
    if (r.done) return null;
    const f = r.value;
    const decodeMs = performance.now() - t0;
    return packet(f.index, f.ptsMs, {
      frame: f,
      runDetector: this.stamp(f.index, f.ptsMs),
      timings: { decodeMs, preprocessMs: 0, inferenceMs: 0, postprocessMs: 0 },
    });
  }

  async close(): Promise<void> {
    await this.it?.return(undefined);
    this.it = null;
    this.clock = null;
  }
}
