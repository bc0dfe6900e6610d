// Models whose reader is `readOnly` (no writer or transform, e.g. .tflite): `inspect` reads them by path before
// the normal resolution (which would also look for metadata they may not have).
import { findBundledModel } from '../models/catalog';
import { detectFormat, resolveModelPath } from '../models/registry';
import { findModelOrVariant } from '../workspace/manifest';
import type { EngineCtx } from './context';

/** Absolute main file when `model` is a path (allowed by the host's policy) to a read-only format; else undefined. */
export async function readOnlyModelFile(ctx: EngineCtx, model: string): Promise<string | undefined> {
  if (findModelOrVariant(await ctx.ws.read(), model) || findBundledModel(model)) return undefined;
  let file: string;
  try {
    file = await resolveModelPath(ctx.policy.resolveInput(model));
    return (await detectFormat(file)).readOnly ? file : undefined;
  } catch {
    return undefined; // the normal resolution reports what is wrong
  }
}
