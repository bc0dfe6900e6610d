// TFLite Metadata: the FlatBuffer that the Model.metadata entry named TFLITE_METADATA holds (tflite-support's
// tensorflow_lite_support/metadata/metadata_schema.fbs, schema 1.x, file identifier "M001"). MediaPipe tasks and
// the TFLite Support library read it for an input's normalisation and image size, labels and box layout.
// Field ids are the declaration order in metadata_schema.fbs (a union takes two ids: its type, then its value).
// Only what EdgeLab reads or writes is listed.

/** Model.metadata entry name of the metadata buffer. */
export const TFLITE_METADATA = 'TFLITE_METADATA';
/** metadata_schema.fbs file_identifier. */
export const METADATA_IDENTIFIER = 'M001';
/** The parser version a file needs that uses only schema 1.0.0 fields (ImageProperties, NormalizationOptions,
 *  BoundingBoxProperties, TENSOR_AXIS_LABELS / TENSOR_VALUE_LABELS files): metadata_version.cc's rule is the
 *  largest "added in" version among the fields populated, 1.0.0 for all of these. */
export const MIN_PARSER_VERSION = '1.0.0';

export const MF = {
  modelMetadata: { n: 8, name: 0, description: 1, version: 2, subgraphMetadata: 3, author: 4, license: 5, associatedFiles: 6, minParserVersion: 7 },
  subgraphMetadata: { n: 7, name: 0, description: 1, inputTensorMetadata: 2, outputTensorMetadata: 3, associatedFiles: 4 },
  tensorMetadata: { n: 7, name: 0, description: 1, dimensionNames: 2, content: 3, processUnits: 4, stats: 5, associatedFiles: 6 },
  content: { n: 3, propertiesType: 0, properties: 1, range: 2 },
  imageProperties: { n: 2, colorSpace: 0, defaultSize: 1 },
  imageSize: { n: 2, width: 0, height: 1 },
  boundingBoxProperties: { n: 3, index: 0, type: 1, coordinateType: 2 },
  processUnit: { n: 2, optionsType: 0, options: 1 },
  normalizationOptions: { n: 2, mean: 0, std: 1 },
  stats: { n: 2, max: 0, min: 1 },
  associatedFile: { n: 4, name: 0, description: 1, type: 2, locale: 3 },
} as const;

/** union ContentProperties (0 = NONE). */
export const CONTENT = { feature: 1, image: 2, boundingBox: 3 } as const;
/** union ProcessUnitOptions (0 = NONE). */
export const PROCESS_UNIT = { normalization: 1, scoreCalibration: 2, scoreThresholding: 3 } as const;
/** enum ColorSpaceType. */
export const COLOR_SPACES = ['UNKNOWN', 'RGB', 'GRAYSCALE'] as const;
/** enum BoundingBoxType. */
export const BOX_TYPES = ['UNKNOWN', 'BOUNDARIES', 'UPPER_LEFT', 'CENTER'] as const;
/** enum CoordinateType. */
export const COORDINATE_TYPES = ['RATIO', 'PIXEL'] as const;
/** enum AssociatedFileType. */
export const FILE_TYPES = ['UNKNOWN', 'DESCRIPTIONS', 'TENSOR_AXIS_LABELS', 'TENSOR_VALUE_LABELS', 'TENSOR_AXIS_SCORE_CALIBRATION', 'VOCABULARY', 'SCANN_INDEX_FILE'] as const;
export const TENSOR_AXIS_LABELS = 2;
