// A .tflite's TFLite Metadata in one line of words (CLI `inspect` plain text and the Models view's Inspect panel,
// through model-meta-text.ts): the input's normalisation and size, box outputs, the zipped associated files.
import type { TfliteMetadataSummary } from './types/tflite-metadata';

export function tfliteMetadataText(md: TfliteMetadataSummary): string {
  const i = md.inputs[0];
  const parts = [
    i?.mean && i.std ? `input mean [${i.mean}] std [${i.std}]` : 'input without NormalizationOptions',
    ...(i?.defaultSize ? [`${i.colorSpace ?? ''} ${i.defaultSize.width}×${i.defaultSize.height}`.trim()] : []),
    ...md.outputs.filter((o) => o.content === 'boundingBox').map((o) => `boxes ${o.name ?? '?'} ${o.boxType} [${o.boxIndex}] ${o.coordinateType}`),
    ...md.zipFiles.map((f) => `file ${f.name} (${f.bytes} B)`),
  ];
  return parts.join(', ');
}
