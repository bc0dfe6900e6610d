// Shared test inputs: the bundled catalog's metadata and frames of the real clips.
import { join } from 'node:path';
import catalog from '../../../models/catalog.json';
import type { ModelMeta } from '../../../src-shared/types/model';
import { decodeFrames, type DecodedFrame } from '../../../src-main/media/decode';

export const ROOT = process.cwd();
export const CUP = join(ROOT, 'samples/cup.mp4');
export { faceClip } from '../../support/face-clip';

export function bundled(id: string): { path: string; meta: ModelMeta; format: 'onnx' | 'tfjs-graph'; name: string; sha256: string } {
  const m = catalog.models.find((x) => x.id === id);
  if (!m) throw new Error(`no bundled model ${id}`);
  return { path: join(ROOT, 'models', m.path), meta: m.meta as ModelMeta, format: m.format as 'onnx' | 'tfjs-graph', name: m.name, sha256: m.sha256 };
}

/** Frames with the given indices (decoded in one pass up to the largest). */
export async function framesAt(clip: string, indices: number[]): Promise<DecodedFrame[]> {
  const want = new Set(indices);
  const out: DecodedFrame[] = [];
  for await (const f of decodeFrames(clip, { maxFrames: Math.max(...indices) + 1 })) if (want.has(f.index)) out.push(f);
  return out;
}
