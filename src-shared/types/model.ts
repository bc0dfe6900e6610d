// Models, their declarative metadata, inspection and variants.

import type { ValidationMetrics } from './validation';
import type { TfliteMetadataSummary } from './tflite-metadata';

export type ModelFormat = 'onnx' | 'tfjs-graph' | 'tflite';
export type ModelTask = 'detector' | 'embedder';
/** Kinds `convert --to` makes (THE list: the API enum, the CLI choices and the UI derive from it). 'onnx': TF.js →
 *  ONNX float32; 'tflite': ONNX → TFLite float32. */
export const CONVERT_KINDS = ['fp16', 'int8-weights', 'int8', 'uint8', 'uint16', 'onnx', 'tflite'] as const;
/**
 * Which quantized Conv/Gemm int8 bias correction corrects (THE list: the API, the CLI choices and the transform derive
 * from it): every one, the depthwise convs, or the head convs (no Conv/Gemm downstream). See docs/quantization.md.
 */
export const BIAS_CORRECTION_SCOPES = ['all', 'depthwise', 'head'] as const;
/** The scope `biasCorrection: true` (`--bias-correction on`) means: the best worst-output SNR on SSD and CenterNet. */
export const BIAS_CORRECTION_ON: (typeof BIAS_CORRECTION_SCOPES)[number] = 'depthwise';
/**
 * `biasCorrection: 'auto'` (`--bias-correction auto`): the int8 transform makes the plain model and the one corrected
 * with BIAS_CORRECTION_ON, judges both against float32 on held-out calibration frames (frames the correction did not
 * use) and keeps the corrected one only if it agrees strictly better (detectors: float32 detections matched, ties
 * broken by worst-output SNR; other models: worst-output SNR). The written model equals the explicit setting chosen.
 */
export const BIAS_CORRECTION_AUTO = 'auto' as const;
/** Values of the `--bias-correction <mode>` flag (CLI convert, bench:quant, the UI's field): on, off, auto or a scope. */
export const BIAS_CORRECTION_FLAG = ['on', 'off', BIAS_CORRECTION_AUTO, ...BIAS_CORRECTION_SCOPES] as const;
/** The API's `biasCorrection`: true (= BIAS_CORRECTION_ON), false (off), 'auto' or a scope. */
export type BiasCorrectionSetting = boolean | typeof BIAS_CORRECTION_AUTO | (typeof BIAS_CORRECTION_SCOPES)[number];
/** The API's `biasCorrection` for a `--bias-correction` value: on → true, off → false, auto or a scope as is. */
export function biasCorrectionFromFlag(mode: (typeof BIAS_CORRECTION_FLAG)[number]): BiasCorrectionSetting {
  return mode === 'on' ? true : mode === 'off' ? false : mode;
}
/** Bias correction when the API's `biasCorrection` is absent (the int8 transform reads it; the UI sends only other values). */
export const DEFAULT_BIAS_CORRECTION: (typeof BIAS_CORRECTION_SCOPES)[number] | typeof BIAS_CORRECTION_AUTO | 'off' = 'off';
/** The `--bias-correction` value of an API `biasCorrection` (inverse of biasCorrectionFromFlag); absent or not one = the default's. */
export function biasCorrectionFlag(v: unknown): (typeof BIAS_CORRECTION_FLAG)[number] {
  if (v === true) return 'on';
  if (v === false) return 'off';
  if (v === BIAS_CORRECTION_AUTO) return BIAS_CORRECTION_AUTO;
  return (BIAS_CORRECTION_SCOPES as readonly unknown[]).includes(v) ? (v as (typeof BIAS_CORRECTION_SCOPES)[number]) : DEFAULT_BIAS_CORRECTION;
}
/**
 * The int8 (ONNX) weight ranges one picks (THE list: the UI's Weights field), each with the API's `reduceRange`:
 * 'auto' = absent (decided from the CPU that converts), '8-bit' = [-127, 127], '7-bit' = [-63, 63] (reduce range).
 */
