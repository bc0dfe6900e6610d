// EdgeLab's own ONNX metadata_props, written into a variant by `convert` so that the file alone (its sidecar
// lost) still says what it is: `edgelab.variantKind` (int8, fp16, …), `edgelab.parent` (JSON { name, id?, sha256 }
// of the model it was made from) and `edgelab.meta` (JSON ModelMeta: input spec, decoder, labels, without lineage).
// Other metadata_props (an Ultralytics export's names, imgsz…) are kept as they are.
import { promises as fs } from 'node:fs';
import type { onnx } from 'onnx-proto';
import { parseModelMeta } from '../../../src-shared/model-meta-schema';
import type { FileLineage, ModelMeta } from '../../../src-shared/types/model';
import { decodeOnnx, encodeOnnx, onnxPb } from './codec';

export const PROP_KIND = 'edgelab.variantKind';
export const PROP_PARENT = 'edgelab.parent';
export const PROP_META = 'edgelab.meta';

/** Rewrites `file` (an ONNX model) with the edgelab.* metadata_props set to `lineage` (and `meta` when given). */
export async function stampOnnxLineage(file: string, lineage: FileLineage, meta?: ModelMeta): Promise<void> {
  const m = decodeOnnx(await fs.readFile(file), file);
  const set: Record<string, string> = { [PROP_KIND]: lineage.kind, [PROP_PARENT]: JSON.stringify(lineage.parent) };
  if (meta) {
    const { lineage: _drop, ...plain } = meta;
    void _drop;
    set[PROP_META] = JSON.stringify(plain);
  }
  const kept = (m.metadataProps ?? []).filter((p) => !((p.key ?? '') in set) && p.key !== PROP_META);
  m.metadataProps = [...kept, ...Object.entries(set).map(([key, value]) => onnxPb.StringStringEntryProto.create({ key, value }))];
  await fs.writeFile(file, encodeOnnx(m));
}

/** The lineage a model's edgelab.* metadata_props record, or undefined (absent or malformed). */
export function lineageOfOnnx(model: onnx.IModelProto): FileLineage | undefined {
  const props = new Map((model.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? '']));
  const kind = props.get(PROP_KIND);
  const parentText = props.get(PROP_PARENT);
  if (!kind || !parentText) return undefined;
  try {
    const p = JSON.parse(parentText) as { name?: unknown; id?: unknown; sha256?: unknown };
    if (typeof p.name !== 'string' || !p.name || typeof p.sha256 !== 'string') return undefined;
    return { kind, parent: { name: p.name, ...(typeof p.id === 'string' && p.id ? { id: p.id } : {}), sha256: p.sha256 } };
  } catch {
    return undefined;
  }
}

/** The ModelMeta a model's edgelab.meta records (with its lineage when recorded), or undefined. */
export function metaOfOnnx(model: onnx.IModelProto): ModelMeta | undefined {
  const text = (model.metadataProps ?? []).find((p) => p.key === PROP_META)?.value;
  if (!text) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const r = parseModelMeta(raw);
  if (!r.ok) return undefined;
  const lineage = lineageOfOnnx(model);
  return lineage ? { ...r.meta, lineage } : r.meta;
}
