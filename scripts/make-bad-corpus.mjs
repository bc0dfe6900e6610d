#!/usr/bin/env node
// Regenerates the bad-input corpus in tests/fixtures/bad/ (run from the repo root: `node scripts/make-bad-corpus.mjs`).
// Deterministic: "random" bytes come from a fixed LCG, clips from ffmpeg's synthetic sources (testsrc/sine) with
// -bitexact and fixed sizes. Every output is small (< 64 KiB) and committed; this script documents how each was made.
// The first models/ section holds the cases tests/src-main/models/registry.test.ts reads (see models/README.md).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BAD = join(root, 'tests/fixtures/bad');
const { onnx } = onnxProto;
const put = (name, data) => {
  mkdirSync(dirname(join(BAD, name)), { recursive: true });
  writeFileSync(join(BAD, name), data);
};
function lcgBytes(n, seed) {
  const out = new Uint8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

// ---- models/ (ONNX protobufs with hostile content) --------------------------------------------------
const vi = (name, dims) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } });
const enc = (m) => onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 7, opsetImport: [{ domain: '', version: 12 }], ...m })).finish();
// Older cases (registry.test.ts): empty, pseudo-random, truncated, renamed PNG, plain text.
const blazeBytes = readFileSync(join(root, 'models/blazeface-front/face_detection_front_128x128.onnx'));
put('models/zero.onnx', new Uint8Array(0));
put('models/random.onnx', lcgBytes(512, 42));
put('models/truncated.onnx', blazeBytes.subarray(0, 8192));
put('models/truncated-model.json', readFileSync(join(root, 'models/ssd-mobilenet-v2-coco/model.json')).subarray(0, 300));
// A 1×1 transparent PNG, under its own name and renamed as a model.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
put('models/image.png', png);
put('models/png-renamed.onnx', png);
put('models/notes.txt', 'These are notes, not a model.\n');
// Older cases: valid ModelProtos with bad content.
put('models/no-nodes.onnx', enc({ graph: { name: 'g', node: [], input: [vi('x', [1, 4])], output: [vi('x', [1, 4])] } }));
put('models/absurd-dims.onnx', enc({ graph: { name: 'g', node: [{ opType: 'Relu', input: ['x'], output: ['y'] }],
  input: [vi('x', [1, 2 ** 40])], output: [vi('y', [1, 2 ** 40])] } }));
put('models/short-initializer.onnx', enc({ graph: { name: 'g', node: [{ opType: 'Add', input: ['x', 'w'], output: ['y'] }],
  initializer: [{ name: 'w', dims: [1, 4], dataType: 1, rawData: new Uint8Array(8) }],
  input: [vi('x', [1, 4])], output: [vi('y', [1, 4])] } }));

// a → b → a: no topological order exists.
put('models/cyclic.onnx', enc({ graph: { name: 'g', node: [
  { name: 'A', opType: 'Add', input: ['x', 'b'], output: ['a'] },
  { name: 'B', opType: 'Relu', input: ['a'], output: ['b'] },
], input: [vi('x', [1, 4])], output: [vi('b', [1, 4])] } }));
// Initializer declaring 10^12 floats (4 TB) while holding 16 bytes: must be refused without allocating.
put('models/huge-initializer.onnx', enc({ graph: { name: 'g', node: [{ opType: 'Add', input: ['x', 'w'], output: ['y'] }],
  initializer: [{ name: 'w', dims: [1_000_000, 1_000_000], dataType: 1, rawData: new Uint8Array(16) }],
  input: [vi('x', [1, 4])], output: [vi('y', [1, 4])] } }));
put('models/negative-dim.onnx', enc({ graph: { name: 'g', node: [{ opType: 'Relu', input: ['x'], output: ['y'] }],
  input: [vi('x', [1, -7])], output: [vi('y', [1, 4])] } }));
