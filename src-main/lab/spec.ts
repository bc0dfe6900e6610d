// Lab spec: one YAML naming models, variant kinds (with calibration options), clips (with optional labels), replay
// settings, benchmark files to import, gates and report formats. Parsed with `yaml` (keeps node ranges, so an error
// names the line), validated with zod, then cross-checked (references between sections, files exist).
// Paths in a spec are relative to the spec file's folder. Format reference: docs/lab-spec.md.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { argSchemas } from '../../src-shared/api';
import { EdgeLabError } from '../../src-shared/protocol';
import { readRegularFileSync } from '../workspace/regular-file';
import { findBundledClip, findBundledModel } from '../models/catalog';
import { parseGates } from '../evaluate/gates';
import { listTransforms } from '../transforms/registry';
import type { ModelFormat } from '../../src-shared/types/model';

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

export interface LoadedSpec {
  spec: LabSpec;
  /** Absolute path of the YAML. */
  file: string;
  /** Folder relative paths are resolved against (the spec's folder). */
  dir: string;
  /** The YAML text as read (its hash is part of nothing: keys come from settings and input contents). */
  text: string;
}

/** Gates as one compare --fail-on string (undefined: none set). */
export function gatesString(spec: LabSpec): string | undefined {
  return Array.isArray(spec.gates) ? spec.gates.join(',') : spec.gates;
}

type Path = (string | number)[];

/** "line N" of the node at `path` (or of its nearest existing parent), for error messages. */
function lineOf(doc: Document, lc: LineCounter, path: Path): string {
  for (let p = path; ; p = p.slice(0, -1)) {
    const node = doc.getIn(p, true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return `line ${lc.linePos(node.range[0]).line}`;
    if (p.length === 0) return 'line 1';
  }
}

const fieldName = (path: Path) => path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '') || '(top level)';

/**
 * Throws when the host may not read a path (the confined server's policy): called on every file path of the spec
 * BEFORE its existence is looked at, so that the answer for a path outside the roots is the same whether or not it
 * exists.
 */
export type SpecPathCheck = (abs: string) => void;

