// `layers`: per-layer error of a variant against its float32 model. Both models run with every
// intermediate float tensor exposed (runtimes/tapped.ts) on the same N preprocessed frames of a clip or image
// folder from frame `startFrame` on (layers/frames.ts, the model's input spec), tensors are matched by name and
// ranked worst first (validation/layer-errors.ts).
import type { Args } from '../../src-shared/api';
import { EdgeLabError } from '../../src-shared/protocol';
import type { LayersResult } from '../../src-shared/types/layers';
import { openCalibrationSource } from '../calibration/reader';
import type { JobContext } from '../jobs/context';
import { compareLayers } from '../validation/layer-errors';
import { framesFrom } from '../layers/frames';
import { openTapped } from '../runtimes/tapped';
import { isSimulatedModel } from '../transforms/int8-sim-tfjs';
import type { EngineCtx } from './context';
import { resolveClip, resolveModel } from './resolve';

export const DEFAULT_LAYERS_CLIP = 'cup';

export async function layers(ctx: EngineCtx, args: Args<'layers'>, job: JobContext): Promise<LayersResult> {
  const ref = await resolveModel(ctx, args.model);
  const vr = await resolveModel(ctx, args.variant);
  const meta = ref.meta ?? vr.meta;
  if (!meta?.input) {
    throw new EdgeLabError('BAD_INPUT', 'no input spec (bundled catalog or sidecar metadata) says how to turn frames into this model\'s input', ref.mainFile);
  }
  const clip = await resolveClip(ctx, args.clip ?? DEFAULT_LAYERS_CLIP);
  job.progress({ stage: 'layers: loading', fraction: 0 });
  const refT = await openTapped(ref.mainFile, ref.format, 'float-intermediates');
  try {
    const varT = await openTapped(vr.mainFile, vr.format, 'float-intermediates');
    try {
      const refInput = meta.input.name ?? refT.inputNames[0];
      if (!refT.inputNames.includes(refInput)) throw new EdgeLabError('BAD_INPUT', `the input spec names '${refInput}', the model's inputs are ${refT.inputNames.join(', ')}`, ref.mainFile);
      const variantInput = varT.inputNames.includes(refInput) ? refInput : varT.inputNames[0];
      const frames = framesFrom(await openCalibrationSource(clip.path), meta.input, args.startFrame ?? 0, args.frames, job.signal);
      const r = await compareLayers(refT, varT, frames, { refInput, variantInput, totalFrames: args.frames }, job);
      if (r.nodes.length === 0) {
        throw new EdgeLabError('BAD_INPUT', `no intermediate tensor of ${vr.mainFile} has a same-named float tensor in ${ref.mainFile}: are they the same network?`, vr.mainFile);
      }
      const simulated = vr.variant?.settings.simulated === true || (vr.format === 'tfjs-graph' && (await isSimulatedModel(vr.mainFile)));
      job.progress({ stage: 'layers: done', fraction: 1 });
      return {
        model: ref.mainFile,
        variant: vr.mainFile,
        format: ref.format,
        variantFormat: vr.format,
        frames: r.frames,
        clip: clip.path,
        nodes: r.nodes,
        skipped: r.skipped,
        ...(simulated ? { simulated } : {}),
      };
    } finally {
      await varT.dispose();
    }
  } finally {
    await refT.dispose();
  }
}
