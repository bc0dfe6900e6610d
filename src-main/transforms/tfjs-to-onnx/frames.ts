// Real input frames for the probe and the numerical check: frames of a clip (default the bundled
// samples/cup.mp4), spread `stride` frames apart, preprocessed per the model's InputSpec — the same
// preprocess() the replay pipeline uses.
import { join } from 'node:path';
import type { InputSpec, ModelMeta } from '../../../src-shared/types/model';
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
