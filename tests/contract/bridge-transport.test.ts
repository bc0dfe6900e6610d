// The bridge transport wired the way Electron wires it — preload bridge → main-process relay → engine — with
// the IPC hops replaced by direct calls (no Electron binary here). Results, progress and cancel round-trip.
import { describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { createBridgeTransport } from '../../src-renderer/api/bridge-transport';
import { messagePort } from '../../src-main/channel/port';
import { serveEngine } from '../../src-main/channel/serve-engine';
import { createRelay } from '../../src-main/electron/relay';
import type { EdgeLabBridge } from '../../src-shared/bridge';
import { createApiClient } from '../../src-shared/client';
import type { EngineMessage, Progress } from '../../src-shared/protocol';
import { createProtocolApi } from '../src-main/channel/protocol-api';
import { failure } from '../src-main/channel/failure';

function wire() {
  const api = createProtocolApi();
  const ch = new MessageChannel();
  serveEngine(api, messagePort(ch.port1));
  const relay = createRelay(() => messagePort(ch.port2));
  const listeners = new Set<(m: EngineMessage) => void>();
  const bridge: EdgeLabBridge = {
    send: (m) => relay.fromRenderer(1, structuredClone(m), (r) => listeners.forEach((l) => l(structuredClone(r)))),
    onMessage: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return { api, client: createApiClient(createBridgeTransport(bridge)), close: () => ch.port1.close() };
}

describe('createBridgeTransport', () => {
  it('calls through the bridge with progress', async () => {
    const w = wire();
    const seen: Progress[] = [];
    const r = await w.client.replay({ model: 'm', clip: 'c', frames: 3 }, { onProgress: (p) => seen.push(p) });
    expect(r).toEqual({ frames: 3, detectEvery: 1 });
    expect(seen.map((p) => p.done)).toEqual([1, 2, 3]);
    w.close();
  });

  it('cancels through the bridge', async () => {
    const w = wire();
    const ac = new AbortController();
    const p = w.client.replay({ model: 'm', clip: 'c', frames: 500 }, { signal: ac.signal, onProgress: (x) => x.done === 2 && ac.abort() });
    expect((await failure(p)).code).toBe('CANCELLED');
    expect(w.api.cancelledCalls).toBe(1);
    w.close();
  });
});
