// The server with its real engine in a worker thread (out/main/engine-worker.js): the engine answers as the
// 'server' host, confines paths to the workspace (FORBIDDEN outside), and the event loop stays free while it works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../../src-main/server/server';
import { ensureBuilt } from '../../contract/built';
import { apiCall, ndjson, raw } from './http-helpers';

let server: RunningServer;
let ws: string;

beforeAll(async () => {
  await ensureBuilt();
  ws = await fs.mkdtemp(join(tmpdir(), 'edgelab-ws-'));
  server = await startServer({ port: 0, workspaceDir: ws, engine: 'worker' });
});
afterAll(async () => {
  await server?.close();
  if (ws) await fs.rm(ws, { recursive: true, force: true });
});

const call = async (method: string, args: unknown) => ndjson((await apiCall(server.port, server.token, method, args)).body).at(-1);

describe('server engine worker', () => {
  it('runs the real engine as host "server" on the given workspace', async () => {
    const last = await call('getInfo', {});
    expect(last.type).toBe('result');
    expect(last.result.host).toBe('server');
    expect(await fs.realpath(last.result.workspace)).toBe(await fs.realpath(ws));
  });

  it.each(['/etc/passwd', '../../x', '../outside.onnx', 'models/../../escape.onnx'])('refuses a path outside the workspace: %s → FORBIDDEN', async (p) => {
    const last = await call('inspectModel', { model: p });
    expect(last).toMatchObject({ type: 'error', error: { code: 'FORBIDDEN' } });
  });

  it('refuses writing a run outside the workspace', async () => {
    const last = await call('replay', { model: 'blazeface-front', clip: 'cup', frames: 1, out: '/tmp/edgelab-escape-run' });
    expect(last).toMatchObject({ type: 'error', error: { code: 'FORBIDDEN' } });
    await expect(fs.access('/tmp/edgelab-escape-run')).rejects.toThrow();
  });

  it('keeps the server responsive while a replay runs in the worker', async () => {
    let replayDone = 0;
    const replay = apiCall(server.port, server.token, 'replay', { model: 'ssd-mobilenet-v2-coco', clip: 'cup', frames: 8, thumbnailSize: 0 }).then(
      (r) => ((replayDone = Date.now()), r),
    );
    await new Promise((r) => setTimeout(r, 500));
    const latencies: number[] = [];
    let lastAnswered = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = Date.now();
      const page = await raw(server.port, { path: '/' });
      const refused = await apiCall(server.port, 'wrong', 'getInfo', {});
      lastAnswered = Date.now();
      latencies.push(lastAnswered - t0);
      expect(page.status).toBe(200);
      expect(refused.status).toBe(401);
    }
    const msgs = ndjson((await replay).body);
    expect(msgs.at(-1).type).toBe('result');
    expect(msgs.filter((m) => m.type === 'progress').length).toBeGreaterThan(0);
    // The HTTP side answered while the worker was still busy with inference (≈120 ms/frame on wasm).
    expect(lastAnswered).toBeLessThan(replayDone);
    expect(Math.max(...latencies)).toBeLessThan(1000);
  });

});
