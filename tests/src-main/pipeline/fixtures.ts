// Shared test inputs: the bundled catalog's metadata and frames of the real clips.
import { basename, join } from 'node:path';
import catalog from '../../../models/catalog.json';
import type { RunSettings } from '../../../src-shared/formats/run';
import type { ModelMeta } from '../../../src-shared/types/model';
import type { ReplayOptions } from '../../../src-main/pipeline/replay';
import { decodeFrames, type DecodedFrame } from '../../../src-main/media/decode';

export const ROOT = process.cwd();
export const CUP = join(ROOT, 'samples/cup.mp4');
export { faceClip } from '../../support/face-clip';

export function bundled(id: string): { path: string; meta: ModelMeta; format: 'onnx' | 'tfjs-graph'; name: string; sha256: string } {
  const m = catalog.models.find((x) => x.id === id);
  if (!m) throw new Error(`no bundled model ${id}`);
  return { path: join(ROOT, 'models', m.path), meta: m.meta as ModelMeta, format: m.format as 'onnx' | 'tfjs-graph', name: m.name, sha256: m.sha256 };
}

/**
 * A replay of bundled model `id` on `clipPath` into `outDir` (run id `test-<id>`, clip named by its file): the
 * options every pipeline test builds; `extra` adds or overrides (run id, embedder, trace, worker…).
 */
export function bundledReplay(id: string, clipPath: string, outDir: string, settings: RunSettings, extra: Partial<ReplayOptions> = {}): ReplayOptions {
  const b = bundled(id);
  return {
    runId: `test-${id}`,
    modelPath: b.path,
    meta: b.meta,
    model: { name: b.name, path: b.path, sha256: b.sha256, format: b.format, variantKind: 'fp32', sizeBytes: 1 },
    clipPath,
    clip: { name: basename(clipPath), sha256: 'test' },
    settings,
    outDir,
    ...extra,
  };
}

/** Frames with the given indices (decoded in one pass up to the largest). */
export async function framesAt(clip: string, indices: number[]): Promise<DecodedFrame[]> {
  const want = new Set(indices);
  const out: DecodedFrame[] = [];
  for await (const f of decodeFrames(clip, { maxFrames: Math.max(...indices) + 1 })) if (want.has(f.index)) out.push(f);
  return out;
}
