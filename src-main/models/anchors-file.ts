// ssd-anchors' `anchors` named in a sidecar: a preset name (pipeline/decoders/anchor-grid.ts) stays a name; any
// other string is a JSON file resolved against the sidecar's folder — a list of N rows [ycenter, xcenter, height,
// width] normalised 0..1 — read into the params when the metadata loads. Missing or malformed: BAD_INPUT.
import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import type { ModelMeta } from '../../src-shared/types/model';
import { ANCHOR_PRESETS } from '../pipeline/decoders/anchor-grid';

/** Largest anchors file read, bytes (100 000 anchors as JSON text is a few MB). */
const MAX_ANCHORS_FILE = 32 << 20;

export async function resolveAnchors(meta: ModelMeta, sidecar: string): Promise<ModelMeta> {
  const d = meta.decoder;
  const a = d?.kind === 'ssd-anchors' ? d.params?.anchors : undefined;
  if (typeof a !== 'string' || Object.prototype.hasOwnProperty.call(ANCHOR_PRESETS, a)) return meta;
  const file = resolve(dirname(sidecar), a);
  let rows: unknown;
  try {
    const st = await fs.stat(file);
    if (st.size > MAX_ANCHORS_FILE) throw new EdgeLabError('BAD_INPUT', `anchors file is ${st.size} bytes (at most ${MAX_ANCHORS_FILE})`, file);
    rows = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (e) {
    if (e instanceof EdgeLabError) throw e;
    throw new EdgeLabError('BAD_INPUT', `anchors "${a}" is neither a preset (${Object.keys(ANCHOR_PRESETS).join(', ')}) nor a readable JSON file beside the sidecar: ${(e as Error).message}`, file);
  }
  const ok = Array.isArray(rows) && rows.length > 0 && rows.every((r) => Array.isArray(r) && r.length === 4 && r.every((v) => typeof v === 'number' && Number.isFinite(v)));
  if (!ok) throw new EdgeLabError('BAD_INPUT', 'anchors file must hold a list of rows [ycenter, xcenter, height, width]', file);
  return { ...meta, decoder: { ...d!, params: { ...d!.params, anchors: rows } } };
}
