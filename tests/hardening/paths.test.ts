// Issue 21, items 1, 3 and 5 through the real server (inline engine, confined policy, loopback sockets):
// outputs never replace the workspace's own files (FORBIDDEN naming the path, manifest byte-identical); links below a
// permitted path are followed before anything is read or written (a TF.js shard, a run's frame, the runs/ folder);
// exportWorkflow and runLab answer the same for an outside path whether or not it exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src-main/server/server';
import { apiCall, ndjson } from '../src-main/server/http-helpers';

const REPO = join(import.meta.dirname, '..', '..');
let scratch: string;
let ws: string;
let outside: string;
let server: RunningServer;
let run: { id: string; dir: string };

const exists = (p: string) => fs.lstat(p).then(() => true, () => false);

/** The API call's last NDJSON line: `{ type: 'result', result }` or `{ type: 'error', error }`. */
async function call(method: string, args: unknown, s: RunningServer = server): Promise<{ result?: any; error?: { code: string; message: string } }> {
  const res = await apiCall(s.port, s.token, method, args);
  expect(res.status, res.body.slice(0, 300)).toBe(200);
  return ndjson(res.body).at(-1);
}

async function forbidden(method: string, args: unknown, names: string, s?: RunningServer): Promise<string> {
  const r = await call(method, args, s);
  expect(r.error?.code, JSON.stringify(r)).toBe('FORBIDDEN');
  expect(r.error?.message).toContain(names);
  return r.error!.message;
}

beforeAll(async () => {
  scratch = await fs.realpath(await fs.mkdtemp(join(tmpdir(), 'edgelab-paths-')));
  ws = join(scratch, 'ws');
  outside = join(scratch, 'outside');
  await fs.mkdir(outside);
  const rendererDir = join(scratch, 'renderer');
  await fs.mkdir(rendererDir);
  await fs.writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  server = await startServer({ engine: 'inline', workspaceDir: ws, rendererDir });
  const r = await call('replay', { model: 'blazeface-front', clip: 'cup', frames: 2, thumbnailSize: 64 });
  expect(r.error, JSON.stringify(r.error)).toBeUndefined();
  run = r.result;
  await call('saveSettings', { settings: (await call('getSettings', {})).result });
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (scratch) await fs.rm(scratch, { recursive: true, force: true });
});

