// zod schema for ModelMeta (src-shared/types/model.ts): validates catalog entries and
// `<model>.edgelab.json` sidecars in every host. Pure zod.
import { z } from 'zod';
import type { ModelMeta } from './types/model';

const range = z.tuple([z.number().finite(), z.number().finite()]).refine(([lo, hi]) => lo < hi, 'range must be [lo, hi] with lo < hi');

export const inputSpecSchema = z
  .object({
    name: z.string().min(1).optional(),
    /** Pixels, 1..16384. */
    width: z.number().int().min(1).max(16384),
    height: z.number().int().min(1).max(16384),
    layout: z.enum(['NHWC', 'NCHW']),
    dtype: z.enum(['float32', 'int32', 'uint8']),
    range,
    resize: z.enum(['stretch', 'letterbox', 'center-crop']),
    channels: z.enum(['RGB', 'BGR']),
    mean: z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]).optional(),
    std: z.tuple([z.number().finite().positive(), z.number().finite().positive(), z.number().finite().positive()]).optional(),
    padValue: z.number().min(0).max(255).optional(),
  })
  .strict();

export const decoderSpecSchema = z
  .object({
    kind: z.string().min(1),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const embeddingSpecSchema = z
  .object({
    output: z.string().min(1),
    dims: z.number().int().min(1),
    pool: z.enum(['none', 'mean']).optional(),
  })
  .strict();

export const modelMetaSchema = z
  .object({
    task: z.enum(['detector', 'embedder']),
    input: inputSpecSchema,
    decoder: decoderSpecSchema.optional(),
    embedding: embeddingSpecSchema.optional(),
    labels: z.union([z.string().min(1), z.array(z.string())]).optional(),
    lineage: z
      .object({ kind: z.string().min(1), parent: z.object({ name: z.string().min(1), id: z.string().min(1).optional(), sha256: z.string().min(1) }).strict() })
      .strict()
      .optional(),
  })
  .strict()
  .refine((m) => m.task !== 'detector' || m.decoder !== undefined, 'a detector needs a decoder')
  .refine((m) => m.task !== 'embedder' || m.embedding !== undefined, 'an embedder needs an embedding');

// Compile-time check that the schema and the interface agree both ways.
type Parsed = z.output<typeof modelMetaSchema>;
const _toMeta = (p: Parsed): ModelMeta => p;
const _toParsed = (m: ModelMeta): Parsed => m;
void _toMeta;
void _toParsed;

/** Parses `value` as ModelMeta; on failure returns the first problem as one line ("input.width: …"). */
export function parseModelMeta(value: unknown): { ok: true; meta: ModelMeta } | { ok: false; problem: string } {
  const r = modelMetaSchema.safeParse(value);
  if (r.success) return { ok: true, meta: r.data };
  const first = r.error.issues[0];
  const where = first?.path.length ? first.path.join('.') : 'meta';
  return { ok: false, problem: `${where}: ${first?.message ?? 'invalid'}` };
}
