// Writes TFLite Metadata into an EdgeLab-written .tflite, as tflite-support's metadata populator does, so the
// MediaPipe tasks (ImageEmbedder, ImageClassifier, ObjectDetector) accept the file: a metadata_schema.fbs
// FlatBuffer (schema.ts, identifier "M001", min_parser_version 1.0.0) in the Model.metadata entry TFLITE_METADATA
// with, for the image input: ImageProperties RGB + default size, NormalizationOptions from the InputSpec and Stats
// (the value range); one TensorMetadata per input and output (named after the file's tensors); labels as the
// associated file labels.txt (TENSOR_AXIS_LABELS, one label per line, on the decoder's `scores` output, else the
// first output), zipped STORED onto the file's end (zip.ts).
// InputSpec → NormalizationOptions (value = (pixel − mean) / std): with range [lo, hi] and the spec's own mean M,
// std S (default 0, 1): mean = (M − lo)·255/(hi − lo), std = 255·S/(hi − lo) per channel (range [-1, 1] → 127.5,
// 127.5; [0, 1] → 0, 255; [0, 255] → 0, 1). A BGR or NCHW input gets no ImageProperties (MediaPipe feeds RGB
// NHWC): FeatureProperties and the normalisation only. A variant of a .tflite that has its own metadata keeps that
// (stampTfliteMetadata).
import { promises as fs } from 'node:fs';
import { Builder } from 'flatbuffers';
import { labelTable } from '../../../../src-shared/class-names';
import type { InputSpec, ModelMeta } from '../../../../src-shared/types/model';
import type { TfliteModel } from '../model-ir';
import { readTfliteModel } from '../read-model';
import { serializeTflite } from '../writer';
import { writeFileAtomic } from '../../../workspace/atomic';
import { CONTENT, METADATA_IDENTIFIER, MF, MIN_PARSER_VERSION, PROCESS_UNIT, TENSOR_AXIS_LABELS, TFLITE_METADATA } from './schema';
import { storedZip, type ZipEntry } from './zip';
import { readTfliteMetadataOf } from './read';

export const LABELS_FILE = 'labels.txt';

/** NormalizationOptions mean/std (per channel, tensor order) that turn 0..255 pixels into the spec's values. */
export function normalizationOf(spec: Pick<InputSpec, 'range' | 'mean' | 'std'>): { mean: number[]; std: number[] } {
  const [lo, hi] = spec.range;
  const M = spec.mean ?? [0, 0, 0];
  const S = spec.std ?? [1, 1, 1];
  const mean = M.map((m) => ((m - lo) * 255) / (hi - lo));
  const std = S.map((s) => (255 * s) / (hi - lo));
  const same = (a: number[]) => a.every((x) => x === a[0]);
  return same(mean) && same(std) ? { mean: [mean[0]], std: [std[0]] } : { mean, std };
}

function f32Vector(b: Builder, v: number[]): number {
  b.startVector(4, v.length, 4);
  for (let i = v.length - 1; i >= 0; i--) b.addFloat32(v[i]);
  return b.endVector();
}
function offVector(b: Builder, v: number[]): number {
  b.startVector(4, v.length, 4);
  for (let i = v.length - 1; i >= 0; i--) b.addOffset(v[i]);
  return b.endVector();
}

function labelsFile(b: Builder): number {
  const name = b.createString(LABELS_FILE);
  const desc = b.createString('Labels for objects that the model can recognize.');
  b.startObject(MF.associatedFile.n);
  b.addFieldOffset(MF.associatedFile.name, name, 0);
  b.addFieldOffset(MF.associatedFile.description, desc, 0);
  b.addFieldInt8(MF.associatedFile.type, TENSOR_AXIS_LABELS, 0);
  return b.endObject();
}

function imageTensor(b: Builder, name: string, spec: InputSpec): number {
  const rgbNhwc = spec.layout === 'NHWC' && spec.channels === 'RGB';
  let props: number;
  if (rgbNhwc) {
    b.startObject(MF.imageSize.n);
    b.addFieldInt32(MF.imageSize.width, spec.width, 0);
    b.addFieldInt32(MF.imageSize.height, spec.height, 0);
    const size = b.endObject();
    b.startObject(MF.imageProperties.n);
    b.addFieldInt8(MF.imageProperties.colorSpace, 1, 0); // RGB
    b.addFieldOffset(MF.imageProperties.defaultSize, size, 0);
    props = b.endObject();
  } else {
    b.startObject(0);
    props = b.endObject();
  }
  b.startObject(MF.content.n);
  b.addFieldInt8(MF.content.propertiesType, rgbNhwc ? CONTENT.image : CONTENT.feature, 0);
  b.addFieldOffset(MF.content.properties, props, 0);
  const content = b.endObject();
  const norm = normalizationOf(spec);
  const mean = f32Vector(b, norm.mean);
  const std = f32Vector(b, norm.std);
  b.startObject(MF.normalizationOptions.n);
  b.addFieldOffset(MF.normalizationOptions.mean, mean, 0);
  b.addFieldOffset(MF.normalizationOptions.std, std, 0);
  const opts = b.endObject();
  b.startObject(MF.processUnit.n);
  b.addFieldInt8(MF.processUnit.optionsType, PROCESS_UNIT.normalization, 0);
  b.addFieldOffset(MF.processUnit.options, opts, 0);
  const units = offVector(b, [b.endObject()]);
  const max = f32Vector(b, [Math.max(...spec.range)]);
  const min = f32Vector(b, [Math.min(...spec.range)]);
  b.startObject(MF.stats.n);
  b.addFieldOffset(MF.stats.max, max, 0);
  b.addFieldOffset(MF.stats.min, min, 0);
  const stats = b.endObject();
  const n = b.createString(name);
  const desc = b.createString(`Input image ${spec.width}×${spec.height} ${spec.channels} ${spec.layout}, values in [${spec.range.join(', ')}]`);
  b.startObject(MF.tensorMetadata.n);
  b.addFieldOffset(MF.tensorMetadata.name, n, 0);
  b.addFieldOffset(MF.tensorMetadata.description, desc, 0);
  b.addFieldOffset(MF.tensorMetadata.content, content, 0);
  b.addFieldOffset(MF.tensorMetadata.processUnits, units, 0);
  b.addFieldOffset(MF.tensorMetadata.stats, stats, 0);
  return b.endObject();
}

