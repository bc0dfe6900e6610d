// The local server's HTTP protocol and guards, with the protocol test engine inline (the real engine in a
// worker is covered by engine-worker.test.ts and tests/contract). Real server on port 0, real sockets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../../src-main/server/server';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/server/headers';
import { createProtocolApi, type ProtocolApi } from '../channel/protocol-api';
import { apiCall, ndjson, raw } from './http-helpers';

let server: RunningServer;
let api: ProtocolApi;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = await fs.mkdtemp(join(tmpdir(), 'edgelab-renderer-'));
  await fs.writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  api = createProtocolApi();
  server = await startServer({ port: 0, api, rendererDir });
});
afterAll(async () => {
  await server?.close();
  await fs.rm(rendererDir, { recursive: true, force: true });
});

describe('startServer', () => {
  it('returns a 127.0.0.1 URL carrying a fresh 32-byte base64url token in the fragment', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(server.token, 'base64url').length).toBe(32);
    const other = await startServer({ api: createProtocolApi(), rendererDir });
    try {
      expect(other.token).not.toBe(server.token);
      expect(other.port).not.toBe(server.port);
    } finally {
      await other.close();
    }
  });

  it('refuses a non-loopback host option', async () => {
    await expect(startServer({ host: '0.0.0.0', api: createProtocolApi(), rendererDir })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('is not reachable on a non-loopback address', async () => {
    const addr = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    const target = addr ?? '127.0.0.2'; // without a LAN interface, another loopback address still is not 127.0.0.1
    const reached = await new Promise<boolean>((resolve) => {
      const s = connect({ host: target, port: server.port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    expect(reached).toBe(false);
  });

  it('streams progress lines then exactly one result', async () => {
    const r = await apiCall(server.port, server.token, 'replay', { model: 'm', clip: 'c', frames: 3 }, { 'x-call-id': 'abc-1' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const msgs = ndjson(r.body);
    expect(msgs.map((m) => m.type)).toEqual(['progress', 'progress', 'progress', 'result']);
    expect(msgs.every((m) => m.id === 'abc-1')).toBe(true);
    expect(msgs[3].result).toEqual({ frames: 3, detectEvery: 1 });
  });

  it('reports argument errors inside the stream with code BAD_INPUT', async () => {
    const r = await apiCall(server.port, server.token, 'replay', { model: 'm', clip: 'c', frames: -1 });
    expect(r.status).toBe(200);
    const msgs = ndjson(r.body);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ type: 'error', error: { code: 'BAD_INPUT' } });
  });

  it('keeps the file of an engine error', async () => {
    const r = await apiCall(server.port, server.token, 'inspectModel', { model: '/x/y.bad' });
    expect(ndjson(r.body)[0]).toMatchObject({ type: 'error', error: { code: 'BAD_INPUT', file: '/x/y.bad' } });
  });

  it('401 without a token and with a wrong one (same length and different length)', async () => {
    const none = await apiCall(server.port, null, 'getInfo', {});
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).code).toBe('UNAUTHORIZED');
    const flipped = server.token.slice(0, -1) + (server.token.endsWith('A') ? 'B' : 'A');
    expect((await apiCall(server.port, flipped, 'getInfo', {})).status).toBe(401);
    expect((await apiCall(server.port, 'short', 'getInfo', {})).status).toBe(401);
    expect((await raw(server.port, { method: 'POST', path: '/api/cancel', headers: { 'content-type': 'application/json' }, body: '{"id":"x"}' })).status).toBe(401);
  });

  it('403 for a foreign Host (DNS rebinding) on API and static routes alike', async () => {
    const a = await apiCall(server.port, server.token, 'getInfo', {}, { host: `evil.example:${server.port}` });
    expect(a.status).toBe(403);
    const s = await raw(server.port, { path: '/', headers: { host: `evil.example:${server.port}` } });
    expect(s.status).toBe(403);
    const wrongPort = await apiCall(server.port, server.token, 'getInfo', {}, { host: `127.0.0.1:${server.port + 1}` });
    expect(wrongPort.status).toBe(403);
    const local = await apiCall(server.port, server.token, 'getInfo', {}, { host: `localhost:${server.port}` });
    expect(local.status).toBe(200);
  });

  it('accepts the Bearer scheme in any case (RFC 7235: case-insensitive), still refuses a wrong token', async () => {
    for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
      const r = await apiCall(server.port, null, 'getInfo', {}, { authorization: `${scheme} ${server.token}` });
      expect(r.status, scheme).toBe(200);
    }
    const wrong = await apiCall(server.port, null, 'getInfo', {}, { authorization: `bearer ${'A'.repeat(server.token.length)}` });
    expect(wrong.status).toBe(401);
    expect((await apiCall(server.port, null, 'getInfo', {}, { authorization: `bearer${server.token}` })).status).toBe(401);
  });

  it('403 for a foreign Origin, 200 for the same origin', async () => {
    const foreign = await apiCall(server.port, server.token, 'getInfo', {}, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).code).toBe('FORBIDDEN');
    const same = await apiCall(server.port, server.token, 'getInfo', {}, { origin: `http://127.0.0.1:${server.port}` });
    expect(same.status).toBe(200);
  });

  it('404 unknown method, 405 wrong verb, 415 non-JSON, 413 over 1 MB, 400 bad call id', async () => {
    expect((await apiCall(server.port, server.token, 'deleteEverything', {})).status).toBe(404);
    expect((await raw(server.port, { method: 'GET', path: '/api/call/getInfo', headers: { authorization: `Bearer ${server.token}` } })).status).toBe(405);
    const text = await raw(server.port, {
      method: 'POST',
      path: '/api/call/getInfo',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(text.status).toBe(415);
    const big = await apiCall(server.port, server.token, 'inspectModel', { model: 'x'.repeat(1024 * 1024 + 10) });
    expect(big.status).toBe(413);
    const badId = await apiCall(server.port, server.token, 'getInfo', {}, { 'x-call-id': 'x'.repeat(65) });
    expect(badId.status).toBe(400);
  });

  it('POST /api/cancel with the reply\'s X-Cancel-Key cancels a running call (204), and the stream ends with CANCELLED', async () => {
    const before = api.cancelledCalls;
    const { key, done } = await streamingCall('to-cancel', 500);
    const cancel = (body: unknown) =>
      raw(server.port, {
        method: 'POST',
        path: '/api/cancel',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    // Another caller knowing (or guessing) the client-chosen id cannot cancel the call: without the key it is
    // refused, with a wrong key it is answered like an unknown id and nothing happens.
    expect((await cancel({ id: 'to-cancel' })).status).toBe(400);
    expect((await cancel({ id: 'to-cancel', key: 'A'.repeat(key.length) })).status).toBe(204);
    await new Promise((r) => setTimeout(r, 100));
    expect(api.cancelledCalls).toBe(before);
    expect((await cancel({ id: 'to-cancel', key })).status).toBe(204);
    const msgs = ndjson(await done);
    expect(msgs.at(-1)).toMatchObject({ type: 'error', error: { code: 'CANCELLED' } });
    expect(msgs.length).toBeLessThan(500);
    expect(api.cancelledCalls).toBe(before + 1);
  });

  it('closing the response cancels the call', async () => {
    const before = api.cancelledCalls;
    const ac = new AbortController();
    const res = await fetch(`http://127.0.0.1:${server.port}/api/call/replay`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', clip: 'c', frames: 500 }),
      signal: ac.signal,
    });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    ac.abort();
    await expect.poll(() => api.cancelledCalls, { timeout: 3000 }).toBe(before + 1);
  });

  it("the CSP header has every directive of the page's meta CSP (form-action 'none' included)", async () => {
    const html = await fs.readFile(join(import.meta.dirname, '..', '..', '..', 'src-renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const header = CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim());
    for (const d of meta!.split(';').map((x) => x.trim()).filter(Boolean)) expect(header).toContain(d);
    expect(header).toContain("form-action 'none'");
  });

  it('sends the security headers on API and static responses', async () => {
    for (const r of [await apiCall(server.port, null, 'getInfo', {}), await raw(server.port, { path: '/' })]) {
      expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    }
  });
});

/** Starts a protocol-engine replay of `frames` steps over a real connection; resolves once its headers are in. */
async function streamingCall(id: string, frames: number): Promise<{ key: string; done: Promise<string> }> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/call/replay`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', 'x-call-id': id },
    body: JSON.stringify({ model: 'm', clip: 'c', frames }),
  });
  expect(res.status).toBe(200);
  const key = res.headers.get('x-cancel-key');
  expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
  return { key: key!, done: res.text() };
}
