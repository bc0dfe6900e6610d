// TFLite Metadata → EdgeLab's ModelMeta, as the MediaPipe tasks read the same file:
//  - input: size from the input tensor [1, H, W, C] (ImageProperties.default_size when H/W are dynamic), layout
//    NHWC, RGB, 'stretch'; NormalizationOptions value = (pixel − mean) / std → range [(0 − mean)/std,
//    (255 − mean)/std] when one mean/std serves every channel (127.5/127.5 → [-1, 1]; 0/255 → [0, 1]; 0/1 →
//    [0, 255]), else range [0, 255] with per-channel mean/std; no NormalizationOptions → [0, 255] as is;
//  - labels: the first TENSOR_AXIS_LABELS (else TENSOR_VALUE_LABELS) file of an output, one label per line;
//  - a detector (TFLite_Detection_PostProcess, or an output with BoundingBoxProperties) with 4 outputs: the
//    `detections` decoder (split form); roles by the output metadata names MediaPipe uses ("location",
//    "category", "score", "number of detections"), else the post-processing op's output order boxes, classes,
//    scores, count (TF's converter may list the subgraph outputs in another order); box order from
//    BoundingBoxProperties.index (the position of left, top, right, bottom: [1,0,3,2] → yxyx, [0,1,2,3] → xyxy)
//    and coordinates RATIO → normalized, PIXEL → pixels;
//  - otherwise an embedder on the first output (mean-pooled when it is an NHWC map with h·w > 1).
// What cannot be expressed (GRAYSCALE, UPPER_LEFT/CENTER boxes) is said in `notes` and left to the defaults.
import type { DecoderSpec, InputSpec, ModelMeta, TensorInfo } from '../../../../src-shared/types/model';
import type { TfliteMetadataSummary, TfliteTensorMetadata } from '../../../../src-shared/types/tflite-metadata';
import type { ZipEntry } from './zip';

export interface ModelIo {
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  /** Op name → count, as inspect reports them (CUSTOM:TFLite_Detection_PostProcess for the SSD post-processing). */
  ops: Record<string, number>;
  /** Output tensor names of the TFLite_Detection_PostProcess op in its own order (boxes, classes, scores, count),
   *  when the model has one: TF's converter may list the subgraph outputs in another order. */
  postprocessOutputs?: string[];
}

const ROLE_NAMES: Record<string, 'boxes' | 'classes' | 'scores' | 'count'> = {
  location: 'boxes',
  category: 'classes',
  score: 'scores',
  'number of detections': 'count',
};
const TF_ORDER = ['boxes', 'classes', 'scores', 'count'] as const;

/** Pixel → value mapping of NormalizationOptions as InputSpec range (+ mean/std when per channel). */
export function rangeOf(t: TfliteTensorMetadata | undefined, dtype: InputSpec['dtype']): Pick<InputSpec, 'range' | 'mean' | 'std'> {
  const mean = t?.mean ?? [];
  const std = t?.std ?? [];
  if (!mean.length || !std.length || std.some((s) => !(s > 0 || s < 0))) return { range: [0, 255] };
  if (dtype === 'uint8') return { range: [0, 255] }; // quantized input: the normalisation lives in its scale
  const same = (a: number[]) => a.every((x) => x === a[0]);
  if (same(mean) && same(std)) return { range: [(0 - mean[0]) / std[0], (255 - mean[0]) / std[0]] };
  const three = (a: number[]) => [0, 1, 2].map((c) => a[Math.min(c, a.length - 1)]) as [number, number, number];
  return { range: [0, 255], mean: three(mean), std: three(std) };
}

function labelsOf(outputs: TfliteTensorMetadata[], files: ZipEntry[]): string[] | undefined {
  for (const type of ['TENSOR_AXIS_LABELS', 'TENSOR_VALUE_LABELS']) {
    for (const o of outputs) {
      const f = o.files?.find((x) => x.type === type);
      const data = f && files.find((z) => z.name === f.name)?.data;
      if (!data) continue;
      const lines = new TextDecoder().decode(data).split(/\r?\n/);
      while (lines.length && lines[lines.length - 1] === '') lines.pop();
      return lines;
    }
  }
  return undefined;
}

