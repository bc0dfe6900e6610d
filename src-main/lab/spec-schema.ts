// The lab spec's schema (zod): models, variants, clips, replay settings, bench files, sweep, gates, validation,
// reports. Parsing, line-numbered errors and the cross-checks between sections are in spec.ts; the format reference
// is docs/lab-spec.md.
import { z } from 'zod';
import { argSchemas } from '../../src-shared/api';

/** Short names used in step ids and file names: letters, digits, '-', '_', '.'. */
const slug = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, . _ - (max 64), starting with a letter or digit');
const ref = z.string().min(1).max(4096);
const convert = argSchemas.convertModel.shape;

export const VARIANT_KINDS = convert.to.options;
/** The report method's formats (a spec's `reports` list). */
export const REPORT_FORMATS = argSchemas.report.shape.format.options;

const modelSchema = z
  .object({
    /** Name of the model in step ids and the summary. */
    id: slug,
    /** Bundled model id, or a path (model.json, its folder, or .onnx) relative to the spec. */
    model: ref,
    /** Embedder (bundled id or path) run on tracked crops in every replay of this model. */
    embedder: ref.optional(),
    /** Score this model's compares against the clips' labels (false: against its float32 run, e.g. a face detector on cup labels). */
    labels: z.boolean().default(true),
  })
  .strict();

const calibrationSchema = z
  .object({
    /** Clip, image folder or bundled clip id: int8 calibration frames and validation frames (default: cup). */
    clip: ref.optional(),
    frames: z.number().int().min(1).max(100_000).optional(),
    method: convert.method.unwrap().optional(),
    percentile: z.number().gt(0).max(100).optional(),
    exclude: z.array(z.string().min(1).max(500)).max(10_000).optional(),
    targetSnrDb: z.number().min(0).max(200).optional(),
    targetRecall: convert.targetRecall,
  })
  .strict();

const variantSchema = z
  .object({
    kind: convert.to,
    /** Model ids this variant is made of (default: every model it applies to). */
    models: z.array(slug).min(1).optional(),
    calibration: calibrationSchema.optional(),
    compute: convert.compute.unwrap().optional(),
    reduceRange: z.boolean().optional(),
    biasCorrection: convert.biasCorrection,
  })
  .strict();

const clipSchema = z
  .object({
    id: slug,
    /** Bundled clip id or video path. */
    clip: ref,
    /** Labels: MOTChallenge gt.txt or COCO-style JSON; compares then score against them. */
    gt: ref.optional(),
    /** Match boxes to the labels ignoring classes (compare --class-agnostic), e.g. a COCO detector that calls the cup a kite. */
    classAgnostic: z.boolean().optional(),
    /** Frames from the start of the clip (0 = all). */
    frames: z.number().int().min(0).max(1_000_000).default(0),
    /** Model ids replayed on this clip (default: every model), e.g. only the object detectors on a street clip. */
    models: z.array(slug).min(1).optional(),
  })
  .strict();

const replaySchema = z
  .object({
    detectEvery: z.number().int().min(1).max(1000).optional(),
    scoreThreshold: z.number().min(0).max(1).optional(),
    iouThreshold: z.number().min(0).max(1).optional(),
    maxDetections: z.number().int().min(1).max(1000).optional(),
    realtime: z.boolean().optional(),
    deviceLatencyMs: z.number().min(0).max(60_000).optional(),
    thumbnailSize: z.number().int().min(0).max(4096).optional(),
  })
  .strict();

/** A cadence sweep per model (its float32) × clip: API `sweep` with the clip's frames / labels and the replay settings. */
const sweepSchema = z
  .object({
    /** Cadences (rows, in order): integers ≥ 1 and/or 'motion'. */
    cadences: argSchemas.sweep.shape.cadences,
    /** Gates per row (compare's failOn syntax); default: the spec's `gates`, else compare's verdict gates. */
    failOn: z.string().min(1).max(2000).optional(),
    motionThreshold: z.number().gt(0).max(1).optional(),
    maxIntervalMs: z.number().gt(0).max(3_600_000).optional(),
  })
  .strict();

const benchSchema = z
  .object({
    /** Benchmark-tool output (format detected from content). */
    file: ref,
    /** Device name when the file does not say it. */
    device: z.string().min(1).max(200).optional(),
    /** Lab variant the records measure: "<model id>/<kind>" ("<model id>" or "<model id>/fp32" for the float model). */
    variant: z.string().min(1).max(200).optional(),
  })
  .strict();

const validateSchema = z
  .object({
    /** Also run `edgelab layers` (per-layer SNR) for every variant. */
    layers: z.boolean().default(false),
    frames: z.number().int().min(1).max(10_000).default(4),
  })
  .strict();

export const labSpecSchema = z
  .object({
    version: z.literal(1).default(1),
    name: slug,
    models: z.array(modelSchema).min(1).max(100),
    variants: z.array(variantSchema).max(100).default([]),
    clips: z.array(clipSchema).min(1).max(100),
    replay: replaySchema.default({}),
    bench: z.array(benchSchema).max(1000).default([]),
    sweep: sweepSchema.optional(),
    /** compare --fail-on syntax: "map50_drop>0.01,flickerPerMin>2", or a list of single gates. */
    gates: z.union([z.string().min(1).max(2000), z.array(z.string().min(1).max(200)).min(1)]).optional(),
    validate: validateSchema.default({ layers: false, frames: 4 }),
    reports: z.array(argSchemas.report.shape.format).default(['json']),
  })
  .strict();

export type LabSpec = z.output<typeof labSpecSchema>;
export type LabModel = LabSpec['models'][number];
export type LabVariant = LabSpec['variants'][number];
export type LabClip = LabSpec['clips'][number];
