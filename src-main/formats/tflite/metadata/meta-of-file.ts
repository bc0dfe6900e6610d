// The ModelMeta a .tflite's TFLite Metadata gives (read.ts + to-meta.ts on the file's bytes), for
// models/catalog.ts metaForModel: precedence sidecar > bundled catalog > EdgeLab's own 'edgelab' entry >
// TFLITE_METADATA > none (defaults).
import type { ModelMeta } from '../../../../src-shared/types/model';
import { inspectTfliteBytes } from '../reader';
import { readTfliteModel } from '../read-model';
import { readTfliteMetadataOf } from './read';
import { metaFromTfliteMetadata } from './to-meta';

/** The ModelMeta TFLITE_METADATA gives the .tflite `bytes`, or undefined (no entry, or not an image model).
 *  BAD_INPUT naming `file` when the entry or the zip tail is corrupt. */
export function metaFromTfliteFile(bytes: Uint8Array, file: string): ModelMeta | undefined {
  const io = inspectTfliteBytes(bytes, file); // the bounded whole-file check first (readTfliteModel repeats it)
  const md = readTfliteMetadataOf(bytes, file);
  if (!md) return undefined;
  const m = readTfliteModel(bytes, file);
  const post = m.operators.find((op) => op.op === 'CUSTOM' && op.customCode === 'TFLite_Detection_PostProcess');
  const postprocessOutputs = post?.outputs.map((i) => m.tensors[i]?.name ?? '');
  return metaFromTfliteMetadata(md.summary, md.files, { ...io, ...(postprocessOutputs ? { postprocessOutputs } : {}) }).meta;
}
