// The renderer's HTTP transport against the real local server (protocol test engine inline): progress read
// incrementally, results, refusals turned into EdgeLabErrors, cancellation through /api/cancel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpTransport } from '../../src-renderer/api/http-transport';
import { startServer, type RunningServer } from '../../src-main/server/server';
import { createApiClient } from '../../src-shared/client';
import type { MethodName } from '../../src-shared/api';
import type { Progress } from '../../src-shared/protocol';
import { createProtocolApi, type ProtocolApi } from '../src-main/channel/protocol-api';
import { failure } from '../src-main/channel/failure';

let server: RunningServer;
let api: ProtocolApi;
let rendererDir: string;
let base: string;

beforeAll(async () => {
  rendererDir = await fs.mkdtemp(join(tmpdir(), 'edgelab-http-'));
  api = createProtocolApi();
  server = await startServer({ api, rendererDir });
  base = `http://127.0.0.1:${server.port}/`;
});
afterAll(async () => {
  await server?.close();
  await fs.rm(rendererDir, { recursive: true, force: true });
});

describe('createHttpTransport', () => {
  it('returns results and delivers progress as it streams', async () => {
    const client = createApiClient(createHttpTransport({ baseUrl: base, token: server.token }));
    const seen: { p: Progress; at: number }[] = [];
    const t0 = Date.now();
    const r = await client.replay({ model: 'm', clip: 'c', frames: 10 }, { onProgress: (p) => seen.push({ p, at: Date.now() - t0 }) });
    const end = Date.now() - t0;
    expect(r).toEqual({ frames: 10, detectEvery: 1 });
    expect(seen.map((s) => s.p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Incremental: the first progress arrived well before the result (10 steps × 20 ms).
    expect(seen[0]!.at).toBeLessThan(end - 100);
    expect(((await client.getInfo({})) as { host: string }).host).toBe('test');
  });

  it('turns engine errors and HTTP refusals into EdgeLabErrors with their codes', async () => {
    const t = createHttpTransport({ baseUrl: base, token: server.token });
    const bad = await failure(t.call('inspectModel', { model: 'a/b.bad' }));
    expect(bad).toMatchObject({ code: 'BAD_INPUT', file: 'a/b.bad' });
    expect((await failure(t.call('nope' as MethodName, {}))).code).toBe('NOT_FOUND');
    const wrong = createHttpTransport({ baseUrl: base, token: 'x'.repeat(43) });
    expect((await failure(wrong.call('getInfo', {}))).code).toBe('UNAUTHORIZED');
  });

  it('cancels through the signal: the engine sees the abort and the call rejects CANCELLED', async () => {
    const t = createHttpTransport({ baseUrl: base, token: server.token });
    const before = api.cancelledCalls;
    const ac = new AbortController();
    const p = t.call('replay', { model: 'm', clip: 'c', frames: 500 }, {
      signal: ac.signal,
      onProgress: (x) => {
        if (x.done === 5) ac.abort();
      },
    });
    expect((await failure(p)).code).toBe('CANCELLED');
    expect(api.cancelledCalls).toBe(before + 1);
  });

  it('rejects INTERNAL when the server is unreachable', async () => {
    const s = await startServer({ api: createProtocolApi(), rendererDir });
    const t = createHttpTransport({ baseUrl: `http://127.0.0.1:${s.port}`, token: s.token });
    await s.close();
    expect((await failure(t.call('getInfo', {}))).code).toBe('INTERNAL');
  });
});
