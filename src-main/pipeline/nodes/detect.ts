// Runs the detector on the frames the cadence node starts it on (nodes/cadence.ts: `runDetector`, preprocessed
// upstream): model → decoder → class-aware NMS → boxes mapped back to normalised original-frame coordinates (clamped,
// empty boxes dropped). The result is held until the cadence node delivers it (`deliverFrom` on a later frame, or
// the same frame when `finished` says so) and is then attached to that frame as `delivered`; the track node turns
// it into tracks. Without a cadence node (a detector on its own) every result is delivered on its own frame.
import type { Detection, RunSettings } from '../../../src-shared/formats/run';
import { area, clampBox } from '../../../src-shared/geometry/box';
import { labelFor, labelTable } from '../../../src-shared/class-names';
import { EdgeLabError } from '../../../src-shared/protocol';
import type { ModelMeta } from '../../../src-shared/types/model';
import type { HostTensor, LoadedModel, TimedRun } from '../../runtimes/types';
import type { DetectorFeedback } from './cadence';
import type { MemoUse } from '../detection-memo';
import type { BoxDecoder } from '../decoders/types';
import { getDecoder } from '../decoders/registry';
import { nms } from '../decoders/nms';
import type { CalculatorNode } from '../node';
import type { FrameState } from '../frame';
import type { Packet } from '../packet';
import { boxToFrame } from '../transform';

export type DetectSettings = Pick<RunSettings, 'scoreThreshold' | 'iouThreshold' | 'maxDetections'> & {
  /** The cadence node that started the detections (told when each finished). Default: same-frame delivery. */
  clock?: DetectorFeedback;
  /** Model file, named in errors. */
  file?: string;
  /** Record every detection into a memo, or take a frame's boxes from it instead of running the model (detection-memo.ts). */
  memo?: MemoUse;
  /** Start detections without waiting for them when the clock allows it (see DetectNode.overlapped). Default false. */
  overlap?: boolean;
};

/** One detector run: its frame, and on this thread's performance.now() clock (ms) when the model ran and when its boxes were ready. */
export interface DetectorCall {
  frame: number;
  startMs: number;
  endMs: number;
  postEndMs: number;
}

/** A detector on its own: each result arrives on the frame it was started on. */
const SAME_FRAME: DetectorFeedback = { finished: () => true, fixedLatency: true };

export class DetectNode implements CalculatorNode<FrameState, FrameState> {
  readonly name = 'detect';
  private readonly decoder: BoxDecoder;
  private readonly inputName: string;
  private readonly clock: DetectorFeedback;
  /** The decoder's outputs; undefined (all outputs) when it names none. */
  private readonly fetch: string[] | undefined;
  /** The detection not yet delivered: its boxes, or (overlapped) the promise of them. */
  private pending: { fromFrame: number; detections?: Detection[]; result?: Promise<Detection[]> } | null = null;
  /** Overlapped detections not finished yet. */
  private readonly running = new Set<Promise<void>>();
  /** Every detector run of this node, in start order. */
  readonly trace: DetectorCall[] = [];

  constructor(private readonly model: LoadedModel, private readonly meta: ModelMeta, private readonly settings: DetectSettings) {
    if (!meta.decoder) throw new EdgeLabError('BAD_INPUT', 'model metadata has no decoder: it cannot be replayed as a detector');
    this.decoder = getDecoder(meta.decoder, { input: meta.input });
    this.fetch = this.decoder.outputs.length ? this.decoder.outputs : undefined;
    this.inputName = meta.input.name ?? model.inputs[0]?.name ?? '';
    if (!model.inputs.some((i) => i.name === this.inputName)) {
      throw new EdgeLabError('BAD_INPUT', `model has no input "${this.inputName}" (inputs: ${model.inputs.map((i) => i.name).join(', ')})`);
    }
    this.clock = settings.clock ?? SAME_FRAME;
  }

  /** One warm-up inference on a zero input, so the first timed frame does not pay kernel compilation. */
  async open(): Promise<void> {
    const { width: W, height: H, layout, dtype } = this.meta.input;
    const n = W * H * 3;
    const t: HostTensor = {
      data: dtype === 'int32' ? new Int32Array(n) : dtype === 'uint8' ? new Uint8Array(n) : new Float32Array(n),
      shape: layout === 'NCHW' ? [1, 3, H, W] : [1, H, W, 3],
      dtype,
    };
    // The decoder must understand what the model gives (a wrong decoder fails here, before any frame).
    let out: Record<string, HostTensor>;
    try {
      out = await this.model.run({ [this.inputName]: t }, this.fetch);
      this.decoder.decode(out, { scoreThreshold: this.settings.scoreThreshold });
    } catch (e) {
      throw e instanceof EdgeLabError ? e : new EdgeLabError('BAD_INPUT', `model outputs do not match the ${this.meta.decoder!.kind} decoder: ${(e as Error).message}`, this.settings.file);
    }
    // Class ids the outputs can give must all have a name (not a silent "class 38").
    const table = labelTable(this.meta.labels);
    const cc = table && this.decoder.classCount?.(out);
    if (table && cc && cc.n > table.length) {
      throw new EdgeLabError('BAD_INPUT', `labels: ${table.length} names, but output ${cc.output} gives class ids up to ${cc.n - 1}`, this.settings.file);
    }
  }

