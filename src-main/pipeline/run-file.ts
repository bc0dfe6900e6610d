// Reading a run directory back: run.json validated against the RunFile shape (zod), frame image paths.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RUN_EMBEDDINGS_FILE, RUN_FILE, RUN_SCHEMA, RUN_VERSIONS_READ, type RunFile } from '../../src-shared/formats/run';
import { EdgeLabError } from '../../src-shared/protocol';
import { thumbnailName } from './nodes/sink';
import { readRegularFile } from '../workspace/regular-file';

const num = z.number().finite();
const box = z.tuple([num, num, num, num]);
const detection = z.object({
  box,
  score: num,
  classId: z.number().int(),
  label: z.string(),
  source: z.enum(['detected', 'propagated']),
  trackId: z.number().int().optional(),
  confirmed: z.boolean().optional(),
});
const frame = z.object({
  index: z.number().int().min(0),
  ptsMs: num,
  detected: z.boolean(),
  deliveredFrom: z.number().int().min(0).optional(),
  detections: z.array(detection),
  timings: z.object({ decodeMs: num, preprocessMs: num, inferenceMs: num, postprocessMs: num, trackMs: num.optional(), embedMs: num.optional() }),
  thumbnail: z.string().optional(),
});
const model = z.object({
  id: z.string().optional(),
  name: z.string(),
  path: z.string(),
  sha256: z.string(),
  format: z.enum(['onnx', 'tfjs-graph', 'tflite']),
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
  cadence: z.enum(['every', 'realtime', 'motion']).optional(),
  motion: z.object({ threshold: num, maxIntervalMs: num }).optional(),
  deviceLatencyMs: num.nullable().optional(),
  device: z.object({ recordId: z.string(), device: z.string(), delegate: z.string(), model: z.string(), latencyMs: num }).nullable().optional(),
  tracker: z
    .object({ iouMatch: num, confirmHits: z.number().int().min(1), maxAgeMs: num, smoothing: num, flowMaxSide: z.number().int().min(1) })
    .optional(),
  embedder: z.string().nullable().optional(),
  frameSource: z.enum(['graph-size', 'full']).optional(),
});
const bytes = z.object({ float32: num, float16: num, int8: num, jpeg: num });
const embeddings = z.object({
  file: z.literal(RUN_EMBEDDINGS_FILE),
  dtype: z.literal('float32'),
  dims: z.number().int().min(1),
  count: z.number().int().min(0),
  normalized: z.boolean(),
  model: z.object({
    name: z.string(),
    path: z.string(),
    sha256: z.string(),
    format: z.enum(['onnx', 'tfjs-graph', 'tflite']),
    runtime: z.string(),
    backend: z.string(),
    output: z.string(),
  }),
  items: z.array(
    z.object({
      row: z.number().int().min(0),
      trackId: z.number().int(),
      frame: z.number().int().min(0),
      ptsMs: num,
      box,
      reason: z.enum(['confirmed', 'redetected']),
      cropWidth: z.number().int().min(1),
      cropHeight: z.number().int().min(1),
      bytes,
    }),
  ),
  meanBytes: bytes,
});
const track = z.object({
  id: z.number().int(),
  classId: z.number().int(),
  label: z.string(),
  firstFrame: z.number().int().min(0),
  lastFrame: z.number().int().min(0),
  confirmedFrame: z.number().int().min(0).nullable(),
  hits: z.number().int().min(0),
  frames: z.number().int().min(0),
});
const nullableInt = z.number().int().nullable();
export const runFileSchema = z.object({
  schema: z.literal(RUN_SCHEMA),
  version: z.union([z.literal(1), z.literal(2)]),
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
    detections: z.number().int().min(0).optional(),
    tracks: z.number().int().min(0).optional(),
    embeddings: z.number().int().min(0).optional(),
    wallMs: num.optional(),
    detectorCalls: z.number().int().min(0).optional(),
  }),
  tracks: z.array(track).optional(),
  embeddings: embeddings.nullable().optional(),
  nodeTimingsMs: z.record(z.string(), z.object({ calls: z.number().int().min(0), meanMs: num, totalMs: num })).optional(),
});

/** Reads `<dir>/run.json`; BAD_INPUT naming the file when missing, not JSON, of another schema/version or malformed. */
export async function readRun(dir: string): Promise<RunFile> {
  const file = join(dir, RUN_FILE);
  let text: string;
  try {
    text = (await readRegularFile(file, 'run file')).toString('utf8');
  } catch {
    throw new EdgeLabError('BAD_INPUT', 'not a run directory (run.json missing, unreadable or not a regular file)', file);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new EdgeLabError('BAD_INPUT', `run.json is not valid JSON (${(e as Error).message})`, file);
  }
  const head = json as { schema?: unknown; version?: unknown } | null;
  if (!head || head.schema !== RUN_SCHEMA) throw new EdgeLabError('BAD_INPUT', `not an EdgeLab run (schema is not "${RUN_SCHEMA}")`, file);
  if (!(RUN_VERSIONS_READ as readonly unknown[]).includes(head.version)) {
    throw new EdgeLabError('BAD_INPUT', `run format version ${String(head.version)} is not supported (this build reads ${RUN_VERSIONS_READ.join(', ')})`, file);
  }
  const r = runFileSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new EdgeLabError('BAD_INPUT', `run.json is malformed at ${i?.path.join('.') || '(root)'}: ${i?.message ?? 'invalid'}`, file);
  }
  const run = r.data as RunFile;
  if (run.embeddings) {
    const bin = join(dir, run.embeddings.file);
    const size = await fs.stat(bin).then((st) => st.size, () => -1);
    const want = run.embeddings.count * run.embeddings.dims * 4;
    if (size !== want) throw new EdgeLabError('BAD_INPUT', `${run.embeddings.file} holds ${size < 0 ? 'nothing (missing)' : `${size} bytes`}; run.json says ${want}`, bin);
  }
  return run;
}

/** Reads the embedding vectors of a run (row i = embeddings.items[k].row === i), each `dims` float32 values. */
export async function readEmbeddings(dir: string, run: RunFile): Promise<Float32Array[]> {
  const e = run.embeddings;
  if (!e) return [];
  const buf = await fs.readFile(join(dir, e.file));
  const all = new Float32Array(e.count * e.dims);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let i = 0; i < all.length; i++) all[i] = dv.getFloat32(i * 4, true);
  return Array.from({ length: e.count }, (_, r) => all.subarray(r * e.dims, (r + 1) * e.dims));
}

/** Absolute path of frame `frame`'s stored thumbnail (it exists only when the run stored thumbnails). */
export function frameImagePath(dir: string, frame: number): string {
  return join(dir, thumbnailName(frame));
}
