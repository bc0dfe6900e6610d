// `modelGraph`: the graph of a model or variant (workspace id, bundled id or path) as the Graph view draws it,
// read by its format home (formats/registry.ts `graph`); a workspace variant also names its float32 parent and
// what its conversion kept in float, so the view can put the two side by side and mark the difference.
import type { Args } from '../../src-shared/api';
import { EdgeLabError } from '../../src-shared/protocol';
import type { ModelGraph } from '../../src-shared/types/graph';
import { FORMATS } from '../formats/registry';
import type { EngineCtx } from './context';
import { namedReadError, resolveModel } from './resolve';

export async function modelGraph(ctx: EngineCtx, args: Args<'modelGraph'>): Promise<ModelGraph> {
  const r = await resolveModel(ctx, args.model);
  const read = FORMATS.find((f) => f.format === r.format)?.graph;
  if (!read) throw new EdgeLabError('UNSUPPORTED', `no graph reader for the ${r.format} format`, r.mainFile);
  const g = await read(r.mainFile).catch((e: unknown) => Promise.reject(namedReadError(e, r.mainFile)));
  const id = r.variant?.id ?? r.entry?.id ?? r.bundledId;
  const v = r.variant;
  const exclude = Array.isArray(v?.settings.exclude) ? v.settings.exclude.filter((x): x is string => typeof x === 'string') : [];
  return {
    ...g,
    ...(id ? { id } : {}),
    ...(v ? { variant: { kind: v.kind, parentId: v.parentId, keptFloat: v.keptFloat ?? [], exclude, ...(v.lineage?.calibration ? { calibration: v.lineage.calibration } : {}) } } : {}),
  };
}
