// readRun: a version-1 run (no tracks, embeddings, timings) is still read; version 2 round-trips; an embeddings
// file that does not match its index is BAD_INPUT naming the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUN_VERSION, type RunFile } from '../../../src-shared/formats/run';
import { readEmbeddings, readRun } from '../../../src-main/pipeline/run-file';

let dir = '';
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-runfile-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const V1 = {
  schema: 'edgelab.run',
  version: 1,
  id: 'old',
  createdAt: '2026-01-01T00:00:00.000Z',
  model: { name: 'm', path: '/m.onnx', sha256: 'ab', format: 'onnx', variantKind: 'fp32', sizeBytes: 10, runtime: 'onnxruntime-node', backend: 'CPUExecutionProvider' },
  clip: { path: '/c.mp4', name: 'c', sha256: 'cd', width: 640, height: 480, fps: 30, durationMs: 100 },
  settings: { maxFrames: 2, detectEvery: 2, scoreThreshold: 0.3, iouThreshold: 0.5, maxDetections: 5, thumbnailSize: 0 },
  thumbnails: null,
  frames: [
    { index: 0, ptsMs: 0, detected: true, detections: [{ box: [0.1, 0.1, 0.2, 0.2], score: 0.9, classId: 1, label: 'a', source: 'detected' }], timings: { decodeMs: 1, preprocessMs: 1, inferenceMs: 5, postprocessMs: 1 } },
    { index: 1, ptsMs: 33, detected: false, detections: [{ box: [0.1, 0.1, 0.2, 0.2], score: 0.9, classId: 1, label: 'a', source: 'propagated' }], timings: { decodeMs: 1, preprocessMs: 0, inferenceMs: 0, postprocessMs: 0 } },
  ],
  summary: { frames: 2, inferenceMsMean: 5, inferenceMsP50: 5, inferenceMsP90: 5, wallMsPerFrame: 4, detectionsPerFrame: 1, firstBoxFrame: 0, firstBoxMs: 0 },
};

function v2(count: number): RunFile {
  const r = structuredClone(V1) as unknown as RunFile;
  r.version = RUN_VERSION;
  r.settings = { ...r.settings, cadence: 'realtime', deviceLatencyMs: 120, embedder: 'e', tracker: { iouMatch: 0.3, confirmHits: 2, maxAgeMs: 1000, smoothing: 0, flowMaxSide: 320 } };
  r.frames[0].deliveredFrom = 0;
  r.frames[0].detections[0].trackId = 1;
  r.tracks = [{ id: 1, classId: 1, label: 'a', firstFrame: 0, lastFrame: 1, confirmedFrame: null, hits: 1, frames: 2 }];
  r.nodeTimingsMs = { detect: { calls: 2, meanMs: 3, totalMs: 6 } };
  const bytes = { float32: 8, float16: 4, int8: 6, jpeg: 500 };
  r.embeddings = {
    file: 'embeddings.f32',
    dtype: 'float32',
    dims: 2,
    count,
    normalized: true,
    model: { name: 'e', path: '/e.json', sha256: 'ef', format: 'tfjs-graph', runtime: 'tfjs', backend: 'wasm', output: 'o' },
    items: Array.from({ length: count }, (_, row) => ({ row, trackId: 1, frame: 0, ptsMs: 0, box: [0.1, 0.1, 0.2, 0.2], reason: 'confirmed', cropWidth: 10, cropHeight: 10, bytes })),
    meanBytes: bytes,
  };
  return r;
}

describe('readRun', () => {
  it('still reads a version-1 run as it is', async () => {
    const d = join(dir, 'v1');
    await fs.mkdir(d);
    await fs.writeFile(join(d, 'run.json'), JSON.stringify(V1));
    const r = await readRun(d);
    expect(r.version).toBe(1);
    expect(r).toEqual(V1);
    expect(r.tracks).toBeUndefined();
    expect(await readEmbeddings(d, r)).toEqual([]);
  });

  it('round-trips version 2 with its embeddings file; a short embeddings file is BAD_INPUT naming it', async () => {
    const d = join(dir, 'v2');
    await fs.mkdir(d);
    const r = v2(2);
    await fs.writeFile(join(d, 'run.json'), JSON.stringify(r));
    await fs.writeFile(join(d, 'embeddings.f32'), Buffer.from(new Float32Array([0.6, 0.8, 1, 0]).buffer));
    expect(await readRun(d)).toEqual(r);
    expect((await readEmbeddings(d, r)).map((v) => Array.from(v).map((x) => +x.toFixed(6)))).toEqual([[0.6, 0.8], [1, 0]]);
    await fs.writeFile(join(d, 'embeddings.f32'), Buffer.alloc(12));
    const e = await readRun(d).catch((x) => x);
    expect([e.code, e.file]).toEqual(['BAD_INPUT', join(d, 'embeddings.f32')]);
    expect(e.message).toMatch(/12 bytes.*16/);
  });

  it('rejects a version-2 field of the wrong shape, naming where', async () => {
    const d = join(dir, 'v2bad');
    await fs.mkdir(d);
    const r = v2(0) as unknown as Record<string, unknown>;
    (r.settings as Record<string, unknown>).cadence = 'sometimes';
    await fs.writeFile(join(d, 'run.json'), JSON.stringify(r));
    const e = await readRun(d).catch((x) => x);
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/settings\.cadence/);
  });
});
