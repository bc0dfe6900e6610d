// Real input frames for the probe and the numerical check: frames of a clip (default the bundled
// samples/cup.mp4), spread `stride` frames apart, preprocessed per the model's InputSpec — the same
// preprocess() the replay pipeline uses.
import { join } from 'node:path';
import type { InputSpec, ModelMeta, TensorInfo } from '../../../src-shared/types/model';
import { decodeFrames } from '../../media/decode';
import { samplesDir } from '../../models/catalog';
import { preprocess } from '../../pipeline/nodes/preprocess';
import type { HostTensor } from '../../runtimes/types';
import type { JobContext } from '../../jobs/context';

export function defaultCheckClip(): string {
  return join(samplesDir(), 'cup.mp4');
}

export interface FrameFeeds {
  /** Decode indices of the frames used. */
  indices: number[];
  tensors: HostTensor[];
}

export async function realFrames(clip: string, spec: InputSpec, count: number, stride: number, ctx: JobContext): Promise<FrameFeeds> {
  const indices: number[] = [];
  const tensors: HostTensor[] = [];
  for await (const f of decodeFrames(clip, { maxFrames: (count - 1) * stride + 1, signal: ctx.signal })) {
    if (f.index % stride !== 0) continue;
    indices.push(f.index);
    tensors.push(preprocess(f.rgb, f.width, f.height, spec).tensor);
  }
  return { indices, tensors };
}

/** The model's InputSpec from its metadata, else a stated guess from the placeholder's shape and dtype. */
export function inputSpecFor(meta: ModelMeta | undefined, name: string, shape: number[], dtype: string): { spec: InputSpec; guessed: boolean } {
  if (meta) return { spec: { ...meta.input, name: meta.input.name ?? name }, guessed: false };
  const h = shape[1] > 0 ? shape[1] : 224;
  const w = shape[2] > 0 ? shape[2] : 224;
  const int = dtype === 'int32';
  return {
    spec: { name, width: w, height: h, layout: 'NHWC', dtype: int ? 'int32' : 'float32', range: int ? [0, 255] : [0, 1], resize: 'stretch', channels: 'RGB' },
    guessed: true,
  };
}

/** True when a model input looks like an image batch EdgeLab can fill from a clip: [1|-1, H, W, 3]. */
export function isImageInput(t: TensorInfo): boolean {
  return t.shape.length === 4 && t.shape[0] <= 1 && t.shape[3] === 3 && (t.dtype === 'float32' || t.dtype === 'int32');
}

/**
 * Deterministic pseudo-random feeds for models whose inputs are not images (or several): float inputs
 * uniform in [0, 1), int32 inputs in 0..9; dynamic dimensions become 1.
 */
export function syntheticFeeds(inputs: TensorInfo[], count: number): Record<string, HostTensor>[] {
  let s = 12345;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return Array.from({ length: count }, () =>
    Object.fromEntries(
      inputs.map((t) => {
        const shape = t.shape.map((d) => (d > 0 ? d : 1));
        const n = shape.reduce((a, b) => a * b, 1);
        const tensor: HostTensor =
          t.dtype === 'int32'
            ? { data: Int32Array.from({ length: n }, () => Math.floor(next() * 10)), shape, dtype: 'int32' }
            : { data: Float32Array.from({ length: n }, next), shape, dtype: 'float32' };
        return [t.name, tensor];
      }),
    ),
  );
}
