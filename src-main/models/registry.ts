// Model detection and inspection (Netron's pattern): each reader's cheap `match` on ≤4 KiB and the path, then
// the first match's `inspect`. The readers are the format homes' (formats/registry.ts: add a format there).
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import type { InspectResult } from '../../src-shared/types/model';
import { FORMATS } from '../formats/registry';
import { tfjsReader } from '../formats/tfjs/reader';
import type { ModelReader } from '../formats/types';
import { metaForModel } from './catalog';
import { fittingLayouts } from '../pipeline/decoders/fit';
import { openRegularFile } from '../workspace/regular-file';

export const READERS: ModelReader[] = FORMATS.map((f) => f.reader);

const HEAD_BYTES = 4096;

async function readHead(file: string): Promise<Uint8Array> {
  const { fh } = await openRegularFile(file, 'model file');
  try {
    const buf = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function notAModel(file: string): EdgeLabError {
  return new EdgeLabError('BAD_INPUT', `${file}: not a model EdgeLab can read (expected .onnx or TF.js model.json)`, file);
}

/**
 * The model's main file: `path` itself, or for a directory the one TF.js model.json inside it (a file
 * named model.json, else the single *.json the TF.js reader matches). Throws NOT_FOUND / BAD_INPUT.
 */
export async function resolveModelPath(path: string): Promise<string> {
  const abs = resolve(path);
  let st;
  try {
    st = await fs.stat(abs);
  } catch {
    throw new EdgeLabError('NOT_FOUND', 'no such file or folder', abs);
  }
  if (st.isFile()) return abs;
  if (!st.isDirectory()) throw notAModel(abs);
  const names = (await fs.readdir(abs)).sort();
  if (names.includes('model.json')) return join(abs, 'model.json'); // readHead/readers refuse it if not a regular file
  const onnx = names.filter((n) => n.toLowerCase().endsWith('.onnx'));
  const jsons: string[] = [];
  for (const n of names.filter((x) => x.toLowerCase().endsWith('.json'))) {
    const f = join(abs, n);
    if (tfjsReader.match(await readHead(f), f)) jsons.push(f);
  }
  if (jsons.length === 1 && onnx.length === 0) return jsons[0];
  if (onnx.length === 1 && jsons.length === 0) return join(abs, onnx[0]);
  if (jsons.length + onnx.length > 1) {
    throw new EdgeLabError('BAD_INPUT', `folder holds several models (${[...jsons.map((j) => j.slice(abs.length + 1)), ...onnx].join(', ')}); name one`, abs);
  }
  throw new EdgeLabError('BAD_INPUT', `${abs}: folder holds no model (expected .onnx or TF.js model.json)`, abs);
}

/** The reader for `path` (file or folder, see resolveModelPath). Throws BAD_INPUT when none matches. */
export async function detectFormat(path: string): Promise<ModelReader> {
  const file = await resolveModelPath(path);
  const head = await readHead(file);
  const reader = READERS.find((r) => r.match(head, file));
  if (!reader) throw notAModel(file);
  return reader;
}

/** Inspects a model file or folder; attaches `meta` from a sidecar or the bundled catalog when found. */
export async function inspectModel(path: string): Promise<InspectResult> {
  const file = await resolveModelPath(path);
  const reader = await detectFormat(file);
  const result = await reader.inspect(file);
  const meta = await metaForModel(file);
  return meta ? { ...result, meta } : { ...result, decoderFits: fittingLayouts(result.outputs) };
}
