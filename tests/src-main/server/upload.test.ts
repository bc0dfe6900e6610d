// POST /api/upload with the real engine (inline) on a temp workspace, over real sockets: a good upload lands under
// imports/ and is usable by the engine; too large, lying, invalid and escaping uploads are refused with nothing left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../../src-main/server/server';
import { MAX_BENCH_BYTES } from '../../../src-main/benchmarks/registry';
import { request } from 'node:http';
import { apiCall, ndjson, raw } from './http-helpers';

const FIX = join(__dirname, '../../fixtures');
let server: RunningServer;
let root: string;
let ws: string;
let rendererDir: string;

beforeAll(async () => {
  root = await fs.realpath(await fs.mkdtemp(join(tmpdir(), 'edgelab-upload-')));
  ws = join(root, 'ws');
  rendererDir = join(root, 'renderer');
  await fs.mkdir(rendererDir);
  await fs.writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  server = await startServer({ port: 0, engine: 'inline', workspaceDir: ws, rendererDir });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await fs.rm(root, { recursive: true, force: true });
});

function upload(kind: string, files: { name: string; data: Buffer; size?: number }[], headers: Record<string, string> = {}) {
  const list = files.map((f) => ({ name: f.name, size: f.size ?? f.data.length }));
  return raw(server.port, {
    method: 'POST',
    path: '/api/upload',
    headers: {
      authorization: `Bearer ${server.token}`,
      'content-type': 'application/octet-stream',
      'x-upload-kind': kind,
      'x-upload-files': encodeURIComponent(JSON.stringify(list)),
      ...headers,
    },
    body: Buffer.concat(files.map((f) => f.data)),
  });
}

/** Every file under <workspace>/imports (relative), and temp folders (a refused upload may leave its empty kind folder). */
async function importsTree(): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string, pre: string) => {
    for (const e of await fs.readdir(d, { withFileTypes: true }).catch(() => [])) {
      if (!e.isDirectory() || e.name.startsWith('.edgelab-tmp-')) out.push(pre + e.name);
      if (e.isDirectory()) await walk(join(d, e.name), `${pre}${e.name}/`);
    }
  };
  await walk(join(ws, 'imports'), '');
  return out.sort();
}

const read = (p: string) => fs.readFile(join(FIX, p));

