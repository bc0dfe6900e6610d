// Issue 21 item 8: a FIFO (named pipe) or a device named as a clip, model, labels, bench file or lab spec. Before
// the fix each call opened it blocking: the call hung and held one of libuv's 4 file-system threads, so after four
// of them every file call of the process (static files, listRuns) hung too. Now each is BAD_INPUT naming the file
// and saying what it is, within 20 s, and the engine and the server keep answering. FIFOs are made at test time
// (git cannot hold one); nothing ever writes to them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../src-main/create-engine';
import { startServer, type RunningServer } from '../../src-main/server/server';
import { EdgeLabError } from '../../src-shared/protocol';
import { apiCall, ndjson } from '../src-main/server/http-helpers';

let scratch: string;
let engine: Engine;
let server: RunningServer;
let runs: [string, string];
const fifo = (name: string) => join(scratch, 'pipes', name);

beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-special-'));
  await fs.mkdir(join(scratch, 'pipes'));
  for (const n of ['clip.mp4', 'model.onnx', 'model.tflite', 'gt.txt', 'bench.json', 'lab.yaml']) execFileSync('mkfifo', [fifo(n)]);
  await fs.mkdir(join(scratch, 'tfjs'));
  execFileSync('mkfifo', [join(scratch, 'tfjs', 'model.json')]);
  engine = await createEngine({ workspaceDir: join(scratch, 'ws'), host: 'test' });
  const a = await engine.replay({ model: 'blazeface-front', clip: 'cup', frames: 2, out: join(scratch, 'run-a') });
  const b = await engine.replay({ model: 'blazeface-front', clip: 'cup', frames: 2, out: join(scratch, 'run-b') });
  runs = [a.dir, b.dir];
  const rendererDir = join(scratch, 'renderer');
  await fs.mkdir(rendererDir);
  await fs.writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const sws = join(scratch, 'server-ws');
  server = await startServer({ engine: 'inline', workspaceDir: sws, rendererDir });
  execFileSync('mkfifo', [join(sws, 'clip.avi')]);
});

afterAll(async () => {
  await server?.close();
  await engine?.dispose();
  if (scratch) await fs.rm(scratch, { recursive: true, force: true });
});

const calls: [string, () => Promise<unknown>, string][] = [
  ['replay clip', () => engine.replay({ model: 'blazeface-front', clip: fifo('clip.mp4'), frames: 1 }), 'clip.mp4'],
  ['inspect .onnx', () => engine.inspectModel({ model: fifo('model.onnx') }), 'model.onnx'],
  ['inspect .tflite', () => engine.inspectModel({ model: fifo('model.tflite') }), 'model.tflite'],
  ['inspect folder with model.json', () => engine.inspectModel({ model: join(scratch, 'tfjs') }), 'model.json'],
  ['replay with a model', () => engine.replay({ model: fifo('model.onnx'), clip: 'cup', frames: 1 }), 'model.onnx'],
  ['compare --gt', () => engine.compare({ baseline: runs[0], variant: runs[1], gt: fifo('gt.txt') }), 'gt.txt'],
  ['importBench', () => engine.importBench({ files: [fifo('bench.json')] }), 'bench.json'],
  ['runLab', () => engine.runLab({ spec: fifo('lab.yaml') }), 'lab.yaml'],
];

describe('a FIFO named as an input', () => {
  it.each(calls)('%s: BAD_INPUT naming the file, within 20 s', { timeout: 20_000 }, async (_, call, name) => {
    const e = await call().then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(EdgeLabError);
    expect((e as EdgeLabError).code).toBe('BAD_INPUT');
    expect((e as EdgeLabError).message).toContain(name);
    expect((e as EdgeLabError).message).toMatch(/named pipe|not a regular file|not a model/);
  });

  it('afterwards the file-system threads are free: listRuns, listModels and a real inspect answer', { timeout: 20_000 }, async () => {
    await expect(engine.listRuns({})).resolves.toBeInstanceOf(Array);
    await expect(engine.listModels({})).resolves.toBeInstanceOf(Array);
    expect((await engine.inspectModel({ model: 'blazeface-front' })).format).toBe('onnx');
  });

  it('through the server: a FIFO clip in the workspace is BAD_INPUT and the server keeps answering', { timeout: 20_000 }, async () => {
    for (let i = 0; i < 5; i++) {
      const res = await apiCall(server.port, server.token, 'replay', { model: 'blazeface-front', clip: join(scratch, 'server-ws', 'clip.avi'), frames: 1 });
      const error = ndjson(res.body).at(-1)?.error;
      expect(error?.code, res.body).toBe('BAD_INPUT');
      expect(error?.message).toMatch(/named pipe/);
    }
    const next = await apiCall(server.port, server.token, 'listRuns', {});
    expect(ndjson(next.body).at(-1)?.type).toBe('result');
  });

  it('/dev/zero as a clip is refused, not read forever', { timeout: 20_000 }, async () => {
    const e = await engine.replay({ model: 'blazeface-front', clip: '/dev/zero', frames: 1 }).then(() => undefined, (x: unknown) => x);
    expect((e as EdgeLabError).code).toBe('BAD_INPUT');
    expect((e as EdgeLabError).message).toMatch(/character device/);
  });
});