put('models/no-graph.onnx', onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 7, producerName: 'edgelab-bad-corpus' })).finish());
// Bit-flipped BlazeFace: first 4 KiB with every 7th byte inverted (protobuf tags become nonsense).
{
  const blaze = readFileSync(join(root, 'models/blazeface-front/face_detection_front_128x128.onnx'));
  const flipped = Uint8Array.from(blaze.subarray(0, 4096));
  for (let i = 0; i < flipped.length; i += 7) flipped[i] ^= 0xff;
  put('models/bitflip.onnx', flipped);
}

// ---- models/ (TF.js model.json with hostile content) ------------------------------------------------
const tiny = (weights, paths = ['group1-shard1of1.bin'], extraNodes = []) => ({
  format: 'graph-model',
  modelTopology: {
    node: [
      { name: 'x', op: 'Placeholder', attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: { dim: [{ size: '1' }, { size: '4' }] } } } },
      { name: 'w', op: 'Const', attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: '4' }] } } } } },
      { name: 'y', op: 'AddV2', input: ['x', 'w'], attr: { T: { type: 'DT_FLOAT' } } },
      ...extraNodes,
    ],
    versions: {},
  },
  weightsManifest: [{ paths, weights }],
});
const W4 = [{ name: 'w', shape: [4], dtype: 'float32' }];
const shard16 = new Uint8Array(new Float32Array([1, 2, 3, 4]).buffer);
// Older cases (registry.test.ts): the tiny y = x + w graph with a missing, short (8 of 16 bytes) or escaping shard.
put('models/missing-shard/model.json', JSON.stringify(tiny(W4)));
put('models/short-shard/model.json', JSON.stringify(tiny(W4)));
put('models/short-shard/group1-shard1of1.bin', new Uint8Array(new Float32Array([1, 2]).buffer));
put('models/escaping-shard/model.json', JSON.stringify(tiny(W4, ['../short-shard/group1-shard1of1.bin'])));
put('models/huge-weight/model.json', JSON.stringify(tiny([{ name: 'w', shape: [100000, 100000, 100], dtype: 'float32' }])));
put('models/huge-weight/group1-shard1of1.bin', shard16);
put('models/absolute-shard/model.json', JSON.stringify(tiny(W4, ['/etc/passwd'])));
put('models/no-topology/model.json', JSON.stringify({ format: 'graph-model', weightsManifest: [] }));
put('models/json-array/model.json', '[1, 2, 3]\n');
put('models/bad-dtype/model.json', JSON.stringify(tiny([{ name: 'w', shape: [4], dtype: 'complex256' }])));
put('models/bad-dtype/group1-shard1of1.bin', shard16);
put('models/negative-shape/model.json', JSON.stringify(tiny([{ name: 'w', shape: [-4], dtype: 'float32' }])));
put('models/negative-shape/group1-shard1of1.bin', shard16);
// Issue 21 item 7: a string weight declaring 2·10^9 elements over a 5-byte shard (each element needs at least its
// 4-byte length prefix): the size check used to skip string weights and tfjs's decoder then spun for minutes.
put('models/string-bomb/model.json', JSON.stringify(tiny([{ name: 'w', shape: [2e9], dtype: 'string' }])));
put('models/string-bomb/group1-shard1of1.bin', new Uint8Array([1, 0, 0, 0, 0x61]));
// y = AddV2(x, z), z = Relu(y): a cycle through the graph's nodes.
put('models/cyclic-graph/model.json', JSON.stringify({
  ...tiny(W4),
  modelTopology: { versions: {}, node: [
    { name: 'x', op: 'Placeholder', attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: { dim: [{ size: '1' }, { size: '4' }] } } } },
    { name: 'y', op: 'AddV2', input: ['x', 'z'], attr: { T: { type: 'DT_FLOAT' } } },
    { name: 'z', op: 'Relu', input: ['y'], attr: { T: { type: 'DT_FLOAT' } } },
  ] },
  weightsManifest: [],
}));

