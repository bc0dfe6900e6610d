// EdgeLab's own record inside a .tflite variant, written by `convert` so that the file alone (its sidecar lost)
// still says what it is — the TFLite twin of formats/onnx/edgelab-props.ts. One Model.metadata entry named
// EDGELAB_METADATA whose buffer holds UTF-8 JSON { variantKind, parent: { name, id?, sha256 }, meta? (ModelMeta
// without lineage) }. Other metadata entries (min_runtime_version, TFLITE_METADATA…) are kept as they are; the
// interpreter ignores entries it does not know.
import { promises as fs } from 'node:fs';
import { parseModelMeta } from '../../../src-shared/model-meta-schema';
import type { FileLineage, ModelMeta } from '../../../src-shared/types/model';
import type { TfliteModel } from './model-ir';
import { FlatBuffer } from './flatbuffer';
import { inspectTfliteBytes } from './reader';
import { readTfliteModel } from './read-model';
import { writeTfliteAtomic } from './writer';

export const EDGELAB_METADATA = 'edgelab';

/** Sets `m`'s EdgeLab metadata entry to `lineage` (and `meta` when given), in place. */
export function setTfliteLineage(m: TfliteModel, lineage: FileLineage, meta?: ModelMeta): void {
  const record: Record<string, unknown> = { variantKind: lineage.kind, parent: lineage.parent };
  if (meta) {
    const { lineage: _drop, ...plain } = meta;
    void _drop;
    record.meta = plain;
  }
  m.metadata = [...(m.metadata ?? []).filter((e) => e.name !== EDGELAB_METADATA), { name: EDGELAB_METADATA, data: new TextEncoder().encode(JSON.stringify(record)) }];
}

/** Rewrites the .tflite `file` with its EdgeLab metadata entry set (atomically). */
export async function stampTfliteLineage(file: string, lineage: FileLineage, meta?: ModelMeta): Promise<void> {
  const m = readTfliteModel(new Uint8Array(await fs.readFile(file)), file);
  setTfliteLineage(m, lineage, meta);
  await writeTfliteAtomic(file, m);
}

type WithMetadata = Pick<TfliteModel, 'metadata'>;

/** Only the Model.metadata entries of a .tflite (bounded check first; no tensor data copied). Schema.fbs field ids:
 *  Model.buffers 4, Model.metadata 6; Metadata.name 0, .buffer 1; Buffer.data 0. */
export function readTfliteMetadata(bytes: Uint8Array, file: string): WithMetadata {
  inspectTfliteBytes(bytes, file);
  const root = new FlatBuffer(bytes, file).root();
  const buffers = root.tables(4);
  const metadata = root.tables(6).map((e) => {
    const b = buffers[e.u32(1)];
    const { length, start } = b ? b.vector(0, 1) : { length: 0, start: 0 };
    return { name: e.string(0) ?? '', data: bytes.slice(start, start + length) };
  });
  return { metadata };
}

function record(m: WithMetadata): Record<string, unknown> | undefined {
  const e = m.metadata?.find((x) => x.name === EDGELAB_METADATA);
  if (!e) return undefined;
  try {
    const r = JSON.parse(new TextDecoder().decode(e.data)) as unknown;
    return r && typeof r === 'object' ? (r as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The lineage the EdgeLab entry records, or undefined (absent or malformed). */
export function lineageOfTflite(m: WithMetadata): FileLineage | undefined {
  const r = record(m);
  const p = r?.parent as { name?: unknown; id?: unknown; sha256?: unknown } | undefined;
  if (typeof r?.variantKind !== 'string' || !p || typeof p.name !== 'string' || !p.name || typeof p.sha256 !== 'string') return undefined;
  return { kind: r.variantKind, parent: { name: p.name, ...(typeof p.id === 'string' && p.id ? { id: p.id } : {}), sha256: p.sha256 } };
}

/** The ModelMeta the EdgeLab entry records (with its lineage when recorded), or undefined. */
export function metaOfTflite(m: WithMetadata): ModelMeta | undefined {
  const raw = record(m)?.meta;
  if (raw === undefined) return undefined;
  const r = parseModelMeta(raw);
  if (!r.ok) return undefined;
  const lineage = lineageOfTflite(m);
  return lineage ? { ...r.meta, lineage } : r.meta;
}
