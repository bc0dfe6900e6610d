// The bad-input corpus (tests/fixtures/bad/cases.json) through a real engine, the real server and (a sample)
// the built CLI. Every case: the expected error code, a message naming the file and the problem, the host still
// answers the next valid call, the workspace holds no new or half-written entry, and RSS stays bounded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createEngine, type Engine } from '../../src-main/create-engine';
import { startServer, type RunningServer } from '../../src-main/server/server';
import { TMP_MARK } from '../../src-main/workspace/atomic';
import { EdgeLabError } from '../../src-shared/protocol';
import { raw, ndjson } from '../src-main/server/http-helpers';
import { edgelab } from '../src-main/cli/commands/spawn-cli';
import { BAD_DIR, loadCases, type FileCase, type HttpCase } from './corpus';

const cases = loadCases();
const fileCases = cases.filter((c): c is FileCase => c.op !== 'http');
const httpCases = cases.filter((c): c is HttpCase => c.op === 'http');
const MB = 1024 * 1024;
/** Growth of this process's RSS allowed over the whole corpus (real ORT/tfjs sessions come and go). */
const RSS_BOUND_MB = 400;

let scratch: string;
let ws: string;
let engine: Engine;
let server: RunningServer;
let runs: [string, string];
let rssStart = 0;
let rssPeak = 0;

/** Every path under `dir` (relative, sorted), directories included. */
async function tree(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir, { recursive: true });
  return names.map(String).sort();
}

const fixture = (c: FileCase) => join(BAD_DIR, c.file);

function run(c: FileCase): Promise<unknown> {
  const file = fixture(c);
  switch (c.op) {
    case 'inspect':
      return engine.inspectModel({ model: file });
    case 'import':
      return engine.importModel({ source: file });
    case 'replay':
      return engine.replay({ model: 'blazeface-front', clip: file, frames: 0, thumbnailSize: 0 });
    case 'importBench':
      return engine.importBench({ files: [file] });
    case 'compareGt':
      return engine.compare({ baseline: runs[0], variant: runs[1], gt: file });
    case 'runLab':
      return engine.runLab({ spec: file });
  }
}

beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-bad-corpus-'));
  ws = join(scratch, 'ws');
  engine = await createEngine({ workspaceDir: ws, host: 'test' });
  // Two real runs (3 frames of cup.mp4 through BlazeFace) for the labels cases, outside the workspace.
  const a = await engine.replay({ model: 'blazeface-front', clip: 'cup', frames: 3, out: join(scratch, 'run-a') });
  const b = await engine.replay({ model: 'blazeface-front', clip: 'cup', frames: 3, out: join(scratch, 'run-b') });
  runs = [a.dir, b.dir];
  const rendererDir = join(scratch, 'renderer');
  await fs.mkdir(rendererDir);
  await fs.writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  server = await startServer({ engine: 'inline', workspaceDir: join(scratch, 'server-ws'), rendererDir });
  rssStart = process.memoryUsage().rss;
  rssPeak = rssStart;
});

afterAll(async () => {
  await server?.close();
  await engine?.dispose();
  if (scratch) await fs.rm(scratch, { recursive: true, force: true });
});

describe('the corpus', () => {
  it('has at least 40 cases, unique ids, every fixture file exists and every bad file is used', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const c of fileCases) await expect(fs.stat(fixture(c)), c.file).resolves.toBeTruthy();
    const used = new Set(fileCases.map((c) => join(BAD_DIR, c.file)));
    const all = (await fs.readdir(BAD_DIR, { recursive: true })).map(String);
    const unused = all.filter((f) => /^(clips|bench|labels|labs|models)\//.test(f) && !/(README\.md|make\.mjs|\.bin)$/.test(f) && !used.has(join(BAD_DIR, f)));
    // Folders are cases through their model.json.
    expect(unused.filter((f) => !all.includes(join(f, 'model.json')))).toEqual([]);
  });
});

/** Contract (issue 21): a crafted model, bench file or labels file is refused within 20 s (replays get the default). */
const CASE_MS = 20_000;

describe.each(fileCases)('$id ($op $file)', (c) => {
  it(c.ok ? 'is handled' : `fails with ${c.code}, names the file, leaves the workspace as it was, host survives`, { timeout: c.op === 'replay' || c.op === 'runLab' ? undefined : CASE_MS }, async () => {
    const before = await tree(ws);
    let caught: unknown;
    let result: unknown;
    try {
      result = await run(c);
    } catch (e) {
      caught = e;
    }
    if (c.ok) {
      expect(caught, String((caught as Error | undefined)?.message)).toBeUndefined();
      const r = result as { frames: number; dir: string };
      expect(r.frames).toBeGreaterThanOrEqual(c.ok.minFrames);
      expect(r.frames).toBeLessThanOrEqual(c.ok.maxFrames);
      if (c.ok.irregularPts) {
        const file = await engine.getRun({ run: r.dir });
        const pts = file.frames.map((f) => f.ptsMs);
        const steps = new Set(pts.slice(1).map((p, i) => Math.round(p - pts[i]!)));
        expect(steps.size, `pts ${pts.join(',')}`).toBeGreaterThan(2);
        expect(pts.every((p, i) => i === 0 || p > pts[i - 1]!)).toBe(true);
      }
    } else {
      expect(caught, 'must throw').toBeInstanceOf(EdgeLabError);
      const e = caught as EdgeLabError;
      expect(e.code).toBe(c.code);
      expect(e.message).toMatch(new RegExp(c.message!, 'i'));
      // Names the file: the case's file, or (a shard case) a file inside the case's folder.
      const named = e.message.includes(basename(fixture(c))) || e.message.includes(join(BAD_DIR, c.file.split('/').slice(0, -1).join('/')));
      expect(named, e.message).toBe(true);
      expect(await tree(ws)).toEqual(before);
    }
    expect((await tree(ws)).filter((p) => p.includes(TMP_MARK))).toEqual([]);
    // The host survives: the next valid call answers.
    await expect(engine.listModels({})).resolves.toBeInstanceOf(Array);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  });
});

