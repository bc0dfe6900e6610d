// CONTRACT: the same engine calls through the CLI (`node bin/edgelab.mjs … --json`, engine in-process,
// open paths) and through the server (HTTP transport → real engine in a worker thread, confined paths)
// give the same results: inspection deep-equal, replay of 8 frames of cup.mp4 with BlazeFace with the same
// frames and detections up to float tolerance, and the same error for the same bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src-main/server/server';
import { createHttpTransport } from '../../src-renderer/api/http-transport';
import { createApiClient } from '../../src-shared/client';
import type { EdgeLabApi } from '../../src-shared/api';
import type { RunFile, RunSummary } from '../../src-shared/formats/run';
import type { InspectResult } from '../../src-shared/types/model';
import { EdgeLabError } from '../../src-shared/protocol';
import { ensureBuilt, ROOT } from './built';
import { cli, json } from './cli';

let tmp: string;
let wsServer: string;
let wsCli: string;
let server: RunningServer;
let api: EdgeLabApi;

beforeAll(async () => {
  await ensureBuilt();
  tmp = await fs.mkdtemp(join(tmpdir(), 'edgelab-contract-'));
  wsServer = join(tmp, 'ws-server');
  wsCli = join(tmp, 'ws-cli');
  server = await startServer({ port: 0, workspaceDir: wsServer });
  api = createApiClient(createHttpTransport({ baseUrl: `http://127.0.0.1:${server.port}`, token: server.token }));
});
afterAll(async () => {
  await server?.close();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

const run = (args: string[]) => cli(['--workspace', wsCli, ...args]);

async function rejection(p: Promise<unknown>): Promise<EdgeLabError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof EdgeLabError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe('CLI and server agree', () => {
  const catalog = JSON.parse(readFileSync(join(ROOT, 'models', 'catalog.json'), 'utf8')) as { models: { id: string; path: string }[] };

  it.each(catalog.models.map((m) => m.id))('inspectModel %s: deep-equal', async (id) => {
    const [viaCli, viaServer] = await Promise.all([json<InspectResult>(await run(['inspect', id, '--json'])), api.inspectModel({ model: id })]);
    expect(viaServer).toEqual(viaCli);
    expect(viaServer.inputs.length).toBeGreaterThan(0);
    expect(viaServer.parameters).toBeGreaterThan(0);
  });

  it('inspectModel of a bundled model given by its path: deep-equal', async () => {
    const m = catalog.models.find((x) => x.id === 'blazeface-front')!;
    const p = join(ROOT, 'models', m.path);
    const [viaCli, viaServer] = await Promise.all([json<InspectResult>(await run(['inspect', p, '--json'])), api.inspectModel({ model: p })]);
    expect(viaServer).toEqual(viaCli);
    expect(viaServer.format).toBe('onnx');
  });

  it('replay 8 frames of cup.mp4 with BlazeFace: same frames, same detections (±1e-4)', async () => {
    const cliOut = join(tmp, 'cli-run');
    const cliSummary = json<RunSummary>(
      await run(['replay', '--model', 'blazeface-front', '--clip', 'cup', '--frames', '8', '--out', cliOut, '--json']),
    );
    const seen: number[] = [];
    const serverSummary = await api.replay(
      { model: 'blazeface-front', clip: 'cup', frames: 8 },
      { onProgress: (p) => p.done !== undefined && seen.push(p.done) },
    );
    expect(serverSummary.frames).toBe(8);
    expect(cliSummary.frames).toBe(8);
    expect(seen.length).toBeGreaterThan(0);
    expect(serverSummary.model.sha256).toBe(cliSummary.model.sha256);
    expect(serverSummary.firstBoxFrame).toBe(cliSummary.firstBoxFrame);

    const cliRun = JSON.parse(await fs.readFile(join(cliOut, 'run.json'), 'utf8')) as RunFile;
    const serverRun = await api.getRun({ run: serverSummary.id });
    expect(serverRun.frames).toHaveLength(8);
    expect(cliRun.frames).toHaveLength(8);
    expect(serverRun.settings).toEqual(cliRun.settings);
    let boxes = 0;
    for (let i = 0; i < 8; i++) {
      const a = cliRun.frames[i]!;
      const b = serverRun.frames[i]!;
      expect(b.index).toBe(a.index);
      expect(b.ptsMs).toBeCloseTo(a.ptsMs, 3);
      expect(b.detections.length, `frame ${i}`).toBe(a.detections.length);
      for (let k = 0; k < a.detections.length; k++) {
        const da = a.detections[k]!;
        const db = b.detections[k]!;
        expect(db.classId).toBe(da.classId);
        expect(db.label).toBe(da.label);
        expect(Math.abs(db.score - da.score)).toBeLessThan(1e-4);
        for (let c = 0; c < 4; c++) expect(Math.abs(db.box[c]! - da.box[c]!)).toBeLessThan(1e-4);
        boxes++;
      }
    }
    // cup.mp4 shows a face: the comparison compared real boxes, not two empty lists.
    expect(boxes).toBeGreaterThan(0);
  });

  it('a file that is not a model: same error (code and message) from both', async () => {
    const bad = join(wsServer, 'garbage.onnx');
    await fs.writeFile(bad, 'this is not an ONNX protobuf');
    const e = await rejection(api.inspectModel({ model: bad }));
    expect(e.code).toBe('BAD_INPUT');
    const r = await run(['inspect', bad, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n').at(-1)).toBe(`edgelab: ${e.message}`);
  });

  it('a clip that does not exist: same error from both', async () => {
    const missing = join(wsServer, 'no-such-clip.mp4');
    const e = await rejection(api.replay({ model: 'blazeface-front', clip: missing, frames: 2 }));
    expect(['NOT_FOUND', 'BAD_INPUT']).toContain(e.code);
    const r = await run(['replay', '--model', 'blazeface-front', '--clip', missing, '--frames', '2', '--out', join(tmp, 'never'), '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(`edgelab: ${e.message}`);
    await expect(fs.access(join(tmp, 'never'))).rejects.toThrow();
  });

  it('argument validation: same refusal for an out-of-range frame count', async () => {
    const e = await rejection(api.replay({ model: 'blazeface-front', clip: 'cup', frames: -3 }));
    expect(e.code).toBe('BAD_INPUT');
    const r = await run(['replay', '--model', 'blazeface-front', '--clip', 'cup', '--frames', '-3', '--out', join(tmp, 'never2'), '--json']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
  });
});
