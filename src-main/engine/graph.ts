// `modelGraph`: the graph of a model or variant (workspace id, bundled id or path) as the Graph view draws it,
// read by its format home (formats/registry.ts `graph`); a workspace variant also names its float32 parent and
// what its conversion kept in float, so the view can put the two side by side and mark the difference. Parsed
// graphs are kept per model file (graph-cache.ts: re-read when the file's size or mtime changes).
import type { Args } from '../../src-shared/api';
import { EdgeLabError } from '../../src-shared/protocol';
import type { ModelGraph } from '../../src-shared/types/graph';
import { floatComputeNodes } from '../../src-shared/graph/float-compute';
import { DEFAULT_CALIBRATION_CLIP } from '../../src-shared/api';
import { BIAS_CORRECTION_SCOPES } from '../../src-shared/types/model';
import { DEFAULT_METHOD, DEFAULT_PERCENTILE } from '../calibration/calibrators';
import { FORMATS } from '../formats/registry';
import { DEFAULT_CALIBRATION_FRAMES } from '../transforms/int8-onnx';
import { DEFAULT_SIM_FRAMES } from '../transforms/int8-sim-tfjs';
import type { EngineCtx } from './context';
import { cachedGraph } from './graph-cache';
import { namedReadError, resolveModel } from './resolve';

export async function modelGraph(ctx: EngineCtx, args: Args<'modelGraph'>): Promise<ModelGraph> {
  const r = await resolveModel(ctx, args.model);
  const read = FORMATS.find((f) => f.format === r.format)?.graph;
  if (!read) throw new EdgeLabError('UNSUPPORTED', `no graph reader for the ${r.format} format`, r.mainFile);
  const g = await cachedGraph(r.mainFile, read).catch((e: unknown) => Promise.reject(namedReadError(e, r.mainFile)));
  const id = r.variant?.id ?? r.entry?.id ?? r.bundledId;
  const v = r.variant;
  const exclude = Array.isArray(v?.settings.exclude) ? v.settings.exclude.filter((x): x is string => typeof x === 'string') : [];
  const o = v?.lineage?.options ?? {};
  const method = typeof o.method === 'string' ? o.method : DEFAULT_METHOD;
  const calibrationSettings =
    v?.kind === 'int8'
      ? {
          calibration: v.lineage?.calibration ?? DEFAULT_CALIBRATION_CLIP,
          frames: typeof o.frames === 'number' ? o.frames : v.format === 'onnx' ? DEFAULT_CALIBRATION_FRAMES : DEFAULT_SIM_FRAMES,
          method,
          ...(method === 'percentile' ? { percentile: typeof o.percentile === 'number' ? o.percentile : DEFAULT_PERCENTILE } : {}),
          ...(typeof o.targetSnrDb === 'number' ? { targetSnrDb: o.targetSnrDb } : {}),
          ...(typeof o.targetRecall === 'number' ? { targetRecall: o.targetRecall } : {}),
          ...recordedInt8Options(v.settings, o),
        }
      : undefined;
  // Kept in float: only names of nodes this graph has. An int8 ONNX variant's conversion records groups ('post-processing',
  // an op type, with counts) rather than nodes, so its float nodes are found in its own graph (graph/float-compute.ts:
  // what onnxruntime cannot fuse into int8 kernels), plus any recorded node name. A group entry or a node the
  // conversion removed (variants made before folded activations were reported apart from keptFloat listed the folded
  // Relu/Clip) is not a float node here, and must not mark the parent's node of that name.
  const own = new Set(g.nodes.map((n) => n.name));
  const recorded = (v?.keptFloat ?? []).filter((name) => own.has(name));
  const keptFloat = v?.kind === 'int8' && g.format === 'onnx' ? [...new Set([...floatComputeNodes(g), ...recorded])] : recorded;
  return {
    ...g,
    ...(id ? { id } : {}),
    ...(v ? { variant: { kind: v.kind, parentId: v.parentId, keptFloat, exclude, ...(v.lineage?.calibration ? { calibration: v.lineage.calibration } : {}), ...(calibrationSettings ? { calibrationSettings } : {}) } } : {}),
  };
}

type Scope = (typeof BIAS_CORRECTION_SCOPES)[number];
const isScope = (x: unknown): x is Scope => (BIAS_CORRECTION_SCOPES as readonly unknown[]).includes(x);

/**
 * An int8 variant's bias correction and weight range as it was made, so a remake changes nothing else. Settings first
 * (int8-onnx.ts records `biasCorrection`: 'off' or its report `{ scope, … }`, and `reduceRange`: the range used, given
 * or decided from the CPU), then the options as given (`options`: its lineage's); neither recorded = left out.
 */
export function recordedInt8Options(settings: Record<string, unknown>, options: Record<string, unknown>): { biasCorrection?: boolean | Scope; reduceRange?: boolean } {
  const b = settings.biasCorrection;
  const scope = b && typeof b === 'object' ? (b as { scope?: unknown }).scope : undefined;
  const given = options.biasCorrection;
  const biasCorrection = b === 'off' ? false : isScope(scope) ? scope : typeof given === 'boolean' || isScope(given) ? given : undefined;
  const r = typeof settings.reduceRange === 'boolean' ? settings.reduceRange : options.reduceRange;
  return { ...(biasCorrection !== undefined ? { biasCorrection } : {}), ...(typeof r === 'boolean' ? { reduceRange: r } : {}) };
}
