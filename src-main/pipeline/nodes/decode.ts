// Source node: frames of a clip from ffmpeg (media/decode.ts). Whether the detector runs on a frame is decided
// downstream by the cadence node (nodes/cadence.ts); frames leave here with runDetector false.
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

export interface DecodeNodeOptions {
  clipPath: string;
  probe?: ClipProbe;
  /** 0 = all frames. */
  maxFrames: number;
  /** Let ffmpeg write `<dir>/NNNNNN.jpg` thumbnails of this size while decoding (see media/decode.ts). */
  thumbnails?: { dir: string; width: number; height: number };
  /** Have the decoder build each frame's optical-flow pyramid (the track node's flowMaxSide), off this thread. */
  flowMaxSide?: number;
  /** Decode at the sizes the graph uses (media/graph-frames.ts): frames are the detector's stretched input. */
  graphFrames?: { detector: { width: number; height: number }; flowMaxSide: number };
}

export class DecodeNode implements SourceNode<FrameState> {
  readonly name = 'decode';
  private it: AsyncGenerator<DecodedFrame> | null = null;
  /** performance.now() of the first frame request (after every node opened, so after model warm-up). */
  firstReadAt: number | null = null;
  constructor(private readonly opts: DecodeNodeOptions) {}

  open(ctx: JobContext): void {
    this.it = decodeFrames(this.opts.clipPath, {
      maxFrames: this.opts.maxFrames,
      signal: ctx.signal,
      probe: this.opts.probe,
      thumbnails: this.opts.thumbnails,
      flowPyramid: this.opts.flowMaxSide ? { maxSide: this.opts.flowMaxSide } : undefined,
      ...(this.opts.graphFrames ? { graphFrames: this.opts.graphFrames } : {}),
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
      runDetector: false,
      timings: { decodeMs, preprocessMs: 0, inferenceMs: 0, postprocessMs: 0 },
    });
  }

  async close(): Promise<void> {
    await this.it?.return(undefined);
    this.it = null;
  }
}