function send(c: HttpCase) {
  const r = c.request;
  const headers: Record<string, string> = { 'content-type': r.contentType, ...(r.headers ?? {}) };
  if (r.auth === true) headers.authorization = `Bearer ${server.token}`;
  if (r.auth === 'wrong') headers.authorization = `Bearer ${'A'.repeat(server.token.length)}`;
  const body = r.repeat ? JSON.stringify({ pad: r.repeat.text.repeat(r.repeat.times) }) : r.body;
  return raw(server.port, { method: r.method, path: r.path, headers, body });
}

describe.each(httpCases)('$id (HTTP $request.method $request.path)', (c) => {
  it(`answers ${c.status} ${c.code} and the server keeps serving`, async () => {
    const res = await send(c);
    expect(res.status).toBe(c.status);
    const error = res.status === 200 ? ndjson(res.body).at(-1)?.error : JSON.parse(res.body);
    expect(error?.code, res.body.slice(0, 300)).toBe(c.code);
    expect(error.message).toMatch(new RegExp(c.message, 'i'));
    const next = await raw(server.port, {
      method: 'POST',
      path: '/api/call/listModels',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: '{}',
    });
    expect(next.status).toBe(200);
    expect(ndjson(next.body).at(-1)?.type).toBe('result');
  });
});

describe('server path confinement through a symlink', () => {
  it('a symlink inside the workspace that points outside is FORBIDDEN, through HTTP, for reading and as an output', async () => {
    const sws = join(scratch, 'server-ws');
    await fs.symlink('/etc/passwd', join(sws, 'models', 'passwd.onnx'));
    await fs.symlink('/tmp', join(sws, 'runs', 'escape'));
    const call = (method: string, args: unknown) =>
      raw(server.port, { method: 'POST', path: `/api/call/${method}`, headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` }, body: JSON.stringify(args) });
    for (const [method, args] of [
      ['inspectModel', { model: join(sws, 'models', 'passwd.onnx') }],
      ['replay', { model: 'blazeface-front', clip: 'cup', frames: 1, out: join(sws, 'runs', 'escape', `run-${basename(scratch)}`) }],
    ] as const) {
      const res = await call(method, args);
      const error = ndjson(res.body).at(-1)?.error;
      expect(error?.code, res.body).toBe('FORBIDDEN');
    }
    expect(await fs.stat(join('/tmp', `run-${basename(scratch)}`)).then(() => true, () => false)).toBe(false);
  });
});

describe('after the whole corpus', () => {
  it('the engine still does real work: inspect and a 3-frame replay into the workspace', async () => {
    const info = await engine.inspectModel({ model: 'blazeface-front' });
    expect(info.format).toBe('onnx');
    const r = await engine.replay({ model: 'blazeface-front', clip: 'cup', frames: 3 });
    expect(r.frames).toBe(3);
    expect((await tree(ws)).filter((p) => p.includes(TMP_MARK))).toEqual([]);
  });

  it(`RSS grew by less than ${RSS_BOUND_MB} MB over the corpus`, () => {
    const grew = (Math.max(rssPeak, process.memoryUsage().rss) - rssStart) / MB;
    console.info(`bad corpus: ${cases.length} cases, RSS start ${(rssStart / MB).toFixed(0)} MB, peak +${grew.toFixed(0)} MB`);
    expect(grew).toBeLessThan(RSS_BOUND_MB);
  });
});

describe('a sample through the built CLI', () => {
  const sample = ['onnx-truncated', 'tflite-offset-bomb', 'tfjs-missing-shard', 'bench-template-negative', 'clip-audio-only', 'labels-coco-unknown-image'];
  it.each(sample)('%s: exit 1, one stderr line naming the file and the problem', async (id) => {
    const c = fileCases.find((x) => x.id === id)!;
    const cliWs = join(scratch, `cli-${id}`);
    const file = fixture(c);
    const args =
      c.op === 'inspect'
        ? ['inspect', file]
        : c.op === 'importBench'
          ? ['import-bench', file]
          : c.op === 'replay'
            ? ['replay', '--model', 'blazeface-front', '--clip', file, '--out', join(scratch, `cli-run-${id}`)]
            : ['compare', runs[0], runs[1], '--gt', file];
    const r = await edgelab(cliWs, args);
    expect(r.code, r.stderr).toBe(1);
    const line = r.stderr.split('\n').find((l) => l.startsWith('edgelab: '));
    expect(line, r.stderr).toBeDefined();
    // A model.json case may be blamed on its shard: the folder name is what both share.
    expect(line).toContain(basename(file) === 'model.json' ? c.file.split('/').at(-2)! : basename(file));
    expect(line).toMatch(new RegExp(c.message!, 'i'));
    const left = await tree(cliWs).catch(() => []);
    expect(left.filter((p) => p.includes(TMP_MARK))).toEqual([]);
  });
});