function detectionDecoder(io: ModelIo, outs: TfliteTensorMetadata[], notes: string[]): DecoderSpec | undefined {
  const postprocess = Object.keys(io.ops).some((k) => k === 'CUSTOM:TFLite_Detection_PostProcess');
  const boxMeta = outs.findIndex((o) => o.content === 'boundingBox');
  if (!postprocess && boxMeta < 0) return undefined;
  if (io.outputs.length !== 4) {
    notes.push(`detector with ${io.outputs.length} outputs: the detections decoder needs boxes, classes, scores, count`);
    return undefined;
  }
  const role: Partial<Record<(typeof TF_ORDER)[number], string>> = {};
  outs.forEach((o, i) => {
    const r = o.name !== undefined ? ROLE_NAMES[o.name.toLowerCase()] : undefined;
    if (r && io.outputs[i]) role[r] = io.outputs[i].name;
  });
  if (boxMeta >= 0 && !role.boxes) role.boxes = io.outputs[boxMeta].name;
  // names missing: the post-processing op's own output order, else the subgraph's
  const order = io.postprocessOutputs?.length === 4 ? io.postprocessOutputs : io.outputs.map((o) => o.name);
  if (Object.keys(role).length < 4) TF_ORDER.forEach((r, i) => (role[r] = order[i]));
  const box = outs.find((o) => o.content === 'boundingBox');
  let boxOrder: 'yxyx' | 'xyxy' = 'yxyx'; // TFLite_Detection_PostProcess writes [ymin, xmin, ymax, xmax]
  if (box) {
    const idx = (box.boxIndex ?? []).join(',');
    if (box.boxType !== 'BOUNDARIES') {
      notes.push(`BoundingBoxProperties type ${box.boxType}: only BOUNDARIES maps to the detections decoder`);
      return undefined;
    }
    if (idx === '' || idx === '0,1,2,3') boxOrder = 'xyxy';
    else if (idx === '1,0,3,2') boxOrder = 'yxyx';
    else {
      notes.push(`BoundingBoxProperties index [${idx}]: only [0,1,2,3] (xyxy) and [1,0,3,2] (yxyx) map to the detections decoder`);
      return undefined;
    }
  }
  return {
    kind: 'detections',
    params: { boxes: role.boxes, scores: role.scores, classes: role.classes, count: role.count, boxOrder, coordinates: box?.coordinateType === 'PIXEL' ? 'pixels' : 'normalized' },
  };
}

/** The ModelMeta TFLite Metadata gives a model with inputs/outputs `io`, plus notes on what it could not map;
 *  meta is undefined when the first input is not an image [1, H, W, C]. */
export function metaFromTfliteMetadata(summary: TfliteMetadataSummary, files: ZipEntry[], io: ModelIo): { meta?: ModelMeta; notes: string[] } {
  const notes: string[] = [];
  const inT = io.inputs[0];
  const im = summary.inputs[0];
  if (!inT || inT.shape.length !== 4) return { notes: [`first input ${inT ? `[${inT.shape}]` : 'missing'}: not an NHWC image`] };
  const [, h, w] = inT.shape;
  const height = h > 0 ? h : (im?.defaultSize?.height ?? 0);
  const width = w > 0 ? w : (im?.defaultSize?.width ?? 0);
  if (!(height > 0 && width > 0)) return { notes: ['input size is dynamic and ImageProperties gives no default_size'] };
  if (im?.colorSpace === 'GRAYSCALE') notes.push('ImageProperties GRAYSCALE: EdgeLab feeds RGB');
  const dtype: InputSpec['dtype'] = inT.dtype === 'uint8' ? 'uint8' : inT.dtype === 'int32' ? 'int32' : 'float32';
  if (dtype === 'float32' && !im?.mean) notes.push('no NormalizationOptions on the float input: pixels 0..255 fed as they are');
  const input: InputSpec = { name: inT.name, width, height, layout: 'NHWC', dtype, ...rangeOf(im, dtype), resize: 'stretch', channels: 'RGB' };
  const labels = labelsOf(summary.outputs, files);
  const decoder = detectionDecoder(io, summary.outputs, notes);
  const withLabels = labels ? { labels } : {};
  if (decoder) return { meta: { task: 'detector', input, decoder, ...withLabels }, notes };
  const out = io.outputs[0];
  if (!out) return { notes: [...notes, 'the model has no output'] };
  const s = out.shape;
  const map = s.length === 4 && s[1] * s[2] > 1;
  const dims = map ? s[3] : s.filter((d) => d > 1).reduce((a, d) => a * d, 1);
  return { meta: { task: 'embedder', input, embedding: { output: out.name, dims, ...(map ? { pool: 'mean' as const } : {}) }, ...withLabels }, notes };
}
