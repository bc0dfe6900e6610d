// The ONNX COCO detectors EdgeLab ships, made by its own converter from the bundled TF.js detectors:
// the recipe for each, the function that (re)makes one, and its catalog entry. `npm run make:onnx`
// (scripts/make-onnx-detectors.mjs → make-detectors-main.ts) writes them into models/; the tests re-run
// makeOnnxDetector into a temp dir and compare the outputs with the vendored files.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EdgeLabError } from '../../../src-shared/protocol';
import type { BundledModel, ModelMeta } from '../../../src-shared/types/model';
import { checkCancelled, subJob, type JobContext } from '../../jobs/context';
import { hashModel } from '../../models/hash';
import { writeFileAtomic } from '../../workspace/atomic';
import { fp16Onnx } from '../fp16-onnx';
import type { TransformCheck } from '../types';
import { tfjsToOnnx } from './convert';

export interface OnnxDetectorRecipe {
  id: string;
  name: string;
  /** Catalog id of the TF.js source model. */
  sourceId: string;
  /** models/-relative path of the .onnx. */
  path: string;
  /** Store weights as float16 (compute stays float32, fp16-onnx.ts storage mode): used when float32 exceeds ~10 MB. */
  fp16Storage: boolean;
}

/** The default detector for ONNX work (quantization, ONNX benches): the converted CenterNet. */
export const DEFAULT_ONNX_DETECTOR = 'centernet-mobilenet-v3-coco-onnx';

export const ONNX_DETECTORS: readonly OnnxDetectorRecipe[] = [
  { id: 'centernet-mobilenet-v3-coco-onnx', name: 'CenterNet MobileNetV3 (COCO-80), ONNX', sourceId: 'centernet-mobilenet-v3-coco', path: 'centernet-mobilenet-v3-coco-onnx/centernet.onnx', fp16Storage: false },
  // float32 would be 18 MB: weights stored as float16 (9 MB), every op still computes in float32.
  { id: 'ssd-mobilenet-v2-coco-onnx', name: 'SSD-MobileNetV2 (COCO-90), ONNX', sourceId: 'ssd-mobilenet-v2-coco', path: 'ssd-mobilenet-v2-coco-onnx/model.onnx', fp16Storage: true },
];

export interface MadeDetector {
  recipe: OnnxDetectorRecipe;
  file: string;
  sizeBytes: number;
  /** TF.js vs the float32 conversion on real frames (before any fp16 storage). */
  check: TransformCheck;
  /** The ONNX graph's input tensor (the TF.js placeholder, or the tensor after a cut-off pre-processing loop). */
  inputName: string;
  settings: Record<string, unknown>;
}

/** Converts `source` (a TF.js catalog entry, main file `sourceFile`) per `recipe` into `<modelsDir>/<recipe.path>` (replaced atomically). */
export async function makeOnnxDetector(recipe: OnnxDetectorRecipe, sourceFile: string, modelsDir: string, ctx: JobContext): Promise<MadeDetector> {
  const scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-make-onnx-'));
  try {
    const convDir = join(scratch, 'f32');
    await fs.mkdir(convDir);
    const conv = await tfjsToOnnx.apply({ source: sourceFile, outDir: convDir, settings: {} }, subJob(ctx, 0, recipe.fp16Storage ? 0.8 : 0.95, recipe.id));
    if (!conv.check) throw new EdgeLabError('INTERNAL', 'the converter returned no numerical check', sourceFile);
    let made = conv.mainFile;
    if (recipe.fp16Storage) {
      checkCancelled(ctx);
      const halfDir = join(scratch, 'f16');
      await fs.mkdir(halfDir);
      made = (await fp16Onnx.apply({ source: conv.mainFile, outDir: halfDir, settings: { compute: 'float32' } }, subJob(ctx, 0.8, 0.95, `${recipe.id}: fp16 storage`))).mainFile;
    }
    const target = join(modelsDir, recipe.path);
    await fs.mkdir(dirname(target), { recursive: true });
    await writeFileAtomic(target, await fs.readFile(made));
    const inputs = Object.keys((conv.settings?.inputs ?? {}) as Record<string, unknown>);
    ctx.progress({ stage: `${recipe.id}: written`, fraction: 1 });
    return { recipe, file: target, sizeBytes: (await fs.stat(target)).size, check: conv.check, inputName: inputs[0] ?? '', settings: conv.settings ?? {} };
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

/** The catalog entry of a made detector: the source's meta with the ONNX input (name; float32 after a cut loop). */
export async function catalogEntry(made: MadeDetector, source: BundledModel): Promise<BundledModel> {
  const cut = made.inputName !== (source.meta.input.name ?? made.inputName);
  const meta: ModelMeta = structuredClone(source.meta);
  meta.input = { ...meta.input, name: made.inputName, ...(cut ? { dtype: 'float32' as const } : {}) };
  const how = made.recipe.fp16Storage ? ', weights stored as float16 (compute float32)' : ', float32';
  const moved = cut ? `; its pre-processing loop (resize to ${meta.input.width}×${meta.input.height}) is done by EdgeLab's preprocess node, graph input ${made.inputName}` : '';
  return {
    id: made.recipe.id,
    name: made.recipe.name,
    format: 'onnx',
    path: made.recipe.path,
    meta,
    source: `converted by EdgeLab (tfjs-to-onnx, opset 13${how}) from ${source.id} (${source.licence})${moved}; max abs error vs TF.js on real frames ${made.check.maxAbsErrorRowMatched ?? made.check.maxAbsError}`,
    licence: source.licence,
    sha256: await hashModel(made.file),
  };
}
