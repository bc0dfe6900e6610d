// The workspace manifest: `<workspace>/manifest.json`, versioned, validated with zod on every read.
// Entries reference content folders by workspace-relative paths (models/<id>/…, reports/<id>/…);
// run summaries carry the absolute run directory (a run may live outside the workspace, e.g. `--out`).
// Lab steps (lab/register.ts) add their runs (with `lab`), their variants (labs/<name>/steps/<key>/…, with `lab`) and,
// for a bundled parent not imported, a model entry whose `path` is the bundled file (absolute; origin `lab <name>`).
import { z } from 'zod';
import { VARIANT_KINDS, type ModelEntry, type VariantEntry } from '../../src-shared/types/model';
import type { RunSummary } from '../../src-shared/formats/run';
import { EdgeLabError } from '../../src-shared/protocol';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_SCHEMA = 'edgelab.workspace';
export const MANIFEST_VERSION = 1;

/** A report written by the engine (files are absolute paths). */
export interface ReportEntry {
  id: string;
  title: string;
  createdAt: string;
  format: 'html' | 'pdf' | 'csv' | 'json';
  runIds: string[];
  files: string[];
}

export interface Manifest {
  schema: typeof MANIFEST_SCHEMA;
  version: typeof MANIFEST_VERSION;
  models: ModelEntry[];
  runs: RunSummary[];
  reports: ReportEntry[];
}

const formatSchema = z.enum(['onnx', 'tfjs-graph', 'tflite']);

// Objects are loose: later versions may add fields, which this version must carry through untouched.
const variantSchema = z.looseObject({
  id: z.string().min(1),
  parentId: z.string().min(1),
  kind: z.enum(VARIANT_KINDS), // every VariantKind (types/model.ts)
  format: formatSchema,
  path: z.string().min(1),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
  settings: z.record(z.string(), z.unknown()),
  keptFloat: z.array(z.string()).optional(),
  folded: z.array(z.looseObject({ name: z.string(), op: z.string(), into: z.string(), reason: z.string() })).optional(),
  exportedAs: z.array(z.string()).optional(),
});

const modelSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  format: formatSchema,
  path: z.string().min(1),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  importedAt: z.string(),
  origin: z.string(),
  meta: z.looseObject({ task: z.string(), input: z.looseObject({}) }).optional(),
  variants: z.array(variantSchema),
});

const runSchema = z.looseObject({
  id: z.string().min(1),
  createdAt: z.string(),
  model: z.looseObject({ name: z.string(), sha256: z.string(), format: formatSchema }),
  clip: z.looseObject({ name: z.string(), path: z.string() }),
  frames: z.number().int().nonnegative(),
  dir: z.string().min(1),
});

const reportSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  createdAt: z.string(),
  format: z.enum(['html', 'pdf', 'csv', 'json']),
  runIds: z.array(z.string()),
  files: z.array(z.string()),
});

const manifestSchema = z.object({
  schema: z.literal(MANIFEST_SCHEMA),
  version: z.literal(MANIFEST_VERSION),
  models: z.array(modelSchema),
  runs: z.array(runSchema),
  reports: z.array(reportSchema),
});

export function emptyManifest(): Manifest {
  return { schema: MANIFEST_SCHEMA, version: MANIFEST_VERSION, models: [], runs: [], reports: [] };
}

/** Parses manifest text; throws BAD_INPUT naming `file` when it is not a valid version-1 manifest. */
export function parseManifest(text: string, file: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new EdgeLabError('BAD_INPUT', 'workspace manifest is not valid JSON', file);
  }
  const r = manifestSchema.safeParse(raw);
  if (!r.success) {
    const first = r.error.issues[0];
    const where = first?.path.length ? first.path.join('.') : 'manifest';
    throw new EdgeLabError('BAD_INPUT', `workspace manifest: ${where}: ${first?.message ?? 'invalid'}`, file);
  }
  return r.data as unknown as Manifest;
}

/** Model or variant with the given id, or undefined. */
export function findModelOrVariant(
  m: Manifest,
  id: string,
): { model: ModelEntry; variant?: VariantEntry } | undefined {
  for (const model of m.models) {
    if (model.id === id) return { model };
    const variant = model.variants.find((v) => v.id === id);
    if (variant) return { model, variant };
  }
  return undefined;
}
