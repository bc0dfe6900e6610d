// Labels named by a sidecar: a built-in set (`coco80`, `coco90`, `face`: src-shared/class-names.ts) or a file
// resolved against the sidecar's folder — text (labels.txt, coco.names: one name a line, index = class id),
// JSON (a list, or an id → name map), or YAML (Ultralytics data.yaml: `names` as a list or an id → name map).
// Resolved once, when the metadata is read, into an explicit list; a missing or empty file is BAD_INPUT.
import { promises as fs } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { LABEL_SETS } from '../../src-shared/class-names';
import { EdgeLabError } from '../../src-shared/protocol';
import type { ModelMeta } from '../../src-shared/types/model';

/** Largest labels file read, bytes (a few thousand class names fit many times over). */
const MAX_LABELS_FILE = 4 << 20;

/** An id → name map (keys integers ≥ 0) as a list, gaps ''. */
function fromMap(map: Record<string, unknown>, file: string): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(map)) {
    const id = Number(k);
    if (!Number.isInteger(id) || id < 0 || id > 100_000 || typeof v !== 'string') throw new EdgeLabError('BAD_INPUT', `labels map entry ${JSON.stringify(k)}: ${JSON.stringify(v)} is not a class id → name`, file);
    out[id] = v;
  }
  return Array.from(out, (v) => v ?? '');
}

function fromValue(v: unknown, file: string): string[] {
  if (Array.isArray(v)) {
    if (!v.every((x) => typeof x === 'string')) throw new EdgeLabError('BAD_INPUT', 'labels list holds a value that is not a string', file);
    return v as string[];
  }
  if (v && typeof v === 'object') return fromMap(v as Record<string, unknown>, file);
  throw new EdgeLabError('BAD_INPUT', 'labels file holds neither a list of names nor an id → name map', file);
}

/** Names in a labels file, index = class id. */
export function parseLabelsFile(text: string, file: string): string[] {
  const ext = extname(file).toLowerCase();
  let names: string[];
  if (ext === '.json') {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw new EdgeLabError('BAD_INPUT', `labels file is not valid JSON: ${(e as Error).message}`, file);
    }
    names = fromValue(v, file);
  } else if (ext === '.yaml' || ext === '.yml') {
    let v: unknown;
    try {
      v = parseYaml(text);
    } catch (e) {
      throw new EdgeLabError('BAD_INPUT', `labels file is not valid YAML: ${(e as Error).message}`, file);
    }
    const names0 = v && typeof v === 'object' && !Array.isArray(v) && 'names' in v ? (v as { names: unknown }).names : v;
    names = fromValue(names0, file);
  } else {
    names = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim());
    while (names.length && names[names.length - 1] === '') names.pop();
  }
  if (!names.some((n) => n !== '')) throw new EdgeLabError('BAD_INPUT', 'labels file holds no name', file);
  return names;
}

/** `meta` with a labels file name (not a built-in set) replaced by the file's names; `sidecar` gives the folder. */
export async function resolveLabels(meta: ModelMeta, sidecar: string): Promise<ModelMeta> {
  const l = meta.labels;
  if (typeof l !== 'string' || Object.prototype.hasOwnProperty.call(LABEL_SETS, l.toLowerCase())) return meta;
  const file = resolve(dirname(sidecar), l);
  let text: string;
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) throw new Error('not a file');
    if (st.size > MAX_LABELS_FILE) throw new EdgeLabError('BAD_INPUT', `labels file is ${st.size} bytes (at most ${MAX_LABELS_FILE})`, file);
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if (e instanceof EdgeLabError) throw e;
    throw new EdgeLabError('BAD_INPUT', `labels "${l}" is neither a built-in set (${Object.keys(LABEL_SETS).join(', ')}) nor a readable file beside the sidecar`, file);
  }
  return { ...meta, labels: parseLabelsFile(text, file) };
}
