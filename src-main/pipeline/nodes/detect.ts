// Runs the detector on frames the cadence selects: model → decoder → class-aware NMS → boxes mapped back to
// normalised original-frame coordinates (clamped, empty boxes dropped). Frames between detector runs carry
// the previous frame's boxes with source 'propagated' (a real tracker replaces this later).
import type { Detection, RunSettings } from '../../../src-shared/formats/run';
import { area, clampBox } from '../../../src-shared/geometry/box';
import { labelFor } from '../../../src-shared/labels';
import { EdgeLabError } from '../../../src-shared/protocol';
import type { ModelMeta } from '../../../src-shared/types/model';
import type { HostTensor, LoadedModel } from '../../runtimes/types';
import type { BoxDecoder } from '../decoders/types';
import { getDecoder } from '../decoders/registry';
import { nms } from '../decoders/nms';
import type { CalculatorNode } from '../node';
import type { FrameState } from '../frame';
import type { Packet } from '../packet';
import { boxToFrame } from '../transform';

export type DetectSettings = Pick<RunSettings, 'scoreThreshold' | 'iouThreshold' | 'maxDetections'>;

export class DetectNode implements CalculatorNode<FrameState, FrameState> {
  readonly name = 'detect';
  private readonly decoder: BoxDecoder;
  private readonly inputName: string;
  private previous: Detection[] = [];

  constructor(private readonly model: LoadedModel, private readonly meta: ModelMeta, private readonly settings: DetectSettings) {
    if (!meta.decoder) throw new EdgeLabError('BAD_INPUT', 'model metadata has no decoder: it cannot be replayed as a detector');
    this.decoder = getDecoder(meta.decoder);
    this.inputName = meta.input.name ?? model.inputs[0]?.name ?? '';
    if (!model.inputs.some((i) => i.name === this.inputName)) {
      throw new EdgeLabError('BAD_INPUT', `model has no input "${this.inputName}" (inputs: ${model.inputs.map((i) => i.name).join(', ')})`);
    }
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
    await this.model.run({ [this.inputName]: t }, this.decoder.outputs);
  }

  async process(p: Packet<FrameState>): Promise<Packet<FrameState>[]> {
    const s = p.payload;
    if (!s.runDetector || !s.input || !s.transform) {
      s.detections = this.previous.map((d) => ({ ...d, source: 'propagated' }));
      return [p];
    }
    const t0 = performance.now();
    const outputs = await this.model.run({ [this.inputName]: s.input }, this.decoder.outputs);
    const t1 = performance.now();
    const raw = this.decoder.decode(outputs, { scoreThreshold: this.settings.scoreThreshold });
    const kept = nms(raw, this.settings.iouThreshold, this.settings.maxDetections);
    const dets: Detection[] = [];
    for (const r of kept) {
      const box = clampBox(boxToFrame(r.box, s.transform));
      if (area(box) <= 0) continue;
      dets.push({ box, score: r.score, classId: r.classId, label: labelFor(this.meta.labels, r.classId), source: 'detected' });
    }
    s.timings.inferenceMs = t1 - t0;
    s.timings.postprocessMs = performance.now() - t1;
    s.detections = dets;
    s.input = undefined; // release the tensor early: frames wait in queues
    this.previous = dets;
    return [p];
  }

  close(): void {
    this.previous = [];
  }
}