export const INT8_WEIGHT_RANGES = [
  { id: 'auto', reduceRange: undefined, label: 'automatic (from the converting CPU)' },
  { id: '8-bit', reduceRange: false, label: '8-bit [-127, 127]' },
  { id: '7-bit', reduceRange: true, label: '7-bit [-63, 63] (reduce range)' },
] as const;
export type Int8WeightRange = (typeof INT8_WEIGHT_RANGES)[number]['id'];
/** The weight range of an API `reduceRange` (absent or not a boolean = 'auto'). */
export function int8WeightRange(reduceRange: unknown): Int8WeightRange {
  return INT8_WEIGHT_RANGES.find((r) => r.reduceRange === reduceRange)?.id ?? 'auto';
}
/** Every variant kind: 'fp32' (the import itself) and the converted ones (the workspace manifest schema uses it). */
export const VARIANT_KINDS = ['fp32', ...CONVERT_KINDS] as const;
export type VariantKind = (typeof VARIANT_KINDS)[number];
/** Kinds that convert the format ('onnx': TF.js → ONNX; 'tflite': ONNX or TF.js → TFLite); the others keep the source's. */
const KIND_FORMAT: Partial<Record<VariantKind, ModelFormat>> = { onnx: 'onnx', tflite: 'tflite' };
/** The format of a `kind` variant of a `source`-format model (the engine's convert and the lab plan use it). */
export function variantFormatOf(kind: VariantKind, source: ModelFormat): ModelFormat {
  return KIND_FORMAT[kind] ?? source;
}

export interface TensorInfo {
  name: string;
  /** -1 for a dynamic dimension. */
  shape: number[];
  dtype: string;
  /**
   * Set when the file stores this model input/output quantized (int8/uint8/int16) and the runtime converts at the
   * boundary: `dtype` is then float32 (real values), and real = scale · (q − zeroPoint) with q of `stored.dtype`.
   */
  stored?: { dtype: string; scale: number; zeroPoint: number };
}

/** Formats `inspect` reads: every ModelFormat (TFLite included: it runs, though no transform writes it yet). */
export type InspectFormat = ModelFormat | 'tflite';

/** Quantization parameters of one stored tensor, as the file declares them. */
export interface QuantParams {
  tensor: string;
  /** Stored integer type (uint8, int8, int32, uint16…). */
  dtype: string;
  /** 'affine': q·scale + min (TF.js manifest); else value = (q − zeroPoint)·scale. */
  scheme: 'per-tensor' | 'per-channel' | 'affine';
  /** Channel axis of per-channel parameters. */
  axis?: number;
  /** Number of (scale, zero point) pairs. */
  channels: number;
  /** First values (at most 8) of scale / zero point; min for 'affine'. */
  scale: number[];
  zeroPoint?: number[];
  min?: number;
  /** Smallest and largest scale over all channels. */
  scaleRange: [number, number];
  /** Where it was found: 'weight' (stored constant) or 'activation' (QuantizeLinear input, TFLite activation tensor). */
  role: 'weight' | 'activation';
}

/** `edgelab inspect --json` prints exactly this (more fields may be added, none renamed). */
export interface InspectResult {
  format: InspectFormat;
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  /** Op type → node count. */
  ops: Record<string, number>;
  /** Number of weight elements (initializers / weight tensors). */
  parameters: number;
  /** Bytes on disk of every file the model consists of. */
  sizeBytes: number;
  /** Files the model consists of (model.json + shards, or the .onnx). */
  files: string[];
  /** Weight dtypes as stored → element count (e.g. { float32: 1.2e6, float16: 3e5 }). */
  weightDtypes: Record<string, number>;
  /** Weight dtypes as stored → number of weight tensors. */
  weightTensors?: Record<string, number>;
  /** Op type → weight elements its nodes read (a weight shared by several ops counts once, for its first reader). */
  opParameters?: Record<string, number>;
  /** Quantization parameters found in the file (empty when the model is not quantized). */
  quantization?: QuantParams[];
  /** Metadata found for this model (sidecar, bundled catalog or the file's own Ultralytics metadata), if any. */
  meta?: ModelMeta;
  /** Without metadata: the decoder layouts whose shapes fit the outputs, one line each (docs/models.md). */
  decoderFits?: string[];
  /** A .tflite's own TFLite Metadata (TFLITE_METADATA entry + zipped associated files), as the file says it. */
  tfliteMetadata?: TfliteMetadataSummary;
}

/**
 * Declarative preprocessing: what the model wants, so that the pipeline needs no per-model code.
 * Pixel values start as RGB bytes 0..255; `range` maps them linearly to [lo, hi].
 */
export interface InputSpec {
  /** Input tensor name (defaults to the model's first input). */
  name?: string;
  width: number;
  height: number;
  layout: 'NHWC' | 'NCHW';
  /** Tensor element type; int32 and uint8 values are rounded (uint8 also clamped to 0..255). */
  dtype: 'float32' | 'int32' | 'uint8';
  range: [number, number];
  /** 'stretch' resizes to width×height ignoring aspect; 'letterbox' pads to keep it; 'center-crop' scales the
   *  frame to cover the input and cuts the overhang evenly (boxes are mapped back to the whole frame). */
  resize: 'stretch' | 'letterbox' | 'center-crop';
  channels: 'RGB' | 'BGR';
  /** Per-channel mean and std in the tensor's channel order (after `channels`), applied after `range`:
   *  value = (lo + pixel·(hi−lo)/255 − mean[c]) / std[c]. Default 0 and 1 (torchvision: range [0,1],
   *  mean [0.485, 0.456, 0.406], std [0.229, 0.224, 0.225]). */
  mean?: [number, number, number];
  std?: [number, number, number];
  /** Letterbox padding as a pixel value 0..255 (before range/mean/std); default 0 (black). Ultralytics: 114. */
  padValue?: number;
}

