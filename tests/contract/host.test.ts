// Host selection: the token moves from #token=… to sessionStorage and out of the address bar, and the
// resulting API reaches the real server; with a bridge present, the bridge is used instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashWithoutToken, selectTransport, takeToken, TOKEN_STORAGE_KEY, type HostEnv } from '../../src-renderer/api/host';
import { startServer, type RunningServer } from '../../src-main/server/server';
import { createApiClient } from '../../src-shared/client';
import type { ClientMessage } from '../../src-shared/protocol';
import { createProtocolApi } from '../src-main/channel/protocol-api';
import { failure } from '../src-main/channel/failure';

let server: RunningServer;
let rendererDir: string;

/** A browser-like environment from a URL: a Map-backed sessionStorage and a history that rewrites the URL. */
function envFor(href: string, storage = new Map<string, string>()) {
  const url = new URL(href);
  const env: HostEnv & { url: URL; storage: Map<string, string> } = {
    url,
    storage,
    location: url,
    sessionStorage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    history: { replaceState: (_d, _u, next) => void (next !== undefined && (url.href = new URL(next, url).href)) },
  };
  return env;
}

beforeAll(async () => {
  rendererDir = await fs.mkdtemp(join(tmpdir(), 'edgelab-host-'));
  server = await startServer({ api: createProtocolApi(), rendererDir });
});
afterAll(async () => {
  await server?.close();
  await fs.rm(rendererDir, { recursive: true, force: true });
});

describe('host selection', () => {
  it('takes the token from the fragment, stores it, strips it, and the API works', async () => {
    const env = envFor(server.url);
    const { kind, transport } = selectTransport(env);
    expect(kind).toBe('browser');
    expect(env.storage.get(TOKEN_STORAGE_KEY)).toBe(server.token);
    expect(env.url.hash).toBe('');
    expect(env.url.href).toBe(`http://127.0.0.1:${server.port}/`);
    const info = (await createApiClient(transport).getInfo({})) as { host: string };
    expect(info.host).toBe('test');
  });

  it('a route with the token (#/graph?variant=v&token=t): the token is taken, the route stays in the hash', () => {
    const env = envFor(`http://127.0.0.1:${server.port}/#/graph?variant=v1&token=${server.token}`);
    expect(takeToken(env)).toBe(server.token);
    expect(env.storage.get(TOKEN_STORAGE_KEY)).toBe(server.token);
    expect(env.url.hash).toBe('#/graph?variant=v1');
    expect(hashWithoutToken('#/graph?token=t&variant=v1')).toBe('#/graph?variant=v1');
    expect(hashWithoutToken('#token=t')).toBe('');
  });

  it('after a reload (no fragment) reuses the stored token', async () => {
    const storage = new Map([[TOKEN_STORAGE_KEY, server.token]]);
    const env = envFor(`http://127.0.0.1:${server.port}/`, storage);
    expect(takeToken(env)).toBe(server.token);
    const info = (await createApiClient(selectTransport(env).transport).getInfo({})) as { host: string };
    expect(info.host).toBe('test');
  });

  it('without any token every call rejects UNAUTHORIZED', async () => {
    const env = envFor(`http://127.0.0.1:${server.port}/`);
    expect((await failure(selectTransport(env).transport.call('getInfo', {}))).code).toBe('UNAUTHORIZED');
  });

  it('prefers the Electron bridge when window.edgelab exists', () => {
    const sent: ClientMessage[] = [];
    const env = envFor(server.url);
    env.edgelab = { send: (m) => void sent.push(m), onMessage: () => () => {} };
    const { kind, transport } = selectTransport(env);
    expect(kind).toBe('electron');
    void transport.call('getInfo', {});
    expect(sent).toEqual([expect.objectContaining({ type: 'call', method: 'getInfo' })]);
    // The token was not touched: the fragment is irrelevant inside Electron.
    expect(env.storage.size).toBe(0);
  });
});
