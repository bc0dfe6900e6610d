// TFLite Metadata reader (formats/tflite/metadata/read.ts, zip.ts, to-meta.ts) on real files: the TF-converter SSD
// fixture given metadata as tflite-support's populator writes it for a detector (output names location / category
// / score / number of detections, BoundingBoxProperties BOUNDARIES [1,0,3,2] RATIO, NormalizationOptions 127.5 /
// 127.5, labels as a DEFLATED zip entry) maps to the same ModelMeta as its hand-written sidecar; precedence sidecar
// > TFLITE_METADATA in metaForModel; inspect shows the metadata; corrupt buffers and zips are BAD_INPUT naming the
// file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { crc32, deflateRawSync } from 'node:zlib';
import { Builder } from 'flatbuffers';
import { EdgeLabError } from '../../../../../src-shared/protocol';
import { readTfliteModel } from '../../../../../src-main/formats/tflite/read-model';
import { serializeTflite } from '../../../../../src-main/formats/tflite/writer';
import { readTfliteMetadataOf } from '../../../../../src-main/formats/tflite/metadata/read';
import { metaFromTfliteFile } from '../../../../../src-main/formats/tflite/metadata/meta-of-file';
import { rangeOf } from '../../../../../src-main/formats/tflite/metadata/to-meta';
import { readZipTail, storedZip } from '../../../../../src-main/formats/tflite/metadata/zip';
import { metaForModel } from '../../../../../src-main/models/catalog';
import { inspectModel } from '../../../../../src-main/models/registry';
import { useTempEngine } from '../../../engine/helpers';

const engine = useTempEngine();

const FIX = join(process.cwd(), 'tests/fixtures/tflite');
let scratch: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-tfmeta-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

/** metadata_schema.fbs built by hand here (independent of write.ts): a detector's metadata as the populator does. */
function detectorMetadata(): Uint8Array {
  const b = new Builder(512);
  const f32 = (v: number[]) => {
    b.startVector(4, v.length, 4);
    for (let i = v.length - 1; i >= 0; i--) b.addFloat32(v[i]);
    return b.endVector();
  };
  const offs = (v: number[]) => {
    b.startVector(4, v.length, 4);
    for (let i = v.length - 1; i >= 0; i--) b.addOffset(v[i]);
    return b.endVector();
  };
  // input: ImageProperties RGB 64×64, NormalizationOptions 127.5/127.5
  b.startObject(2);
  b.addFieldInt32(0, 64, 0);
  b.addFieldInt32(1, 64, 0);
  const size = b.endObject();
  b.startObject(2);
  b.addFieldInt8(0, 1, 0);
  b.addFieldOffset(1, size, 0);
  const imgProps = b.endObject();
  b.startObject(3);
  b.addFieldInt8(0, 2, 0);
  b.addFieldOffset(1, imgProps, 0);
  const imgContent = b.endObject();
  const mean = f32([127.5]);
  const std = f32([127.5]);
  b.startObject(2);
  b.addFieldOffset(0, mean, 0);
  b.addFieldOffset(1, std, 0);
  const norm = b.endObject();
  b.startObject(2);
  b.addFieldInt8(0, 1, 0);
  b.addFieldOffset(1, norm, 0);
  const units = offs([b.endObject()]);
  const inName = b.createString('image');
  b.startObject(7);
  b.addFieldOffset(0, inName, 0);
  b.addFieldOffset(3, imgContent, 0);
  b.addFieldOffset(4, units, 0);
  const input = b.endObject();
  // outputs: location (BoundingBoxProperties), category (labels), score, number of detections
  b.startVector(4, 4, 4);
  for (const v of [2, 3, 0, 1]) b.addInt32(v);
  const index = b.endVector();
  b.startObject(3);
  b.addFieldOffset(0, index, 0);
  b.addFieldInt8(1, 1, 0); // BOUNDARIES
  b.addFieldInt8(2, 0, 0); // RATIO
  const boxProps = b.endObject();
  b.startObject(3);
  b.addFieldInt8(0, 3, 0);
  b.addFieldOffset(1, boxProps, 0);
  const boxContent = b.endObject();
  const fileName = b.createString('labelmap.txt');
  b.startObject(4);
  b.addFieldOffset(0, fileName, 0);
  b.addFieldInt8(2, 3, 0); // TENSOR_VALUE_LABELS
  const labelFile = offs([b.endObject()]);
  const out = (name: string, content?: number, files?: number) => {
    const n = b.createString(name);
    b.startObject(7);
    b.addFieldOffset(0, n, 0);
    if (content) b.addFieldOffset(3, content, 0);
    if (files) b.addFieldOffset(6, files, 0);
    return b.endObject();
  };
  // in the file's SubGraph.outputs order (TF's converter: PartitionedCall:1, :3, :0, :2 = classes, count, boxes, scores)
  const outs = [out('category', undefined, labelFile), out('number of detections'), out('location', boxContent), out('score')];
  const ins = offs([input]);
  const outVec = offs(outs);
  b.startObject(4);
  b.addFieldOffset(2, ins, 0);
  b.addFieldOffset(3, outVec, 0);
  const sg = offs([b.endObject()]);
  const name = b.createString('tiny SSD');
  const ver = b.createString('1.0.0');
  b.startObject(8);
  b.addFieldOffset(0, name, 0);
  b.addFieldOffset(3, sg, 0);
  b.addFieldOffset(7, ver, 0);
  b.finish(b.endObject(), 'M001');
  return b.asUint8Array().slice();
}

