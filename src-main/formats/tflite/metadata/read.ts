// Reads a .tflite's TFLite Metadata: the Model.metadata entry TFLITE_METADATA (a metadata_schema.fbs FlatBuffer,
// schema.ts) parsed with the bounded reader (../flatbuffer.ts), and the associated files zipped onto the file's
// end (zip.ts). A corrupt buffer or zip is BAD_INPUT naming the file. to-meta.ts maps the result to a ModelMeta.
import { EdgeLabError } from '../../../../src-shared/protocol';
import type { TfliteMetadataSummary, TfliteTensorMetadata } from '../../../../src-shared/types/tflite-metadata';
import { FlatBuffer, type Table } from '../flatbuffer';
import { BOX_TYPES, COLOR_SPACES, CONTENT, COORDINATE_TYPES, FILE_TYPES, METADATA_IDENTIFIER, MF, PROCESS_UNIT, TFLITE_METADATA } from './schema';
import { readZipTail, type ZipEntry } from './zip';

export interface TfliteMetadataRead {
  summary: TfliteMetadataSummary;
  /** The TFLITE_METADATA buffer as stored (a variant carries it over verbatim: write.ts). */
  entry: Uint8Array;
  /** The zipped associated files (labels…), by name. */
  files: ZipEntry[];
}

const nonEmpty = <T>(a: T[]): T[] | undefined => (a.length ? a : undefined);

function fileList(t: Table, id: number): { name: string; type: string }[] {
  return t.tables(id).map((f) => ({ name: f.string(MF.associatedFile.name) ?? '', type: FILE_TYPES[f.i8(MF.associatedFile.type)] ?? `TYPE_${f.i8(MF.associatedFile.type)}` }));
}

function tensorMetadata(t: Table): TfliteTensorMetadata {
  const r: TfliteTensorMetadata = {};
  const name = t.string(MF.tensorMetadata.name);
  if (name !== undefined) r.name = name;
  const content = t.table(MF.tensorMetadata.content);
  const kind = content?.u8(MF.content.propertiesType) ?? 0;
  const props = kind ? content?.table(MF.content.properties) : undefined;
  if (kind === CONTENT.image) {
    r.content = 'image';
    r.colorSpace = COLOR_SPACES[props?.i8(MF.imageProperties.colorSpace) ?? 0] ?? 'UNKNOWN';
    const size = props?.table(MF.imageProperties.defaultSize);
    if (size) r.defaultSize = { width: size.u32(MF.imageSize.width), height: size.u32(MF.imageSize.height) };
  } else if (kind === CONTENT.boundingBox) {
    r.content = 'boundingBox';
    r.boxIndex = props?.i32s(MF.boundingBoxProperties.index) ?? [];
    r.boxType = BOX_TYPES[props?.i8(MF.boundingBoxProperties.type) ?? 0] ?? 'UNKNOWN';
    r.coordinateType = COORDINATE_TYPES[props?.i8(MF.boundingBoxProperties.coordinateType) ?? 0] ?? 'RATIO';
  } else if (kind === CONTENT.feature) r.content = 'feature';
  for (const pu of t.tables(MF.tensorMetadata.processUnits)) {
    if (pu.u8(MF.processUnit.optionsType) !== PROCESS_UNIT.normalization) continue;
    const n = pu.table(MF.processUnit.options);
    if (!n) continue;
    r.mean = n.f32s(MF.normalizationOptions.mean);
    r.std = n.f32s(MF.normalizationOptions.std);
  }
  const stats = t.table(MF.tensorMetadata.stats);
  if (stats) {
    const min = nonEmpty(stats.f32s(MF.stats.min));
    const max = nonEmpty(stats.f32s(MF.stats.max));
    if (min) r.min = min;
    if (max) r.max = max;
  }
  const files = nonEmpty(fileList(t, MF.tensorMetadata.associatedFiles));
  if (files) r.files = files;
  return r;
}

/** Parses a TFLITE_METADATA buffer (`file` names the .tflite in errors). */
export function parseMetadataBuffer(buf: Uint8Array, file: string): Omit<TfliteMetadataSummary, 'zipFiles'> {
  const what = `${TFLITE_METADATA} entry: `;
  if (buf.length < 8) throw new EdgeLabError('BAD_INPUT', `${what}${buf.length} bytes, too short for a metadata FlatBuffer`, file);
  const fb = new FlatBuffer(buf, file);
  if (fb.identifier() !== METADATA_IDENTIFIER) {
    throw new EdgeLabError('BAD_INPUT', `${what}file identifier '${fb.identifier().replace(/[^\x20-\x7e]/g, '?')}', expected '${METADATA_IDENTIFIER}'`, file);
  }
  try {
    const root = fb.root();
    const r: Omit<TfliteMetadataSummary, 'zipFiles'> = { inputs: [], outputs: [] };
    const str = (k: 'name' | 'description' | 'version' | 'author' | 'license' | 'minParserVersion', id: number) => {
      const v = root.string(id);
      if (v !== undefined) r[k] = v;
    };
    str('name', MF.modelMetadata.name);
    str('description', MF.modelMetadata.description);
    str('version', MF.modelMetadata.version);
    str('author', MF.modelMetadata.author);
    str('license', MF.modelMetadata.license);
    str('minParserVersion', MF.modelMetadata.minParserVersion);
    const sg = root.tables(MF.modelMetadata.subgraphMetadata)[0];
    if (sg) {
      r.inputs = sg.tables(MF.subgraphMetadata.inputTensorMetadata).map(tensorMetadata);
      r.outputs = sg.tables(MF.subgraphMetadata.outputTensorMetadata).map(tensorMetadata);
    }
    return r;
  } catch (e) {
    if (e instanceof EdgeLabError) throw new EdgeLabError(e.code, `${what}${e.message}`, file);
    throw e;
  }
}

/** The TFLITE_METADATA entry's bytes (schema.fbs: Model.buffers 4, Model.metadata 6; Metadata.name 0, .buffer 1;
 *  Buffer.data 0), or undefined. */
function metadataEntry(bytes: Uint8Array, file: string): Uint8Array | undefined {
  const root = new FlatBuffer(bytes, file).root();
  const entry = root.tables(6).find((e) => e.string(0) === TFLITE_METADATA);
  if (!entry) return undefined;
  const bi = entry.u32(1);
  const buffers = root.vector(4, 4);
  if (bi >= buffers.length) throw new EdgeLabError('BAD_INPUT', `${TFLITE_METADATA} entry names buffer ${bi}; the model has ${buffers.length}`, file);
  const buf = root.tables(4)[bi];
  const { length, start } = buf.vector(0, 1);
  return new Uint8Array(bytes.subarray(start, start + length)); // a copy, a plain Uint8Array even from a Buffer
}

/** The TFLite Metadata of the .tflite `bytes`, or undefined when it has no TFLITE_METADATA entry. The caller has
 *  checked the model (reader.ts inspectTfliteBytes); BAD_INPUT naming `file` for a corrupt metadata buffer or zip
 *  tail. */
export function readTfliteMetadataOf(bytes: Uint8Array, file: string): TfliteMetadataRead | undefined {
  const entry = metadataEntry(bytes, file);
  if (!entry) return undefined;
  const parsed = parseMetadataBuffer(entry, file);
  const files = readZipTail(bytes, file);
  return { summary: { ...parsed, zipFiles: files.map((f) => ({ name: f.name, bytes: f.data.length })) }, entry, files };
}
