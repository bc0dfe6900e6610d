// serveEngine + connectEngine over a real worker_threads MessageChannel: call → progress… → result, error
// payloads keep code and file, argument validation at the engine boundary, cancellation mid-call.
import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { connectEngine } from '../../../src-main/channel/connect-engine';
import { messagePort } from '../../../src-main/channel/port';
import { serveEngine } from '../../../src-main/channel/serve-engine';
import type { EngineMessage } from '../../../src-shared/protocol';
import { failure } from './failure';
import { EdgeLabError, type Progress } from '../../../src-shared/protocol';
import { createProtocolApi } from './protocol-api';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

function setup() {
  const api = createProtocolApi();
  const ch = new MessageChannel();
  channels.push(ch);
  const served = serveEngine(api, messagePort(ch.port1));
  const conn = connectEngine(messagePort(ch.port2));
  return { api, served, conn, ch };
}

describe('serveEngine', () => {
  it('answers a call with its result, JSON-safe (undefined fields dropped)', async () => {
    const { conn } = setup();
    const info = (await conn.call('getInfo', {})) as Record<string, unknown>;
    expect(info.host).toBe('test');
    expect('absent' in info).toBe(false);
  });

  it('routes progress in order before the result, with defaults filled by validation', async () => {
    const { conn } = setup();
    const seen: Progress[] = [];
    const r = await conn.call('replay', { model: 'm', clip: 'c', frames: 5 }, { onProgress: (p) => seen.push(p) });
    expect(r).toEqual({ frames: 5, detectEvery: 1 });
    expect(seen.map((p) => p.done)).toEqual([1, 2, 3, 4, 5]);
    expect(seen[4]!.fraction).toBe(1);
  });

  it('keeps the error code and the file of an EdgeLabError', async () => {
    const { conn } = setup();
    const e = await failure(conn.call('inspectModel', { model: '/tmp/x.bad' }));
    expect(e).toBeInstanceOf(EdgeLabError);
    expect(e.code).toBe('BAD_INPUT');
    expect(e.file).toBe('/tmp/x.bad');
    expect(e.message).toContain('not a model file');
  });

  it('refuses unknown methods and bad arguments before calling the api', async () => {
    const { api, ch } = setup();
    const replies: EngineMessage[] = [];
    ch.port2.on('message', (m) => replies.push(m));
    ch.port2.postMessage({ type: 'call', id: 'a', method: 'rmrf', args: {} });
    ch.port2.postMessage({ type: 'call', id: 'b', method: 'inspectModel', args: { model: 7 } });
    ch.port2.postMessage({ type: 'call', id: 'c', method: 'getInfo', args: { extra: 1 } });
    await expect.poll(() => replies.length).toBe(3);
    const byId = Object.fromEntries(replies.map((r) => [r.id, r]));
    expect(byId.a).toMatchObject({ type: 'error', error: { code: 'NOT_FOUND' } });
    expect(byId.b).toMatchObject({ type: 'error', error: { code: 'BAD_INPUT' } });
    expect(byId.c).toMatchObject({ type: 'error', error: { code: 'BAD_INPUT' } });
    expect(api.startedCalls).toBe(0);
  });

  it('cancels a call mid-way: CANCELLED, the api saw the abort, no progress after the reply', async () => {
    const { api, conn, served } = setup();
    const ac = new AbortController();
    const seen: Progress[] = [];
    const p = conn.call('replay', { model: 'm', clip: 'c', frames: 200 }, {
      signal: ac.signal,
      onProgress: (x) => {
        seen.push(x);
        if (x.done === 3) ac.abort();
      },
    });
    const e = await failure(p);
    expect(e).toBeInstanceOf(EdgeLabError);
    expect(e.code).toBe('CANCELLED');
    expect(api.cancelledCalls).toBe(1);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.length).toBeLessThan(200);
    const count = seen.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.length).toBe(count);
    expect(served.active).toBe(0);
  });

  it('rejects at once when the signal is already aborted, without calling the engine', async () => {
    const { api, conn } = setup();
    const ac = new AbortController();
    ac.abort();
    await expect(conn.call('getInfo', {}, { signal: ac.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(api.startedCalls).toBe(0);
  });

  it('runs calls concurrently and keeps their replies apart', async () => {
    const { conn } = setup();
    const [a, b, c] = await Promise.all([
      conn.call('replay', { model: 'm', clip: 'c', frames: 4, detectEvery: 2 }),
      conn.call('replay', { model: 'm', clip: 'c', frames: 2, detectEvery: 3 }),
      conn.call('inspectModel', { model: 'ok.onnx' }),
    ]);
    expect(a).toEqual({ frames: 4, detectEvery: 2 });
    expect(b).toEqual({ frames: 2, detectEvery: 3 });
    expect(c).toEqual({ echo: { model: 'ok.onnx' } });
  });
});