/** A metadata buffer with only the input's normalisation (no output metadata). */
function detectorMetadataNoNames(): Uint8Array {
  const b = new Builder(256);
  b.startVector(4, 1, 4);
  b.addFloat32(127.5);
  const mean = b.endVector();
  b.startVector(4, 1, 4);
  b.addFloat32(127.5);
  const std = b.endVector();
  b.startObject(2);
  b.addFieldOffset(0, mean, 0);
  b.addFieldOffset(1, std, 0);
  const norm = b.endObject();
  b.startObject(2);
  b.addFieldInt8(0, 1, 0);
  b.addFieldOffset(1, norm, 0);
  const unit = b.endObject();
  b.startVector(4, 1, 4);
  b.addOffset(unit);
  const units = b.endVector();
  b.startObject(7);
  b.addFieldOffset(4, units, 0);
  const input = b.endObject();
  b.startVector(4, 1, 4);
  b.addOffset(input);
  const ins = b.endVector();
  b.startObject(4);
  b.addFieldOffset(2, ins, 0);
  const sg = b.endObject();
  b.startVector(4, 1, 4);
  b.addOffset(sg);
  const sgs = b.endVector();
  b.startObject(8);
  b.addFieldOffset(3, sgs, 0);
  b.finish(b.endObject(), 'M001');
  return b.asUint8Array().slice();
}

/** One DEFLATED entry as a zip whose offsets count from the zip's own start (Python's zipfile appending). */
function deflatedZip(name: string, data: Uint8Array): Uint8Array {
  const n = new TextEncoder().encode(name);
  const comp = new Uint8Array(deflateRawSync(data));
  const loc = new DataView(new ArrayBuffer(30));
  loc.setUint32(0, 0x04034b50, true);
  loc.setUint16(4, 20, true);
  loc.setUint16(8, 8, true);
  loc.setUint32(14, crc32(data) >>> 0, true);
  loc.setUint32(18, comp.length, true);
  loc.setUint32(22, data.length, true);
  loc.setUint16(26, n.length, true);
  const cen = new DataView(new ArrayBuffer(46));
  cen.setUint32(0, 0x02014b50, true);
  cen.setUint16(10, 8, true);
  cen.setUint32(16, crc32(data) >>> 0, true);
  cen.setUint32(20, comp.length, true);
  cen.setUint32(24, data.length, true);
  cen.setUint16(28, n.length, true);
  cen.setUint32(42, 0, true);
  const cdOffset = 30 + n.length + comp.length;
  const eocd = new DataView(new ArrayBuffer(22));
  eocd.setUint32(0, 0x06054b50, true);
  eocd.setUint16(8, 1, true);
  eocd.setUint16(10, 1, true);
  eocd.setUint32(12, 46 + n.length, true);
  eocd.setUint32(16, cdOffset, true);
  return Buffer.concat([new Uint8Array(loc.buffer), n, comp, new Uint8Array(cen.buffer), n, new Uint8Array(eocd.buffer)]);
}

