// Runs the detector on the frames the cadence clock starts it on: model → decoder → class-aware NMS → boxes
// mapped back to normalised original-frame coordinates (clamped, empty boxes dropped). The result is held until
// the clock delivers it (start time + latency on the clip's clock; same frame without a simulated latency) and
// is then attached to that frame as `delivered`; the track node turns it into tracks.
import type { Detection, RunSettings } from '../../../src-shared/formats/run';
import { area, clampBox } from '../../../src-shared/geometry/box';
import { labelFor } from '../../../src-shared/class-names';
import { EdgeLabError } from '../../../src-shared/protocol';
import type { ModelMeta } from '../../../src-shared/types/model';
import type { HostTensor, LoadedModel } from '../../runtimes/types';
import { DetectorClock, type Cadence } from '../cadence';
import type { BoxDecoder } from '../decoders/types';
import { getDecoder } from '../decoders/registry';
import { nms } from '../decoders/nms';
import type { CalculatorNode } from '../node';
import type { FrameState } from '../frame';
import type { Packet } from '../packet';
import { boxToFrame } from '../transform';
import { preprocess } from './preprocess';

export type DetectSettings = Pick<RunSettings, 'scoreThreshold' | 'iouThreshold' | 'maxDetections'> & {
  /** Default: every frame. */
  cadence?: Cadence;
  /** Simulated detector latency, ms. Undefined: 0 in 'every' mode, the measured inference + post time in realtime mode. */
  latencyMs?: number;
  /** Model file, named in errors. */
  file?: string;
};

export class DetectNode implements CalculatorNode<FrameState, FrameState> {
  readonly name = 'detect';
  private readonly decoder: BoxDecoder;
  private readonly inputName: string;
  private readonly cadence: Cadence;
  private clock: DetectorClock;
  private pending: { fromFrame: number; detections: Detection[] } | null = null;

  constructor(private readonly model: LoadedModel, private readonly meta: ModelMeta, private readonly settings: DetectSettings) {
    if (!meta.decoder) throw new EdgeLabError('BAD_INPUT', 'model metadata has no decoder: it cannot be replayed as a detector');
    this.decoder = getDecoder(meta.decoder);
    this.inputName = meta.input.name ?? model.inputs[0]?.name ?? '';
    if (!model.inputs.some((i) => i.name === this.inputName)) {
      throw new EdgeLabError('BAD_INPUT', `model has no input "${this.inputName}" (inputs: ${model.inputs.map((i) => i.name).join(', ')})`);
    }
    this.cadence = settings.cadence ?? { mode: 'every', every: 1 };
    this.clock = new DetectorClock(this.cadence);
  }

  /** One warm-up inference on a zero input, so the first timed frame does not pay kernel compilation. */
  async open(): Promise<void> {
    const { width: W, height: H, layout, dtype } = this.meta.input;
    const n = W * H * 3;
    const t: HostTensor = {
      data: dtype === 'int32' ? new Int32Array(n) : new Float32Array(n),
      shape: layout === 'NCHW' ? [1, 3, H, W] : [1, H, W, 3],
      dtype,
    };
    // The decoder must understand what the model gives (a wrong decoder fails here, before any frame).
    try {
      const out = await this.model.run({ [this.inputName]: t }, this.decoder.outputs);
      this.decoder.decode(out, { scoreThreshold: this.settings.scoreThreshold });
    } catch (e) {
      throw e instanceof EdgeLabError ? e : new EdgeLabError('BAD_INPUT', `model outputs do not match the ${this.meta.decoder!.kind} decoder: ${(e as Error).message}`, this.settings.file);
    }
  }

  async process(p: Packet<FrameState>): Promise<Packet<FrameState>[]> {
    const s = p.payload;
    this.take(s, this.clock.deliver(p.timestampMs));
    const start = this.clock.wantsStart(p.frameIndex);
    s.runDetector = start;
    if (start) {
      if (!s.input || !s.transform) {
        // Realtime with a measured latency: the schedule was not known upstream, so preprocess here.
        const t0 = performance.now();
        const pre = preprocess(s.frame.rgb, s.frame.width, s.frame.height, this.meta.input);
        s.input = pre.tensor;
        s.transform = pre.transform;
        s.timings.preprocessMs = performance.now() - t0;
      }
      const t0 = performance.now();
      const outputs = await this.model.run({ [this.inputName]: s.input }, this.decoder.outputs);
      const t1 = performance.now();
      const raw = this.decoder.decode(outputs, { scoreThreshold: this.settings.scoreThreshold });
      const kept = nms(raw, this.settings.iouThreshold, this.settings.maxDetections);
      const dets: Detection[] = [];
      for (const r of kept) {
        const box = clampBox(boxToFrame(r.box, s.transform!));
        if (area(box) <= 0) continue;
        dets.push({ box, score: r.score, classId: r.classId, label: labelFor(this.meta.labels, r.classId), source: 'detected' });
      }
      const t2 = performance.now();
      s.timings.inferenceMs = t1 - t0;
      s.timings.postprocessMs = t2 - t1;
      const latency = this.settings.latencyMs ?? (this.cadence.mode === 'realtime' ? t2 - t0 : 0);
      this.clock.start(p.frameIndex, p.timestampMs, latency);
      this.pending = { fromFrame: p.frameIndex, detections: dets };
      this.take(s, this.clock.deliver(p.timestampMs));
    }
    s.input = undefined; // release the tensor early: frames wait in queues
    return [p];
  }

  /** Attaches the pending result to this frame when the clock delivered frame `from`. */
  private take(s: FrameState, from: number | null): void {
    if (from === null) return;
    if (!this.pending || this.pending.fromFrame !== from) throw new Error(`detect: no pending result for frame ${from}`);
    s.delivered = this.pending;
    s.detections = this.pending.detections; // raw boxes; the track node replaces them with tracks
    this.pending = null;
  }

  close(): void {
    this.pending = null;
    this.clock = new DetectorClock(this.cadence);
  }
}
