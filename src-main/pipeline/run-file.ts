// Reading a run directory back: run.json validated against the RunFile shape (zod), frame image paths.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RUN_FILE, RUN_SCHEMA, RUN_VERSION, type RunFile } from '../../src-shared/formats/run';
import { EdgeLabError } from '../../src-shared/protocol';
import { thumbnailName } from './nodes/sink';

const num = z.number().finite();
const box = z.tuple([num, num, num, num]);
const detection = z.object({
  box,
  score: num,
  classId: z.number().int(),
  label: z.string(),
  source: z.enum(['detected', 'propagated']),
  trackId: z.number().int().optional(),
});
const frame = z.object({
  index: z.number().int().min(0),
  ptsMs: num,
  detected: z.boolean(),
  detections: z.array(detection),
  timings: z.object({ decodeMs: num, preprocessMs: num, inferenceMs: num, postprocessMs: num }),
  thumbnail: z.string().optional(),
});
const model = z.object({
  id: z.string().optional(),
  name: z.string(),
  path: z.string(),
  sha256: z.string(),
  format: z.enum(['onnx', 'tfjs-graph']),
  variantKind: z.string(),
  sizeBytes: num,
  runtime: z.string(),
  backend: z.string(),
});
const clip = z.object({ path: z.string(), name: z.string(), sha256: z.string(), width: num, height: num, fps: num, durationMs: num });
const settings = z.object({
  maxFrames: z.number().int().min(0),
  detectEvery: z.number().int().min(1),
  scoreThreshold: num,
  iouThreshold: num,
  maxDetections: z.number().int().min(1),
  thumbnailSize: z.number().int().min(0),
});
const nullableInt = z.number().int().nullable();
export const runFileSchema = z.object({
  schema: z.literal(RUN_SCHEMA),
  version: z.literal(RUN_VERSION),
  id: z.string().min(1),
  createdAt: z.string(),
  model,
  clip,
  settings,
  thumbnails: z.object({ width: z.number().int(), height: z.number().int() }).nullable(),
  frames: z.array(frame),
  summary: z.object({
    frames: z.number().int().min(0),
    inferenceMsMean: num,
    inferenceMsP50: num,
    inferenceMsP90: num,
    wallMsPerFrame: num,
    detectionsPerFrame: num,
    firstBoxFrame: nullableInt,
    firstBoxMs: num.nullable(),
  }),
});

/** Reads `<dir>/run.json`; BAD_INPUT naming the file when missing, not JSON, of another schema/version or malformed. */
export async function readRun(dir: string): Promise<RunFile> {
  const file = join(dir, RUN_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new EdgeLabError('BAD_INPUT', 'not a run directory (run.json missing or unreadable)', file);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new EdgeLabError('BAD_INPUT', `run.json is not valid JSON (${(e as Error).message})`, file);
  }
  const head = json as { schema?: unknown; version?: unknown } | null;
  if (!head || head.schema !== RUN_SCHEMA) throw new EdgeLabError('BAD_INPUT', `not an EdgeLab run (schema is not "${RUN_SCHEMA}")`, file);
  if (head.version !== RUN_VERSION) {
    throw new EdgeLabError('BAD_INPUT', `run format version ${String(head.version)} is not supported (this build reads ${RUN_VERSION})`, file);
  }
  const r = runFileSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new EdgeLabError('BAD_INPUT', `run.json is malformed at ${i?.path.join('.') || '(root)'}: ${i?.message ?? 'invalid'}`, file);
  }
  return r.data as RunFile;
}

/** Absolute path of frame `frame`'s stored thumbnail (it exists only when the run stored thumbnails). */
export function frameImagePath(dir: string, frame: number): string {
  return join(dir, thumbnailName(frame));
}