async function ssdWithMetadata(metadata = detectorMetadata(), zip?: Uint8Array): Promise<Uint8Array> {
  const src = join(FIX, 'tiny_ssd_postprocess.tflite');
  const m = readTfliteModel(new Uint8Array(await fs.readFile(src)), src);
  m.metadata = [...(m.metadata ?? []), { name: 'TFLITE_METADATA', data: metadata }];
  const model = serializeTflite(m);
  return Buffer.concat([model, zip ?? deflatedZip('labelmap.txt', new TextEncoder().encode('a\nb\nc\n'))]);
}

describe('TFLite Metadata → ModelMeta', () => {
  it('a detector as the populator writes it: same meta as the hand-written sidecar (DEFLATED labels in the zip tail)', async () => {
    const bytes = await ssdWithMetadata();
    const file = join(scratch, 'ssd.tflite');
    const md = readTfliteMetadataOf(bytes, file)!;
    expect(md.summary.minParserVersion).toBe('1.0.0');
    expect(md.summary.inputs[0]).toMatchObject({ name: 'image', content: 'image', colorSpace: 'RGB', defaultSize: { width: 64, height: 64 }, mean: [127.5], std: [127.5] });
    expect(md.summary.outputs[2]).toMatchObject({ name: 'location', content: 'boundingBox', boxIndex: [1, 0, 3, 2], boxType: 'BOUNDARIES', coordinateType: 'RATIO' });
    expect(md.summary.zipFiles).toEqual([{ name: 'labelmap.txt', bytes: 6 }]);
    const meta = metaFromTfliteFile(bytes, file)!;
    const sidecar = JSON.parse(await fs.readFile(join(FIX, 'tiny_ssd_postprocess.edgelab.json'), 'utf8'));
    const { name, ...input } = meta.input;
    expect(name).toBeTruthy();
    expect({ ...meta, input }).toEqual({ ...sidecar, decoder: { kind: 'detections', params: { ...sidecar.decoder.params, coordinates: 'normalized' } } });
  });

  it('precedence: sidecar > TFLITE_METADATA; without a sidecar metaForModel and inspect use the metadata', async () => {
    const dir = await fs.mkdtemp(join(scratch, 'prec-'));
    const file = join(dir, 'ssd.tflite');
    await fs.writeFile(file, await ssdWithMetadata());
    const fromFile = await metaForModel(file);
    expect(fromFile?.decoder?.kind).toBe('detections');
    expect(fromFile?.labels).toEqual(['a', 'b', 'c']);
    const r = await inspectModel(file);
    expect(r.tfliteMetadata?.outputs.map((o) => o.name)).toEqual(['category', 'number of detections', 'location', 'score']);
    expect(r.meta?.input.range).toEqual([-1, 1]);
    await fs.writeFile(join(dir, 'ssd.edgelab.json'), JSON.stringify({ ...fromFile, labels: ['x', 'y', 'z'] }));
    expect((await metaForModel(file))?.labels).toEqual(['x', 'y', 'z']);
  });

  it('without output names: roles from the TFLite_Detection_PostProcess op\'s own output order, not the subgraph\'s', async () => {
    const strip = detectorMetadataNoNames();
    const meta = metaFromTfliteFile(await ssdWithMetadata(strip), join(scratch, 'ssd.tflite'))!;
    const sidecar = JSON.parse(await fs.readFile(join(FIX, 'tiny_ssd_postprocess.edgelab.json'), 'utf8'));
    expect(meta.decoder).toEqual({ kind: 'detections', params: { ...sidecar.decoder.params, boxOrder: 'yxyx', coordinates: 'normalized' } });
  });

  it('predict by path with only TFLITE_METADATA (no sidecar) gives the same detections and labels as with the sidecar', async () => {
    const dir = await fs.mkdtemp(join(scratch, 'pred-'));
    const file = join(dir, 'ssd.tflite');
    await fs.writeFile(file, await ssdWithMetadata());
    const side = join(dir, 'side');
    await fs.mkdir(side);
    await fs.copyFile(join(FIX, 'tiny_ssd_postprocess.tflite'), join(side, 'ssd.tflite'));
    await fs.copyFile(join(FIX, 'tiny_ssd_postprocess.edgelab.json'), join(side, 'ssd.edgelab.json'));
    const a = await engine().engine.predict({ model: file, clip: 'cup', frame: 5 });
    const b = await engine().engine.predict({ model: join(side, 'ssd.tflite'), clip: 'cup', frame: 5 });
    expect(a.task).toBe('detector');
    console.log(`tiny SSD by TFLITE_METADATA: ${a.detections?.length} detections (${a.detections?.map((d) => d.label).join(', ')})`);
    expect(a.detections).toEqual(b.detections);
  }, 120_000);

  it('a .tflite variant (fp16) of a file with its own metadata carries it over verbatim, labels re-zipped STORED', async () => {
    const dir = await fs.mkdtemp(join(scratch, 'var-'));
    const file = join(dir, 'ssd.tflite');
    const bytes = await ssdWithMetadata();
    await fs.writeFile(file, bytes);
    const out = join(dir, 'v', 'ssd-fp16.tflite');
    await engine().engine.convertModel({ model: file, to: 'fp16', out, frames: 2 });
    const a = readTfliteMetadataOf(bytes, file)!;
    const b = readTfliteMetadataOf(new Uint8Array(await fs.readFile(out)), out)!;
    expect(b.entry).toEqual(a.entry);
    expect(b.files).toEqual(a.files);
    expect(b.summary.outputs[2].content).toBe('boundingBox');
  }, 120_000);

  it('NormalizationOptions → input range as MediaPipe normalises: (pixel − mean) / std', () => {
    expect(rangeOf({ mean: [127.5], std: [127.5] }, 'float32')).toEqual({ range: [-1, 1] });
    expect(rangeOf({ mean: [0], std: [255] }, 'float32')).toEqual({ range: [0, 1] });
    expect(rangeOf({ mean: [0], std: [1] }, 'float32')).toEqual({ range: [0, 255] });
    expect(rangeOf({ mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375] }, 'float32')).toEqual({ range: [0, 255], mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375] });
    expect(rangeOf(undefined, 'float32')).toEqual({ range: [0, 255] });
  });

  it('zip reader: STORED entries at file offsets and DEFLATED entries at zip-relative offsets read the same', () => {
    const data = new TextEncoder().encode('person\nbicycle\n');
    const head = new Uint8Array(100).fill(7);
    const stored = Buffer.concat([head, storedZip([{ name: 'labels.txt', data }], head.length)]);
    const deflated = Buffer.concat([head, deflatedZip('labels.txt', data)]);
    expect(readZipTail(stored, 'f')).toEqual([{ name: 'labels.txt', data }]);
    expect(readZipTail(deflated, 'f')).toEqual([{ name: 'labels.txt', data }]);
    expect(readZipTail(head, 'f')).toEqual([]);
  });
});