describe('POST /api/upload', () => {
  it('puts a benchmark file under imports/bench/ that import-bench then reads; a second upload of the name gets -2', async () => {
    const data = await read('bench/edgelab-template-pixel3.csv');
    const r = await upload('bench', [{ name: 'pixel3.csv', data }]);
    expect(r.status).toBe(200);
    const res = JSON.parse(r.body);
    expect(res).toMatchObject({ kind: 'bench', workspacePath: 'imports/bench/pixel3.csv', bytes: data.length });
    expect(res.path).toBe(join(ws, 'imports/bench/pixel3.csv'));
    expect(await fs.readFile(res.path)).toEqual(data);
    const imp = ndjson((await apiCall(server.port, server.token, 'importBench', { files: [res.workspacePath] })).body).at(-1);
    expect(imp.type).toBe('result');
    expect(imp.result.records.length).toBeGreaterThan(0);

    const again = JSON.parse((await upload('bench', [{ name: 'pixel3.csv', data }])).body);
    expect(again.workspacePath).toBe('imports/bench/pixel3-2.csv');
    expect(await fs.readFile(res.path)).toEqual(data); // the first is untouched
    expect(await importsTree()).toEqual(['bench/pixel3-2.csv', 'bench/pixel3.csv']);
  });

  it('refuses a file above the cap before writing (413) and a body longer than declared; nothing is left', async () => {
    const before = await importsTree();
    const big = Buffer.alloc(MAX_BENCH_BYTES + 1, 0x41);
    const r = await upload('bench', [{ name: 'huge.csv', data: big }]);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ code: 'BAD_INPUT' });
    expect(JSON.parse(r.body).message).toMatch(/^huge\.csv: .*at most 33554432 bytes/);
    // Declared small, sent large, chunked (no Content-Length): stopped while streaming.
    const lie = await upload('bench', [{ name: 'lie.csv', data: Buffer.alloc(4 << 20, 0x41), size: 10 }], { 'transfer-encoding': 'chunked' });
    expect(lie.status).toBe(400);
    expect(JSON.parse(lie.body).message).toMatch(/longer than the declared sizes/);
    expect(await importsTree()).toEqual(before);
  });

  it('refuses an invalid file naming it (BAD_INPUT), and removes it', async () => {
    const before = await importsTree();
    const r = await upload('bench', [{ name: 'boxes.csv', data: await read('bench/unknown-boxes.csv') }]);
    expect(r.status).toBe(400);
    const e = JSON.parse(r.body);
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/^boxes\.csv: not a recognised benchmark output/);
    expect(e.message).not.toContain('.edgelab-tmp-');
    const bad = await upload('labels', [{ name: 'bad.gt.txt', data: await read('gt/bad-line.gt.txt') }]);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).message).toMatch(/^bad\.gt\.txt: line \d+/);
    expect(await importsTree()).toEqual(before);
  });

  it('keeps a ../ name inside imports/ and refuses an imports/ folder linked out of the workspace', async () => {
    const r = await upload('labels', [{ name: '../../../escape.gt.txt', data: await read('gt/two-people.gt.txt') }]);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).workspacePath).toBe('imports/labels/escape.gt.txt');
    await expect(fs.stat(join(root, 'escape.gt.txt'))).rejects.toThrow();
    await expect(fs.stat(join(ws, 'escape.gt.txt'))).rejects.toThrow();

    const outside = join(root, 'outside');
    await fs.mkdir(outside);
    await fs.symlink(outside, join(ws, 'imports', 'clips'));
    const c = await upload('clip', [{ name: 'a.mp4', data: Buffer.from('not really a clip') }]);
    expect(c.status).toBe(403);
    expect(await fs.readdir(outside)).toEqual([]);
    await fs.rm(join(ws, 'imports', 'clips'));
  });

  it('takes a TF.js model.json with its shard as one group the engine imports; a model without its shard is refused', async () => {
    const json = await fs.readFile(join(__dirname, '../../../models/centernet-mobilenet-v3-coco/centernet.json'));
    const bin = await fs.readFile(join(__dirname, '../../../models/centernet-mobilenet-v3-coco/centernet.bin'));
    const r = await upload('model', [{ name: 'centernet.json', data: json }, { name: 'centernet.bin', data: bin }]);
    expect(r.status).toBe(200);
    const res = JSON.parse(r.body);
    expect(res.workspacePath).toBe('imports/models/centernet/centernet.json');
    expect(res.files).toEqual(['imports/models/centernet/centernet.json', 'imports/models/centernet/centernet.bin']);
    const imp = ndjson((await apiCall(server.port, server.token, 'importModel', { source: res.workspacePath })).body).at(-1);
    expect(imp.type).toBe('result');
    expect(imp.result.format).toBe('tfjs-graph');

    const before = await importsTree();
    const lone = await upload('model', [{ name: 'centernet.json', data: json }]);
    expect(lone.status).toBe(400);
    expect(JSON.parse(lone.body).message).toMatch(/^centernet\.json: /);
    expect(await importsTree()).toEqual(before);
  }, 60_000);

  it('takes an .onnx with its .edgelab.json sidecar (inspect reads the sidecar); a bad sidecar is refused naming it', async () => {
    const onnx = await fs.readFile(join(__dirname, '../../../models/blazeface-front/face_detection_front_128x128.onnx'));
    const catalog = JSON.parse(await fs.readFile(join(__dirname, '../../../models/catalog.json'), 'utf8'));
    const entry = (Array.isArray(catalog) ? catalog : catalog.models).find((m: { id: string }) => m.id === 'blazeface-front');
    const meta = { ...entry.meta, labels: ['face'] };
    const before = await importsTree();
    const bad = await upload('model', [{ name: 'face.onnx', data: onnx }, { name: 'face.edgelab.json', data: Buffer.from('{ not json') }]);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).message).toMatch(/^face\.edgelab\.json: sidecar is not valid JSON/);
    expect(await importsTree()).toEqual(before);

    const r = await upload('model', [{ name: 'face.onnx', data: onnx }, { name: 'face.edgelab.json', data: Buffer.from(JSON.stringify(meta)) }]);
    expect(r.status).toBe(200);
    const res = JSON.parse(r.body);
    expect(res.workspacePath).toBe('imports/models/face/face.onnx');
    const info = ndjson((await apiCall(server.port, server.token, 'inspectModel', { model: res.workspacePath })).body).at(-1);
    expect(info.type).toBe('result');
    expect(info.result.meta.decoder.kind).toBe('blazeface');
    // The same name again: a new folder, the first untouched.
    const again = JSON.parse((await upload('model', [{ name: 'face.onnx', data: onnx }])).body);
    expect(again.workspacePath).toBe('imports/models/face-2/face.onnx');
    expect(await fs.readFile(join(ws, 'imports/models/face/face.edgelab.json'), 'utf8')).toBe(JSON.stringify(meta));
  }, 60_000);

  it('takes a clip ffmpeg can read and refuses one it cannot', async () => {
    const cup = await fs.readFile(join(__dirname, '../../../samples/cup.mp4'));
    const r = await upload('clip', [{ name: 'my cup.mp4', data: cup }]);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).workspacePath).toBe('imports/clips/my cup.mp4');
    const before = await importsTree();
    const bad = await upload('clip', [{ name: 'noise.mp4', data: Buffer.alloc(4096, 7) }]);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).message).toMatch(/^noise\.mp4: /);
    expect(await importsTree()).toEqual(before);
  }, 60_000);

  it('sweeps temp folders a crashed server left in imports/<kind>/ (not those of live processes)', async () => {
    const dead = join(ws, 'imports/bench/.edgelab-tmp-999999999-old.csv.0123456789ab');
    const live = join(ws, `imports/bench/.edgelab-tmp-${process.pid}-busy.csv.0123456789ab`);
    await fs.mkdir(dead, { recursive: true });
    await fs.mkdir(live);
    const r = await upload('bench', [{ name: 'pixel3.csv', data: await read('bench/edgelab-template-pixel3.csv') }]);
    expect(r.status).toBe(200);
    await expect(fs.stat(dead)).rejects.toThrow();
    expect((await fs.stat(live)).isDirectory()).toBe(true);
    await fs.rm(live, { recursive: true });
    await fs.rm(JSON.parse(r.body).path);
  });

  it('asks for the token and a known kind', async () => {
    expect((await upload('bench', [{ name: 'a.csv', data: Buffer.from('x') }], { authorization: 'Bearer nope' })).status).toBe(401);
    const r = await upload('weights', [{ name: 'a.csv', data: Buffer.from('x') }]);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).message).toMatch(/x-upload-kind must be one of model, clip, labels, bench/);
  });

  it('closes an upload that stalls past the request timeout and removes what it had received', async () => {
    const ws2 = join(root, 'ws2');
    const slow = await startServer({ engine: 'inline', workspaceDir: ws2, rendererDir, limits: { headersTimeoutMs: 500, requestTimeoutMs: 1000, checkIntervalMs: 100 } });
    try {
      const t0 = Date.now();
      const closed = await new Promise<string>((resolve) => {
        const req = request({
          host: '127.0.0.1',
          port: slow.port,
          method: 'POST',
          path: '/api/upload',
          headers: {
            host: `127.0.0.1:${slow.port}`,
            authorization: `Bearer ${slow.token}`,
            'content-type': 'application/octet-stream',
            'content-length': '1000',
            'x-upload-kind': 'bench',
            'x-upload-files': encodeURIComponent(JSON.stringify([{ name: 'slow.csv', size: 1000 }])),
          },
        });
        req.on('response', (res) => (res.resume(), res.on('end', () => resolve(`answered ${res.statusCode}`))));
        req.on('error', (e) => resolve((e as NodeJS.ErrnoException).code ?? e.message));
        req.write(Buffer.alloc(100, 0x41)); // then nothing more
      });
      expect(closed).toMatch(/ECONNRESET|socket hang up|answered 408/);
      expect(Date.now() - t0).toBeLessThan(5000);
      // The handler removes the temp folder once the socket is gone.
      let left: string[] = ['?'];
      for (let i = 0; i < 40 && left.length; i++) {
        left = await fs.readdir(join(ws2, 'imports', 'bench')).catch(() => []);
        if (left.length) await new Promise((r) => setTimeout(r, 50));
      }
      expect(left).toEqual([]);
    } finally {
      await slow.close();
    }
  }, 60_000);
});
