// TFLite Metadata writer (formats/tflite/metadata/write.ts): what EdgeLab writes reads back (metadata/read.ts) as
// the source's ModelMeta (input range, size, labels), the labels zip is STORED at file offsets and its CRC is
// right, the file with its zip tail still runs in LiteRT.js with the same outputs, and `convert --to tflite` of a
// labelled detector writes it (TFLITE_METADATA entry + labels.txt) while keeping EdgeLab's own 'edgelab' entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { crc32 } from 'node:zlib';
import { readTfliteModel } from '../../../../../src-main/formats/tflite/read-model';
import { serializeTflite } from '../../../../../src-main/formats/tflite/writer';
import { inspectTfliteBytes } from '../../../../../src-main/formats/tflite/reader';
import { readTfliteMetadataOf } from '../../../../../src-main/formats/tflite/metadata/read';
import { metaFromTfliteMetadata } from '../../../../../src-main/formats/tflite/metadata/to-meta';
import { normalizationOf, withTfliteMetadata } from '../../../../../src-main/formats/tflite/metadata/write';
import { readTfliteMetadata, metaOfTflite } from '../../../../../src-main/formats/tflite/edgelab-meta';
import { COCO80 } from '../../../../../src-shared/class-names';
import type { ModelMeta } from '../../../../../src-shared/types/model';
import { cosine, imageFill, runTflite, smallConvNet } from '../../../../support/tflite-build';
import { useTempEngine } from '../../../engine/helpers';

let scratch: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-tfmeta-w-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

describe('NormalizationOptions from the input spec', () => {
  it('range [-1, 1] → 127.5 / 127.5; [0, 1] → 0 / 255; [0, 255] → 0 / 1; torchvision mean/std per channel', () => {
    expect(normalizationOf({ range: [-1, 1] })).toEqual({ mean: [127.5], std: [127.5] });
    expect(normalizationOf({ range: [0, 1] })).toEqual({ mean: [0], std: [255] });
    expect(normalizationOf({ range: [0, 255] })).toEqual({ mean: [0], std: [1] });
    const t = normalizationOf({ range: [0, 1], mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] });
    expect(t.mean.map((x) => +x.toFixed(3))).toEqual([123.675, 116.28, 103.53]);
    expect(t.std.map((x) => +x.toFixed(3))).toEqual([58.395, 57.12, 57.375]);
  });
});

describe('write → read', () => {
  const m = smallConvNet();
  const io = () => {
    const bytes = serializeTflite(smallConvNet());
    return inspectTfliteBytes(bytes, 'x');
  };
  const first = io();
  const meta: ModelMeta = {
    task: 'embedder',
    input: { name: first.inputs[0].name, width: first.inputs[0].shape[2], height: first.inputs[0].shape[1], layout: 'NHWC', dtype: 'float32', range: [-1, 1], resize: 'stretch', channels: 'RGB' },
    embedding: { output: first.outputs[0].name, dims: first.outputs[0].shape.at(-1)! },
    labels: 'coco80',
  };

  it('reads back as the source meta; labels.txt STORED at file offsets with its CRC; same LiteRT.js outputs', async () => {
    const bytes = withTfliteMetadata(smallConvNet(), meta);
    const file = join(scratch, 'net.tflite');
    await fs.writeFile(file, bytes);
    const md = readTfliteMetadataOf(bytes, file)!;
    expect(md.summary.minParserVersion).toBe('1.0.0');
    expect(md.summary.inputs[0]).toMatchObject({ content: 'image', colorSpace: 'RGB', mean: [127.5], std: [127.5], min: [-1], max: [1] });
    expect(md.summary.outputs.map((o) => o.name)).toEqual(m.outputs.map((i) => m.tensors[i].name));
    expect(md.summary.outputs[0].files).toEqual([{ name: 'labels.txt', type: 'TENSOR_AXIS_LABELS' }]);
    const labels = md.files.find((f) => f.name === 'labels.txt')!;
    expect(new TextDecoder().decode(labels.data)).toBe(`${COCO80.join('\n')}\n`);
    // STORED entry, CRC-32 as written in the central directory, local header offset counted from the file start
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = bytes.length - 22;
    const cen = eocd - v.getUint32(eocd + 12, true);
    expect(v.getUint32(eocd + 16, true)).toBe(cen);
    expect(v.getUint16(cen + 10, true)).toBe(0);
    expect(v.getUint32(cen + 16, true)).toBe(crc32(labels.data) >>> 0);
    expect(v.getUint32(v.getUint32(cen + 42, true), true)).toBe(0x04034b50);
    const back = metaFromTfliteMetadata(md.summary, md.files, inspectTfliteBytes(bytes, file));
    expect(back.notes).toEqual([]);
    expect(back.meta).toEqual({ ...meta, labels: [...COCO80] });
    const plain = await runTflite(join(scratch, 'plain.tflite'), imageFill, serializeTflite(smallConvNet()));
    const tail = await runTflite(file, imageFill, bytes);
    for (const k of Object.keys(plain)) expect(cosine(plain[k].data as Float32Array, tail[k].data as Float32Array)).toBe(1);
  });

  it('replaces an earlier TFLITE_METADATA entry and keeps the others', () => {
    const once = withTfliteMetadata(smallConvNet(), meta);
    const again = readTfliteModel(once, 'once');
    again.metadata = [...(again.metadata ?? []), { name: 'edgelab', data: new TextEncoder().encode('{}') }];
    const twice = withTfliteMetadata(again, { ...meta, labels: undefined, input: { ...meta.input, range: [0, 1] } });
    const entries = readTfliteMetadata(twice, 'twice').metadata!.map((e) => e.name).sort();
    expect(entries).toEqual(['TFLITE_METADATA', 'edgelab']);
    const md = readTfliteMetadataOf(twice, 'twice')!;
    expect(md.summary.inputs[0]).toMatchObject({ mean: [0], std: [255] });
    expect(md.files).toEqual([]);
  });
});

describe('convert --to tflite writes TFLite Metadata', () => {
  const engine = useTempEngine();
  it('the CenterNet ONNX detector (coco80): TFLITE_METADATA with its normalisation and labels.txt; EdgeLab\'s own entry kept', async () => {
    const out = join(engine().dir, 'cn', 'centernet.tflite');
    await engine().engine.convertModel({ model: 'centernet-mobilenet-v3-coco-onnx', to: 'tflite', out, frames: 2 });
    const bytes = new Uint8Array(await fs.readFile(out));
    const md = readTfliteMetadataOf(bytes, out)!;
    expect(md.summary.inputs[0]).toMatchObject({ content: 'image', colorSpace: 'RGB', defaultSize: { width: 512, height: 512 }, mean: [0], std: [1] });
    expect(new TextDecoder().decode(md.files[0].data).split('\n').slice(0, 2)).toEqual(['person', 'bicycle']);
    expect(metaOfTflite(readTfliteMetadata(bytes, out))?.lineage?.kind).toBe('tflite');
  }, 600_000);
});