describe('bad input → BAD_INPUT naming the file', () => {
  const badInput = async (bytes: Uint8Array, message: RegExp) => {
    const file = join(scratch, 'bad.tflite');
    let err: unknown;
    try {
      metaFromTfliteFile(bytes, file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EdgeLabError);
    expect((err as EdgeLabError).code).toBe('BAD_INPUT');
    expect((err as EdgeLabError).file).toBe(file);
    expect((err as EdgeLabError).message).toMatch(message);
  };

  it('a truncated metadata buffer', async () => {
    await badInput(await ssdWithMetadata(detectorMetadata().slice(0, 60)), /TFLITE_METADATA entry: .*(outside|truncated)/);
  });

  it('a metadata buffer with another identifier', async () => {
    const md = detectorMetadata();
    md.set(new TextEncoder().encode('XXXX'), 4);
    await badInput(await ssdWithMetadata(md), /file identifier 'XXXX', expected 'M001'/);
  });

  it('a zip whose entry points past the end of the file', async () => {
    const zip = deflatedZip('labelmap.txt', new TextEncoder().encode('a\nb\nc\n'));
    const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const cen = zip.length - 22 - 46 - 'labelmap.txt'.length;
    v.setUint32(cen + 42, 0x7fff0000, true); // local header offset far past the end
    await badInput(await ssdWithMetadata(undefined, zip), /zip archive .*local header of 'labelmap.txt' .* outside/);
  });

  it('a zip entry that claims more than it inflates to', async () => {
    const zip = deflatedZip('labelmap.txt', new TextEncoder().encode('a\nb\nc\n'));
    const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const cen = zip.length - 22 - 46 - 'labelmap.txt'.length;
    v.setUint32(cen + 24, 3, true);
    await badInput(await ssdWithMetadata(undefined, zip), /zip archive .*labelmap.txt/);
  });
});