/** Which box decoder turns raw outputs into boxes, with its parameters (see src-main/pipeline/decoders). */
export interface DecoderSpec {
  kind: string;
  params?: Record<string, unknown>;
}

export interface EmbeddingSpec {
  /** Output tensor carrying the vector. */
  output: string;
  dims: number;
  /** How `output` becomes the vector: 'none' = it is the vector; 'mean' = global average over all but the last
   *  (channel) axis of an NHWC feature map, e.g. [1,10,10,1280] → 1280, or over h, w of an NCHW map [1,D,h,w]
   *  (when its last axis is not D). Default 'none'. */
  pool?: 'none' | 'mean';
}

export interface ModelMeta {
  task: ModelTask;
  input: InputSpec;
  decoder?: DecoderSpec;
  embedding?: EmbeddingSpec;
  /** Label set name ('coco90', 'coco80', 'face') or explicit labels, index = class id. */
  labels?: string | string[];
  /** Set on a variant written by `convert --out`: what it is and what it was made from (replay by path reports it). */
  lineage?: FileLineage;
}

/** A variant file's own record of its kind and parent (sidecar `lineage`, ONNX metadata_props `edgelab.*`). */
export interface FileLineage {
  /** The variant kind (int8, fp16, …). */
  kind: string;
  /** The parent model: its name as runs show it, its workspace or bundled id when it had one, its hashModel() sha256. */
  parent: { name: string; id?: string; sha256: string };
}

/** An entry of models/catalog.json: a bundled real model with its provenance. */
export interface BundledModel {
  id: string;
  name: string;
  format: ModelFormat;
  /** Path relative to the models/ folder (the .onnx or model.json). */
  path: string;
  meta: ModelMeta;
  source: string;
  licence: string;
  sha256: string;
  /** Bytes on disk of the model file and its weight shards (filled by `listBundled`). */
  sizeBytes?: number;
}

export interface BundledClip {
  id: string;
  name: string;
  /** Path relative to the samples/ folder. */
  path: string;
  description: string;
  source: string;
  licence: string;
  sha256: string;
}

/**
 * A Relu / Clip(0, c) an int8 conversion removed because its quantized producer computes it: the producer writes
 * the activation's output, whose uint8 range starts at 0 (and ends at c), so saturation clips. Not in the variant's
 * graph and not a float op, hence never in keptFloat.
 */
export interface FoldedNode {
  /** The removed node: its name, or `<op>#<index>` when unnamed. */
  name: string;
  op: string;
  /** The node (same naming) that now writes the folded node's output. */
  into: string;
  reason: string;
}

export interface VariantEntry {
  id: string;
  /** Model this variant was made from. */
  parentId: string;
  kind: VariantKind;
  format: ModelFormat;
  /** Workspace-relative path to the variant's main file. */
  path: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
  /** Settings that produced it (JSON-safe). */
  settings: Record<string, unknown>;
  /** Ops / nodes kept in float32, when the transform keeps some. */
  keptFloat?: string[];
  /** int8: activations folded into their quantized producer (not float ops, not in the variant's graph), when some are. */
  folded?: FoldedNode[];
  /** Validation warnings of the conversion (ConvertResult.warnings), e.g. collapsed detection scores. */
  warnings?: string[];
  /** Float32 source vs this variant on real frames (when the model has an input spec). */
  validation?: ValidationMetrics;
  /** Where the variant comes from: enough to tell two variants apart and to remake one. */
  lineage?: VariantLineage;
  /** File names it was written to with `convert --out` (the name a device benchmark log shows). */
  exportedAs?: string[];
}

export interface VariantLineage {
  /** sha256 of the source model (as hashModel computes it). */
  sourceSha256: string;
  kind: VariantKind;
  /** Options as given (method, percentile, frames, exclude, compute, targetSnrDb…). */
  options: Record<string, unknown>;
  /** Calibration / validation source as given, and sha256 over the exact frames used (RGB bytes). */
  calibration?: string;
  calibrationSha256?: string;
}

export interface ModelEntry {
  id: string;
  name: string;
  format: ModelFormat;
  /** Workspace-relative path to the imported copy's main file. */
  path: string;
  sizeBytes: number;
  sha256: string;
  importedAt: string;
  /** Where it was imported from (as given by the user). */
  origin: string;
  meta?: ModelMeta;
  variants: VariantEntry[];
}