describe('item 1: an output never replaces an EdgeLab file of the workspace', () => {
  it('report/exportWorkflow/convertModel/replay/demo with out = manifest.json, manifest.lock, settings.json, run.json, a run folder: FORBIDDEN naming it, files byte-identical', async () => {
    const manifest = await fs.readFile(join(ws, 'manifest.json'));
    const settings = await fs.readFile(join(ws, 'settings.json'));
    const runJson = await fs.readFile(join(run.dir, 'run.json'));
    await fs.writeFile(join(ws, 'lab.yaml'), 'name: l\nmodels:\n  - id: face\n    model: blazeface-front\nvariants:\n  - kind: fp16\nclips:\n  - id: cup\n    clip: cup\n    frames: 2\nreports: [json]\n');
    const report = (out: string) => ['report', { runs: [run.id], format: 'json', out }] as const;
    const cases: [string, Record<string, unknown>, string][] = [
      [...report('manifest.json'), join(ws, 'manifest.json')],
      [...report(join(ws, 'manifest.json')), join(ws, 'manifest.json')],
      [...report('manifest.lock'), join(ws, 'manifest.lock')],
      [...report('settings.json'), join(ws, 'settings.json')],
      [...report(join(run.dir, 'run.json')), join(run.dir, 'run.json')],
      [...report(join(run.dir, 'new-file.json')), join(run.dir, 'new-file.json')],
      [...report('lab.yaml'), join(ws, 'lab.yaml')],
      ['exportWorkflow', { spec: 'lab.yaml', target: 'argo', image: 'edgelab:dev', out: 'manifest.json' }, join(ws, 'manifest.json')],
      ['convertModel', { model: 'blazeface-front', to: 'fp16', out: 'settings.json' }, join(ws, 'settings.json')],
      ['convertModel', { model: 'blazeface-front', to: 'fp16', out: join(run.dir, 'm.onnx') }, join(run.dir, 'm.onnx')],
      ['replay', { model: 'blazeface-front', clip: 'cup', frames: 1, out: 'models' }, join(ws, 'models')],
      ['demo', { out: 'manifest.lock', frames: 1 }, join(ws, 'manifest.lock')],
    ];
    for (const [method, args, path] of cases) {
      const msg = await forbidden(method, args, path);
      expect(msg).toMatch(/outputs never replace EdgeLab's own files/);
    }
    expect(await fs.readFile(join(ws, 'manifest.json'))).toEqual(manifest);
    expect(await fs.readFile(join(ws, 'settings.json'))).toEqual(settings);
    expect(await fs.readFile(join(run.dir, 'run.json'))).toEqual(runJson);
    expect(await exists(join(ws, 'manifest.lock'))).toBe(false);
    expect(await exists(join(run.dir, 'new-file.json'))).toBe(false);
    // The workspace still answers: the manifest parses.
    expect((await call('listRuns', {})).result.map((r: { id: string }) => r.id)).toEqual([run.id]);
  });

  it('a new file in the workspace (root or reports/) is still a valid output', async () => {
    for (const out of ['my-report.json', 'reports/mine.json']) {
      const r = await call('report', { runs: [run.id], format: 'json', out });
      expect(r.error, JSON.stringify(r.error)).toBeUndefined();
      expect(r.result.files).toEqual([join(ws, out)]);
    }
  });
});

describe('item 3: real paths below a permitted path', () => {
  it('importModel of a TF.js model whose shard links outside: FORBIDDEN naming the shard, nothing copied', async () => {
    const src = join(REPO, 'tests/fixtures/bad/models/short-shard/model.json');
    const dir = join(ws, 'incoming', 'tiny-tfjs');
    await fs.mkdir(dir, { recursive: true });
    await fs.copyFile(src, join(dir, 'model.json'));
    await fs.writeFile(join(outside, 'secret.bin'), new Uint8Array(new Float32Array([1, 2, 3, 4]).buffer));
    await fs.symlink(join(outside, 'secret.bin'), join(dir, 'group1-shard1of1.bin'));
    const models = await fs.readdir(join(ws, 'models'));
    const msg = await forbidden('importModel', { source: join(dir, 'model.json') }, join(dir, 'group1-shard1of1.bin'));
    expect(msg).toMatch(/outside the workspace/);
    expect(await fs.readdir(join(ws, 'models'))).toEqual(models);
    // inspectModel too: refused before the shard is read.
    await forbidden('inspectModel', { model: join(dir, 'model.json') }, join(dir, 'group1-shard1of1.bin'));
  });

  it("getFrame of a run whose frames/000000.jpg links outside: FORBIDDEN naming the frame; the other frame is served", async () => {
    const frame = join(run.dir, 'frames', '000000.jpg');
    await fs.copyFile(frame, join(outside, 'private.jpg'));
    await fs.rm(frame);
    await fs.symlink(join(outside, 'private.jpg'), frame);
    await forbidden('getFrame', { run: run.id, frame: 0 }, frame);
    expect((await call('getFrame', { run: run.id, frame: 1 })).result.mime).toBe('image/jpeg');
  });

  it('<workspace>/runs, labs/, latency/ linked outside: replay without out, runLab, importBench are FORBIDDEN and write nothing there', async () => {
    const ws2 = join(scratch, 'ws2');
    await fs.mkdir(ws2);
    const away = (name: string) => join(outside, `${name}-away`);
    for (const name of ['runs', 'labs', 'latency']) {
      await fs.mkdir(away(name));
      await fs.symlink(away(name), join(ws2, name));
    }
    await fs.writeFile(join(ws2, 'lab.yaml'), 'name: l\nmodels:\n  - id: face\n    model: blazeface-front\nvariants:\n  - kind: fp16\nclips:\n  - id: cup\n    clip: cup\n    frames: 1\nreports: [json]\n');
    await fs.copyFile(join(REPO, 'tests/fixtures/bench/edgelab-template-pixel3.csv'), join(ws2, 'pixel3.csv'));
    const s2 = await startServer({ engine: 'inline', workspaceDir: ws2, rendererDir: join(scratch, 'renderer') });
    try {
      await forbidden('replay', { model: 'blazeface-front', clip: 'cup', frames: 1, thumbnailSize: 0 }, join(ws2, 'runs'), s2);
      await forbidden('runLab', { spec: 'lab.yaml' }, join(ws2, 'labs'), s2);
      await forbidden('importBench', { files: ['pixel3.csv'] }, join(ws2, 'latency'), s2);
      for (const name of ['runs', 'labs', 'latency']) expect(await fs.readdir(away(name)), name).toEqual([]);
    } finally {
      await s2.close();
    }
  });
});

describe('item 5: exportWorkflow and runLab do not tell whether an outside path exists', () => {
  it('a spec naming an existing and a missing outside model gets the same answer, FORBIDDEN', async () => {
    await fs.writeFile(join(outside, 'there.onnx'), 'x');
    const spec = (model: string) => `name: probe\nmodels:\n  - id: m\n    model: ${model}\nvariants:\n  - kind: fp16\nclips:\n  - id: cup\n    clip: cup\n    frames: 1\nreports: [json]\n`;
    const answers: string[] = [];
    for (const name of ['there.onnx', 'not-there.onnx']) {
      const file = join(ws, `probe-${name}.yaml`);
      await fs.writeFile(file, spec(join(outside, name)));
      for (const [method, args] of [
        ['exportWorkflow', { spec: file, target: 'argo', image: 'edgelab:dev', out: `wf-${name}.yaml` }],
        ['runLab', { spec: file }],
      ] as const) {
        const r = await call(method, args);
        expect(r.error?.code, `${method} ${name}: ${JSON.stringify(r)}`).toBe('FORBIDDEN');
        answers.push(`${method}: ${r.error!.code} ${r.error!.message.split(join(outside, name)).join('<path>')}`);
      }
      expect(await exists(join(ws, `wf-${name}.yaml`))).toBe(false);
    }
    expect(answers.slice(0, 2)).toEqual(answers.slice(2));
  });
});

describe('a file that cannot be read (/proc/self/mem: EIO)', () => {
  it.runIf(process.platform === 'linux')('inspect, import and replay name the file in a BAD_INPUT', async () => {
    const { createEngine } = await import('../../src-main/create-engine');
    const e = await createEngine({ workspaceDir: join(scratch, 'ws-open'), host: 'test' });
    try {
      for (const f of [
        () => e.inspectModel({ model: '/proc/self/mem' }),
        () => e.importModel({ source: '/proc/self/mem' }),
        () => e.replay({ model: 'blazeface-front', clip: '/proc/self/mem', frames: 1, thumbnailSize: 0 }),
      ]) {
        const err = await f().then(() => null, (x: unknown) => x as { code?: string; message: string });
        expect(err?.code, err?.message).toBe('BAD_INPUT');
        expect(err!.message).toMatch(/^\/proc\/self\/mem: cannot read the file: EIO/);
      }
    } finally {
      await e.dispose();
    }
  });
});
