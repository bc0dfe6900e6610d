// The frames `layers` compares on: `count` preprocessed frames of a clip or image folder starting at decode index
// `startFrame` (0-based, the same index a run's frame i carries), so the UI can ask for the per-layer error of the
// exact frame a compare event points at.
import type { CancelSignal } from '../../src-shared/protocol';
import { EdgeLabError, throwIfCancelled } from '../../src-shared/protocol';
import type { InputSpec } from '../../src-shared/types/model';
import { calibrationFrames, type CalibrationFrame, type CalibrationSource } from '../calibration/reader';
import { decodeFrames } from '../media/decode';
import { preprocess } from '../pipeline/nodes/preprocess';

/**
 * Frames startFrame … startFrame + count − 1 (fewer when the source ends first); `index` is the decode index.
 * A clip is decoded from its start and the first `startFrame` frames dropped unprocessed: ffmpeg's input seek lands
 * on timestamps/keyframes, and only counting decoded frames gives the run's frame index exactly. Throws BAD_INPUT
 * naming the source when `startFrame` is past its end.
 */
export async function* framesFrom(
  src: CalibrationSource,
  spec: InputSpec,
  startFrame: number,
  count: number,
  signal?: CancelSignal,
): AsyncGenerator<CalibrationFrame> {
  if (src.kind === 'images') {
    const images = src.images ?? [];
    if (startFrame >= images.length) throw new EdgeLabError('BAD_INPUT', `startFrame ${startFrame} is past the last image (the folder holds ${images.length})`, src.path);
    for await (const f of calibrationFrames({ ...src, images: images.slice(startFrame) }, spec, count, { signal })) yield { ...f, index: f.index + startFrame };
    return;
  }
  let index = 0;
  let yielded = 0;
  for await (const f of decodeFrames(src.path, { maxFrames: startFrame + count, signal })) {
    throwIfCancelled(signal);
    if (index >= startFrame) {
      yield { index, tensor: preprocess(f.rgb, f.width, f.height, spec).tensor, file: src.path };
      yielded++;
    }
    index++;
  }
  if (yielded === 0) throw new EdgeLabError('BAD_INPUT', `startFrame ${startFrame} is past the end of the clip (${index} frames decoded)`, src.path);
}