  /**
   * Overlapped mode: the start on a frame does not wait for the model; the result is attached to the delivery frame
   * as a promise (`delivering`, awaited by the track node's prepare, frame.ts settleDelivery) so later frames flow on while the model runs.
   * Only with a clock whose latency is known before the run (the schedule does not depend on measured times).
   */
  get overlapped(): boolean {
    return !!this.settings.overlap && this.clock.fixedLatency === true;
  }

  async process(p: Packet<FrameState>): Promise<Packet<FrameState>[]> {
    const s = p.payload;
    if (s.deliverFrom !== undefined && s.deliverFrom !== null) this.take(s, s.deliverFrom);
    const memo = this.settings.memo;
    const hit = s.runDetector && memo?.mode === 'reuse' ? memo.memo.get(p.frameIndex) : undefined;
    if (hit) {
      // The boxes this detector gave on this frame in the recorded replay (exact, see detection-memo.ts).
      s.timings.inferenceMs = hit.inferenceMs;
      s.timings.postprocessMs = hit.postprocessMs;
      if (this.pending) throw new Error(`detect: frame ${p.frameIndex} started while frame ${this.pending.fromFrame} is in flight`);
      this.pending = { fromFrame: p.frameIndex, detections: hit.detections };
      if (this.clock.finished(p.frameIndex, hit.inferenceMs + hit.postprocessMs)) this.take(s, p.frameIndex);
    } else if (s.runDetector) {
      if (!s.input || !s.transform) throw new Error(`detect: frame ${p.frameIndex} was not preprocessed`);
      if (this.overlapped) {
        if (this.pending) throw new Error(`detect: frame ${p.frameIndex} started while frame ${this.pending.fromFrame} is in flight`);
        const result = this.detect(p.frameIndex, s, s.input);
        const settled = result.then(() => {}, () => {});
        this.running.add(settled);
        void settled.then(() => this.running.delete(settled));
        this.pending = { fromFrame: p.frameIndex, result };
        // Fixed latency: finished() does not use the measured time (the frame's timings are filled when it ends).
        if (this.clock.finished(p.frameIndex, 0)) this.take(s, p.frameIndex);
      } else {
        const t0 = performance.now();
        const dets = await this.detect(p.frameIndex, s, s.input);
        const measuredMs = performance.now() - t0;
        if (this.pending) throw new Error(`detect: frame ${p.frameIndex} started while frame ${this.pending.fromFrame} is in flight`);
        this.pending = { fromFrame: p.frameIndex, detections: dets };
        if (this.clock.finished(p.frameIndex, measuredMs)) this.take(s, p.frameIndex);
      }
    }
    s.input = undefined; // release the tensor early: frames wait in queues
    return [p];
  }

  /**
   * Model → decoder → NMS → frame boxes for frame `frame` (its timings and the memo filled in, the call traced).
   * inferenceMs = the model's run (runTimed: on the model's own thread), postprocessMs = decoding to boxes.
   */
  private async detect(frame: number, s: FrameState, input: HostTensor): Promise<Detection[]> {
    const feeds = { [this.inputName]: input };
    let run: TimedRun;
    if (this.model.runTimed) run = await this.model.runTimed(feeds, this.fetch);
    else {
      const startMs = performance.now();
      const outputs = await this.model.run(feeds, this.fetch);
      run = { outputs, startMs, endMs: performance.now() };
    }
    const t1 = performance.now();
    const raw = this.decoder.decode(run.outputs, { scoreThreshold: this.settings.scoreThreshold });
    const kept = nms(raw, this.settings.iouThreshold, this.settings.maxDetections);
    const dets: Detection[] = [];
    const table = labelTable(this.meta.labels);
    for (const r of kept) {
      if (table && !(r.classId >= 0 && r.classId < table.length)) {
        throw new EdgeLabError('BAD_INPUT', `frame ${frame}: class id ${r.classId} is beyond the ${table.length} labels`, this.settings.file);
      }
      const box = clampBox(boxToFrame(r.box, s.transform!));
      if (area(box) <= 0) continue;
      dets.push({ box, score: r.score, classId: r.classId, label: labelFor(this.meta.labels, r.classId), source: 'detected' });
    }
    const t2 = performance.now();
    s.timings.inferenceMs = run.endMs - run.startMs;
    s.timings.postprocessMs = t2 - t1;
    const memo = this.settings.memo;
    if (memo?.mode === 'record') memo.memo.set(frame, { detections: dets, inferenceMs: s.timings.inferenceMs, postprocessMs: t2 - t1 });
    this.trace.push({ frame, startMs: run.startMs, endMs: run.endMs, postEndMs: t2 });
    return dets;
  }

  /** Attaches the pending result (the detection started on frame `from`) to this frame. */
  private take(s: FrameState, from: number): void {
    const pending = this.pending;
    if (!pending || pending.fromFrame !== from) throw new Error(`detect: no pending result for frame ${from}`);
    this.pending = null;
    if (pending.result) {
      s.delivering = pending.result.then((detections) => ({ fromFrame: from, detections }));
      s.delivering.catch(() => {}); // awaited by the track node; the graph may stop before it gets there
      return;
    }
    const delivered = { fromFrame: from, detections: pending.detections! };
    s.delivered = delivered;
    s.detections = delivered.detections; // raw boxes; the track node replaces them with tracks
  }

  async close(): Promise<void> {
    this.pending = null;
    // Overlapped detections still running finish before the model can be released.
    await Promise.all(this.running);
  }
}