/** Reads, parses and validates a lab spec. Every problem is a BAD_INPUT naming the file, the line and the field. */
export function loadSpec(specPath: string, checkPath?: SpecPathCheck): LoadedSpec {
  const file = resolve(specPath);
  let text: string;
  try {
    text = readRegularFileSync(file, 'lab spec').toString('utf8');
  } catch (e) {
    if (e instanceof EdgeLabError) throw e;
    throw new EdgeLabError('BAD_INPUT', `cannot read the lab spec: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, file);
  }
  return parseSpec(text, file, checkPath);
}

/** Same as loadSpec over text already read; `file` names the spec in errors and anchors relative paths. */
export function parseSpec(text: string, file: string, checkPath?: SpecPathCheck): LoadedSpec {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const at = `line ${(e.linePos?.[0] ?? lc.linePos(e.pos[0])).line}`;
    throw new EdgeLabError('BAD_INPUT', `${at}: not valid YAML: ${e.message.split('\n')[0]}`, file);
  }
  let raw: unknown;
  try {
    raw = doc.toJS(); // throws on alias bombs ("Excessive alias count …", yaml's resource-exhaustion guard)
  } catch (e) {
    throw new EdgeLabError('BAD_INPUT', `line 1: not a usable YAML document: ${(e as Error).message.split('\n')[0]}`, file);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new EdgeLabError('BAD_INPUT', 'line 1: a lab spec is a YAML mapping (name, models, variants, clips, …)', file);
  }
  const r = labSpecSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    throw new EdgeLabError('BAD_INPUT', `${lineOf(doc, lc, path)}: field ${fieldName(path)}: ${issue.message}`, file);
  }
  const dir = dirname(file);
  const fail = (path: Path, problem: string): never => {
    throw new EdgeLabError('BAD_INPUT', `${lineOf(doc, lc, path)}: field ${fieldName(path)}: ${problem}`, file);
  };
  crossCheck(r.data, dir, fail, checkPath);
  return { spec: r.data, file, dir, text };
}

/** Absolute path of a spec path (relative to the spec's folder). */
export function specPath(dir: string, p: string): string {
  return isAbsolute(p) ? p : resolve(dir, p);
}

function crossCheck(spec: LabSpec, dir: string, fail: (path: Path, problem: string) => never, checkPath?: SpecPathCheck): void {
  const mustExist = (path: Path, p: string, what: string) => {
    const abs = specPath(dir, p);
    checkPath?.(abs);
    if (!existsSync(abs)) fail(path, `${what} ${abs} does not exist (paths are relative to the spec's folder)`);
  };
  const unique = (xs: { id: string }[], section: string) => {
    const seen = new Set<string>();
    xs.forEach((x, i) => {
      if (seen.has(x.id)) fail([section, i, 'id'], `duplicate id "${x.id}"`);
      seen.add(x.id);
    });
  };
  unique(spec.models, 'models');
  unique(spec.clips, 'clips');
  spec.models.forEach((m, i) => {
    if (!findBundledModel(m.model)) mustExist(['models', i, 'model'], m.model, 'model');
    if (m.embedder !== undefined && !findBundledModel(m.embedder)) mustExist(['models', i, 'embedder'], m.embedder, 'embedder');
  });
  const modelIds = new Set(spec.models.map((m) => m.id));
  spec.variants.forEach((v, i) => {
    (v.models ?? []).forEach((id, j) => {
      if (!modelIds.has(id)) fail(['variants', i, 'models', j], `unknown model id "${id}" (models: ${[...modelIds].join(', ')})`);
    });
    const c = v.calibration?.clip;
    if (c !== undefined && !findBundledClip(c)) mustExist(['variants', i, 'calibration', 'clip'], c, 'calibration source');
    if (v.models) {
      v.models.forEach((id, j) => {
        const m = spec.models.find((x) => x.id === id) as LabModel;
        const f = modelFormat(dir, m.model);
        if (!hasTransform(v.kind, f)) fail(['variants', i, 'models', j], `no ${v.kind} transform for ${id} (a ${f} model)`);
      });
    } else if (variantModels(spec, dir, v).length === 0) fail(['variants', i, 'kind'], `no model of this lab has a ${v.kind} transform`);
    if (v.calibration?.percentile !== undefined && v.calibration.method !== 'percentile') {
      fail(['variants', i, 'calibration', 'percentile'], 'percentile needs method: percentile');
    }
  });
  spec.clips.forEach((c, i) => {
    if (!findBundledClip(c.clip)) mustExist(['clips', i, 'clip'], c.clip, 'clip');
    if (c.gt !== undefined) mustExist(['clips', i, 'gt'], c.gt, 'labels file');
    (c.models ?? []).forEach((id, j) => {
      if (!modelIds.has(id)) fail(['clips', i, 'models', j], `unknown model id "${id}" (models: ${[...modelIds].join(', ')})`);
    });
  });
  spec.bench.forEach((b, i) => {
    mustExist(['bench', i, 'file'], b.file, 'benchmark file');
    if (statSync(specPath(dir, b.file)).isDirectory()) fail(['bench', i, 'file'], 'is a folder; name the benchmark file');
    if (b.variant !== undefined) {
      const [model, kind = 'fp32', extra] = b.variant.split('/');
      if (extra !== undefined || !modelIds.has(model)) fail(['bench', i, 'variant'], `"${b.variant}" is not "<model id>/<kind>" of this lab`);
      if (kind !== 'fp32' && !spec.variants.some((v) => v.kind === kind && (v.models ?? [...modelIds]).includes(model))) {
        fail(['bench', i, 'variant'], `the lab makes no ${kind} variant of ${model}`);
      }
    }
  });
  const gates = gatesString(spec);
  if (gates !== undefined) {
    try {
      parseGates(gates);
    } catch (e) {
      fail(['gates'], (e as Error).message);
    }
  }
}

/** Format of a model reference: the catalog's for a bundled id; for a path, .onnx → onnx, .tflite → tflite, else TF.js graph. */
export function modelFormat(dir: string, model: string): ModelFormat {
  const b = findBundledModel(model);
  if (b) return b.format;
  return /\.onnx$/i.test(model) ? 'onnx' : /\.tflite$/i.test(model) ? 'tflite' : 'tfjs-graph';
}

/** Model ids a variant is made of: its `models`, or every model whose format has a transform of that kind. */
export function variantModels(spec: LabSpec, dir: string, v: LabVariant): LabModel[] {
  if (v.models) return v.models.map((id) => spec.models.find((m) => m.id === id) as LabModel);
  return spec.models.filter((m) => hasTransform(v.kind, modelFormat(dir, m.model)));
}

function hasTransform(kind: LabVariant['kind'], format: ModelFormat): boolean {
  return listTransforms().some((t) => t.kind === kind && t.format === format);
}