function plainTensor(b: Builder, name: string, labels: boolean): number {
  const files = labels ? offVector(b, [labelsFile(b)]) : 0;
  const n = b.createString(name);
  b.startObject(MF.tensorMetadata.n);
  b.addFieldOffset(MF.tensorMetadata.name, n, 0);
  if (files) b.addFieldOffset(MF.tensorMetadata.associatedFiles, files, 0);
  return b.endObject();
}

/** The TFLITE_METADATA buffer for `m` described by `meta` (labels resolved by the caller: `withLabels`). */
export function buildMetadataBuffer(m: Pick<TfliteModel, 'tensors' | 'inputs' | 'outputs'>, meta: ModelMeta, withLabels: boolean): Uint8Array {
  const b = new Builder(1024);
  const named = m.inputs.some((i) => m.tensors[i].name === meta.input.name);
  const inName = named ? meta.input.name : m.tensors[m.inputs[0]]?.name; // the spec's input, else the first
  const ins = m.inputs.map((i) => (m.tensors[i].name === inName ? imageTensor(b, m.tensors[i].name, meta.input) : plainTensor(b, m.tensors[i].name, false)));
  const scores = typeof meta.decoder?.params?.scores === 'string' ? meta.decoder.params.scores : undefined;
  const labelled = withLabels ? Math.max(0, m.outputs.findIndex((o) => m.tensors[o].name === scores)) : -1;
  const outs = m.outputs.map((o, k) => plainTensor(b, m.tensors[o].name, k === labelled));
  const inVec = offVector(b, ins);
  const outVec = offVector(b, outs);
  b.startObject(MF.subgraphMetadata.n);
  b.addFieldOffset(MF.subgraphMetadata.inputTensorMetadata, inVec, 0);
  b.addFieldOffset(MF.subgraphMetadata.outputTensorMetadata, outVec, 0);
  const sg = offVector(b, [b.endObject()]);
  const name = b.createString(`EdgeLab ${meta.task}`);
  const desc = b.createString('Written by EdgeLab from the model\'s metadata (input spec, labels).');
  const ver = b.createString(MIN_PARSER_VERSION);
  b.startObject(MF.modelMetadata.n);
  b.addFieldOffset(MF.modelMetadata.name, name, 0);
  b.addFieldOffset(MF.modelMetadata.description, desc, 0);
  b.addFieldOffset(MF.modelMetadata.subgraphMetadata, sg, 0);
  b.addFieldOffset(MF.modelMetadata.minParserVersion, ver, 0);
  b.finish(b.endObject(), METADATA_IDENTIFIER);
  return b.asUint8Array().slice();
}

/** .tflite bytes of `m` with the TFLITE_METADATA entry `buf` (replacing any) and `files` zipped onto the end. */
function withEntry(m: TfliteModel, buf: Uint8Array, files: ZipEntry[]): Uint8Array {
  m.metadata = [...(m.metadata ?? []).filter((e) => e.name !== TFLITE_METADATA), { name: TFLITE_METADATA, data: buf }];
  const model = serializeTflite(m);
  if (!files.length) return model;
  const zip = storedZip(files, model.length);
  const out = new Uint8Array(model.length + zip.length);
  out.set(model);
  out.set(zip, model.length);
  return out;
}

/** .tflite bytes of `m` with TFLITE_METADATA from `meta` (replacing any), labels zipped onto the end. */
export function withTfliteMetadata(m: TfliteModel, meta: ModelMeta): Uint8Array {
  const labels = labelTable(meta.labels);
  const buf = buildMetadataBuffer(m, meta, !!labels?.length);
  return withEntry(m, buf, labels?.length ? [{ name: LABELS_FILE, data: new TextEncoder().encode(`${labels.join('\n')}\n`) }] : []);
}

/** Rewrites the .tflite variant `file` (atomically) with TFLite Metadata: a `.tflite` `source` that has its own
 *  (e.g. a MediaPipe-ready file with BoundingBoxProperties and its label files) passes it on verbatim, entry and
 *  associated files (re-zipped STORED: the variant's FlatBuffer has a new length); otherwise it is built from
 *  `meta`; with neither the file is left as it is. */
export async function stampTfliteMetadata(file: string, meta: ModelMeta | undefined, source?: string): Promise<void> {
  const own = source?.toLowerCase().endsWith('.tflite') ? readTfliteMetadataOf(new Uint8Array(await fs.readFile(source)), source) : undefined;
  if (!own && !meta) return;
  const m = readTfliteModel(new Uint8Array(await fs.readFile(file)), file);
  await writeFileAtomic(file, own ? withEntry(m, own.entry, own.files) : withTfliteMetadata(m, meta!));
}