// ---- models/ (TFLite flatbuffers) -------------------------------------------------------------------
{
  const tfl = readFileSync(join(root, 'tests/fixtures/tflite/hello_world_float.tflite'));
  put('models/truncated.tflite', tfl.subarray(0, 200));
  const wrong = Uint8Array.from(tfl);
  wrong.set([0x58, 0x58, 0x58, 0x58], 4); // file identifier "TFL3" → "XXXX"
  put('models/wrong-magic.tflite', wrong);
  // Root table offset pointing past the end of the file.
  const past = Uint8Array.from(tfl);
  new DataView(past.buffer).setUint32(0, 0x7fff_fff0, true);
  put('models/offset-past-end.tflite', past);
}
// Offset bomb (issue 21 item 6): a Model whose `subgraphs` vector holds N offsets to ONE subgraph, whose `tensors`
// vector holds N offsets to ONE tensor (shape [1, 4]). 48 KB of file, N² = 36 million tensors to a naive reader.
// Layout (little endian, absolute bytes): 0 root uoffset · 4 "TFL3" · 8 model vtable · 20 model table (subgraphs
// only) · 28 subgraphs vector · subgraph vtable + table · tensors vector · tensor vtable + table · shape vector.
{
  const N = 6000;
  const S = 32 + 4 * N + 8; // subgraph table (its vtable sits 8 bytes before it)
  const T = S + 8; // tensors vector
  const X = T + 4 + 4 * N + 8; // tensor table
  const end = X + 8 + 12;
  const v = new DataView(new ArrayBuffer(end));
  const u16s = (at, ...xs) => xs.forEach((x, i) => v.setUint16(at + 2 * i, x, true));
  v.setUint32(0, 20, true);
  [0x54, 0x46, 0x4c, 0x33].forEach((c, i) => v.setUint8(4 + i, c));
  u16s(8, 10, 8, 0, 0, 4); // model vtable: field 2 (subgraphs) at +4
  v.setInt32(20, 20 - 8, true);
  v.setUint32(24, 28 - 24, true);
  v.setUint32(28, N, true);
  for (let i = 0; i < N; i++) v.setUint32(32 + 4 * i, S - (32 + 4 * i), true);
  u16s(S - 8, 6, 8, 4); // subgraph vtable: field 0 (tensors) at +4
  v.setInt32(S, 8, true);
  v.setUint32(S + 4, T - (S + 4), true);
  v.setUint32(T, N, true);
  for (let i = 0; i < N; i++) v.setUint32(T + 4 + 4 * i, X - (T + 4 + 4 * i), true);
  u16s(X - 8, 6, 8, 4); // tensor vtable: field 0 (shape) at +4
  v.setInt32(X, 8, true);
  v.setUint32(X + 4, 4, true);
  v.setUint32(X + 8, 2, true);
  v.setInt32(X + 12, 1, true);
  v.setInt32(X + 16, 4, true);
  put('models/offset-bomb.tflite', new Uint8Array(v.buffer));
}

