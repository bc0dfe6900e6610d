// What a .tflite's TFLite Metadata (the TFLITE_METADATA entry, metadata_schema.fbs) says, as `inspect` shows it.
// Only the parts EdgeLab maps are kept; a field the file leaves out is absent here.

/** One input or output tensor's metadata. */
export interface TfliteTensorMetadata {
  /** TensorMetadata.name (e.g. "image", "location", "score"); the file's own tensor name is in inputs/outputs. */
  name?: string;
  /** Content kind: 'image' (ImageProperties), 'boundingBox' (BoundingBoxProperties), 'feature', or absent. */
  content?: 'image' | 'boundingBox' | 'feature';
  /** ImageProperties: color space name (RGB, GRAYSCALE, UNKNOWN) and default size in pixels. */
  colorSpace?: string;
  defaultSize?: { width: number; height: number };
  /** BoundingBoxProperties: element order (index[k] = position of left, top, right, bottom for BOUNDARIES), type
   *  (BOUNDARIES, UPPER_LEFT, CENTER) and coordinates (RATIO 0..1, PIXEL). */
  boxIndex?: number[];
  boxType?: string;
  coordinateType?: string;
  /** NormalizationOptions: value = (x − mean[c]) / std[c], x the 0..255 pixel; one value means every channel. */
  mean?: number[];
  std?: number[];
  /** Stats: per-channel min / max of the tensor's values. */
  min?: number[];
  max?: number[];
  /** Associated files: name and AssociatedFileType name (TENSOR_AXIS_LABELS, TENSOR_VALUE_LABELS…). */
  files?: { name: string; type: string }[];
}

export interface TfliteMetadataSummary {
  name?: string;
  description?: string;
  version?: string;
  author?: string;
  license?: string;
  minParserVersion?: string;
  inputs: TfliteTensorMetadata[];
  outputs: TfliteTensorMetadata[];
  /** Files found in the zip archive appended to the model (name → bytes). */
  zipFiles: { name: string; bytes: number }[];
}
