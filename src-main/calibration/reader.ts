// Calibration / validation data reader (ORT's CalibrationDataReader idea): a stream of model input tensors,
// one frame at a time, apart from any calibrator. Sources: a clip (decoded by ffmpeg, decodeFrames) or a
// folder of images (each decoded by ffmpeg), preprocessed as the model's InputSpec says. At most one frame
// is held at a time (holdFirst keeps the first n for a second pass); `setHash` identifies exactly the frames used
// (for the variant's lineage).
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { extname, join } from 'node:path';
import type { CancelSignal } from '../../src-shared/protocol';
import { EdgeLabError, throwIfCancelled } from '../../src-shared/protocol';
import type { InputSpec } from '../../src-shared/types/model';
import { decodeFrames } from '../media/decode';
import { preprocess } from '../pipeline/nodes/preprocess';
import type { HostTensor } from '../runtimes/types';

export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.bmp', '.webp', '.ppm', '.pgm', '.tif', '.tiff'];

export interface CalibrationSource {
  /** Clip file or image folder (absolute). */
  path: string;
  kind: 'clip' | 'images';
  /** Image files in name order (kind 'images'). */
  images?: string[];
}

/** Classifies `path`; an image folder must hold at least one image (by extension). Throws BAD_INPUT otherwise. */
export async function openCalibrationSource(path: string): Promise<CalibrationSource> {
  let st;
  try {
    st = await fs.stat(path);
  } catch {
    throw new EdgeLabError('BAD_INPUT', 'calibration source does not exist (give a clip, an image folder or a bundled clip id)', path);
  }
  if (!st.isDirectory()) return { path, kind: 'clip' };
  const names = (await fs.readdir(path)).filter((n) => IMAGE_EXTENSIONS.includes(extname(n).toLowerCase())).sort();
  if (names.length === 0) {
    throw new EdgeLabError('BAD_INPUT', `empty calibration set: the folder holds no images (${IMAGE_EXTENSIONS.join(' ')})`, path);
  }
  return { path, kind: 'images', images: names.map((n) => join(path, n)) };
}

export interface CalibrationFrame {
  index: number;
  tensor: HostTensor;
  /** File the frame came from (the clip or one image). */
  file: string;
}

/**
 * Up to `maxFrames` preprocessed frames of `src`. Updates `hash` (when given) with every frame's identity:
 * the clip's bytes are hashed by the caller; here each frame's RGB bytes go in, so the hash names the exact
 * calibration set. Throws BAD_INPUT when no frame at all could be read.
 */
export async function* calibrationFrames(
  src: CalibrationSource,
  spec: InputSpec,
  maxFrames: number,
  opts: { signal?: CancelSignal; hash?: ReturnType<typeof createHash> } = {},
): AsyncGenerator<CalibrationFrame> {
  let index = 0;
  if (src.kind === 'clip') {
    for await (const f of decodeFrames(src.path, { maxFrames, signal: opts.signal })) {
      opts.hash?.update(f.rgb);
      yield { index: index++, tensor: preprocess(f.rgb, f.width, f.height, spec).tensor, file: src.path };
    }
  } else {
    for (const img of src.images ?? []) {
      if (index >= maxFrames) break;
      throwIfCancelled(opts.signal);
      let got = false;
      for await (const f of decodeFrames(img, { maxFrames: 1, signal: opts.signal })) {
        opts.hash?.update(f.rgb);
        got = true;
        yield { index: index++, tensor: preprocess(f.rgb, f.width, f.height, spec).tensor, file: img };
      }
      if (!got) throw new EdgeLabError('BAD_INPUT', 'not a decodable image', img);
    }
  }
  if (index === 0) throw new EdgeLabError('BAD_INPUT', 'empty calibration set: no frame could be read', src.path);
}

/**
 * `frames` passed through unchanged, the tensors of the first `n` also pushed to `held` (the caller's array), for a
 * later pass over them without decoding again. Memory: n preprocessed input tensors (n × one model input).
 */
export async function* holdFirst<F extends { tensor: HostTensor }>(frames: AsyncIterable<F>, n: number, held: HostTensor[]): AsyncGenerator<F> {
  for await (const f of frames) {
    if (held.length < n) held.push(f.tensor);
    yield f;
  }
}