// ---- clips/ (made with the bundled ffmpeg; tiny synthetic sources) ----------------------------------
const ffmpeg = join(dirname(createRequire(import.meta.url).resolve('@ffmpeg-installer/linux-x64/package.json')), 'ffmpeg');
const ff = (args) => {
  const p = spawnSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', ...args], { encoding: 'utf8' });
  if (p.status !== 0) throw new Error(`ffmpeg ${args.join(' ')}: ${p.stderr}`);
};
const clip = (name) => join(BAD, 'clips', name);
mkdirSync(join(BAD, 'clips'), { recursive: true });
// Audio only: a valid media file without a video stream.
ff(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=0.5', '-c:a', 'pcm_s16le', '-ar', '8000', '-bitexact', clip('audio-only.wav')]);
// Variable frame rate: 12 frames whose timestamps grow irregularly (0, 1, 3, 6, … ticks of 1/30 s).
ff(['-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=30:duration=0.4', '-vf', "setpts='N*(N+1)/2/30/TB'", '-vsync', 'vfr',
  '-c:v', 'mjpeg', '-bitexact', clip('vfr.mkv')]);
// Zero frames: an AVI whose header declares a 64×48 video track and holds no frame at all.
ff(['-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=10:duration=1', '-frames:v', '0', '-c:v', 'mjpeg', '-bitexact', clip('zero-frames.avi')]);
// Cut mid-frame: a 10-frame MJPEG AVI whose index and second half are gone (first frames decode, then garbage).
{
  const tmp = clip('whole.avi');
  ff(['-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=10:duration=1', '-c:v', 'mjpeg', '-bitexact', tmp]);
  const whole = readFileSync(tmp);
  put('clips/cut.avi', whole.subarray(0, Math.floor(whole.length / 2)));
  rmSync(tmp);
}
// A y4m header declaring a 16000×16000 frame (768 MB of RGB per frame) followed by a few bytes.
put('clips/huge-frame.y4m', 'YUV4MPEG2 W16000 H16000 F25:1 Ip A1:1 C420jpeg\nFRAME\n' + 'x'.repeat(64));
// A JPEG image renamed .mp4: one picture, not a clip with a frame rate.
ff(['-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=1', '-frames:v', '1', '-bitexact', clip('image.jpg')]);
put('clips/garbage.mp4', lcgBytes(4096, 7));
// Issue 21 item 9. A file NAME that reads like ffmpeg's stream line, over a y4m header declaring 16000×16000:
// the old probe took the first "Stream … Video:" text of ffmpeg's summary, i.e. the name, and decoded 2 GB frames.
put('clips/y Stream #0:0: Video: mjpeg, 64x64, 1 fps.avi', 'YUV4MPEG2 W16000 H16000 F25:1 Ip A1:1 C420jpeg\nFRAME\n' + 'x'.repeat(64));
// A PNG-in-AVI clip whose first frame is 64×48 and whose next two are 12000×12000 (1-bit PNGs of zeros: 18 KB each
// deflated, 432 MB each as RGB): the probe sees 64×48; the decoder used to decode and scale the huge frames.
{
  const chunk = (type, data) => {
    const b = Buffer.alloc(12 + data.length);
    b.writeUInt32BE(data.length, 0);
    b.write(type, 4, 'latin1');
    data.copy(b, 8);
    b.writeUInt32BE(crc32(b.subarray(4, 8 + data.length)), 8 + data.length);
    return b;
  };
  const png1bit = (w, h) => {
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(w, 0);
    ihdr.writeUInt32BE(h, 4);
    ihdr[8] = 1; // bit depth 1, colour type 0 (grey)
    const rows = Buffer.alloc((1 + Math.ceil(w / 8)) * h); // filter byte 0 + zero pixels per row
    return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
  };
  writeFileSync(clip('small.png'), png1bit(64, 48));
  writeFileSync(clip('big.png'), png1bit(12000, 12000));
  writeFileSync(clip('list.txt'), ['small', 'big', 'big'].map((n) => `file '${clip(n + '.png')}'`).join('\n') + '\n');
  ff(['-f', 'concat', '-safe', '0', '-i', clip('list.txt'), '-c', 'copy', '-bitexact', clip('frame-grows.avi')]);
  for (const f of ['small.png', 'big.png', 'list.txt']) rmSync(clip(f));
}

// ---- bench/ (benchmark-tool outputs) ---------------------------------------------------------------
put('bench/empty.txt', '');
put('bench/binary.bin', lcgBytes(2048, 11));
put('bench/ort-profile-truncated.json', readFileSync(join(root, 'tests/fixtures/bench/ort-profile-blazeface-cpu.json')).subarray(0, 700));
put('bench/ort-profile-wrong-types.json', JSON.stringify([
  { cat: 'Session', pid: 1, tid: 1, dur: 'slow', ts: 3, ph: 'X', name: 'model_loading_uri', args: {} },
  { cat: 'Node', pid: 1, tid: 1, dur: -5, ts: 'x', ph: 'X', name: 'conv_kernel_time', args: { op_name: 42 } },
]));
put('bench/tflite-profile-header-only.csv', 'node type,first,avg_ms,%,cdf%,mem KB,times called,name\n');
put('bench/tflite-benchmark-no-numbers.log', 'INFO: STARTING!\nINFO: Log parameter values verbosely: [0]\nINFO: Graph: [model.tflite]\nINFO: Loaded model model.tflite\nERROR: Failed to allocate tensors!\n');
put('bench/ort-perf-test-nan.txt', 'Session creation time cost: 0.05 s\nTotal inference requests: 100\nAverage inference time cost: nan ms\nTotal inference run time: 1.9 s\n');
put('bench/edgelab-template-negative.csv', 'device,delegate,model,mean_ms\nPixel 3,cpu,ssdlite.tflite,-12\n');
put('bench/edgelab-template-huge.csv', 'device,delegate,model,mean_ms\nPixel 3,cpu,ssdlite.tflite,1e400\n');

// ---- labels/ (MOTChallenge gt.txt, COCO JSON) ------------------------------------------------------
put('labels/empty.gt.txt', '');
put('labels/short-row.gt.txt', '1,1,10,10,20\n');
put('labels/negative-size.gt.txt', '1,1,10,10,-20,40,1,1,1\n');
put('labels/nan.gt.txt', '1,1,NaN,10,20,40,1,1,1\n');
put('labels/truncated.coco.json', readFileSync(join(root, 'tests/fixtures/gt/two-people.coco.json')).subarray(0, 200));
put('labels/no-images.coco.json', JSON.stringify({ categories: [{ id: 1, name: 'person' }], annotations: [{ id: 1, image_id: 5, bbox: [1, 2, 3, 4], category_id: 1 }] }));
put('labels/bad-bbox.coco.json', JSON.stringify({ images: [{ id: 1, frame_index: 0 }], categories: [{ id: 1, name: 'person' }], annotations: [{ id: 1, image_id: 1, bbox: [1, 2, 'wide'], category_id: 1 }] }));
put('labels/unknown-image.coco.json', JSON.stringify({ images: [{ id: 1, frame_index: 0 }], categories: [{ id: 1, name: 'person' }], annotations: [{ id: 1, image_id: 99, bbox: [1, 2, 3, 4], category_id: 1 }] }));
put('labels/binary.gt.txt', lcgBytes(1024, 3));

// ---- labs/ (lab specs, YAML) ------------------------------------------------------------------------
put('labs/empty.yaml', "");
put('labs/broken-yaml.yaml', "version: 1\nname: x\nmodels:\n  - id: face\n    model: blazeface-front\n  variants: [\n");
put('labs/binary.yaml', lcgBytes(512, 42).subarray(0, 300));
put('labs/wrong-version.yaml', "version: 2\nname: x\nmodels: []\n");
put('labs/unknown-model-ref.yaml', "version: 1\nname: x\nmodels:\n  - id: face\n    model: blazeface-front\nvariants:\n  - kind: fp16\n    models: [nobody]\nclips:\n  - id: cup\n    clip: cup\n");
put('labs/missing-model-file.yaml', "version: 1\nname: x\nmodels:\n  - id: face\n    model: ../../../../../etc/passwd.onnx\nvariants:\n  - kind: fp16\nclips:\n  - id: cup\n    clip: cup\n");
put('labs/unknown-kind.yaml', "version: 1\nname: x\nmodels:\n  - id: face\n    model: blazeface-front\nvariants:\n  - kind: fp64\nclips:\n  - id: cup\n    clip: cup\n");
put('labs/extra-key.yaml', "version: 1\nname: x\nmodels:\n  - id: face\n    model: blazeface-front\n    rm: -rf\nvariants:\n  - kind: fp16\nclips:\n  - id: cup\n    clip: cup\n");
put('labs/bad-gates.yaml', "version: 1\nname: x\nmodels:\n  - id: face\n    model: blazeface-front\nvariants:\n  - kind: fp16\nclips:\n  - id: cup\n    clip: cup\ngates: map50_drop>>0.05\n");
// Billion-laughs: 10 levels of 10 aliases (10^10 nodes if expanded); yaml's alias-count guard must turn into BAD_INPUT.
{
  const lines = ['version: 1', 'name: bomb', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  lines.push('models: *a9');
  put('labs/alias-bomb.yaml', lines.join('\n') + '\n');
}
console.log('bad corpus written to', BAD);
