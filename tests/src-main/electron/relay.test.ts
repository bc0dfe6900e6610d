// The Electron main-process relay, Electron-free: renderer messages are validated before reaching the engine,
// ids are namespaced per window, a window's disappearance cancels its calls, an engine death fails pending
// calls and the next call starts a new engine. The engine side is the real serveEngine over a MessageChannel.
import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { messagePort, type PortLike } from '../../../src-main/channel/port';
import { serveEngine } from '../../../src-main/channel/serve-engine';
import { createRelay } from '../../../src-main/electron/relay';
import type { EngineMessage } from '../../../src-shared/protocol';
import { createProtocolApi, type ProtocolApi } from '../channel/protocol-api';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) c.port1.close();
});

function engineFactory() {
  const apis: ProtocolApi[] = [];
  const start = (): PortLike => {
    const api = createProtocolApi();
    apis.push(api);
    const ch = new MessageChannel();
    channels.push(ch);
    serveEngine(api, messagePort(ch.port1));
    return messagePort(ch.port2);
  };
  return { apis, start, channels };
}

const inbox = () => {
  const got: EngineMessage[] = [];
  return { got, reply: (m: EngineMessage) => void got.push(m) };
};

describe('createRelay', () => {
  it('forwards valid calls and returns replies under the renderer’s own id', async () => {
    const f = engineFactory();
    const relay = createRelay(f.start);
    const w = inbox();
    relay.fromRenderer(7, { type: 'call', id: '1', method: 'replay', args: { model: 'm', clip: 'c', frames: 2 } }, w.reply);
    await expect.poll(() => w.got.at(-1)?.type).toBe('result');
    expect(w.got.map((m) => m.type)).toEqual(['progress', 'progress', 'result']);
    expect(w.got.every((m) => m.id === '1')).toBe(true);
    expect(relay.pending).toBe(0);
  });

  it('refuses bad method names and bad arguments without starting an engine', async () => {
    const f = engineFactory();
    const relay = createRelay(f.start);
    const w = inbox();
    relay.fromRenderer(1, { type: 'call', id: 'a', method: '__proto__', args: {} }, w.reply);
    relay.fromRenderer(1, { type: 'call', id: 'b', method: 'replay', args: { model: 'm' } }, w.reply);
    relay.fromRenderer(1, { type: 'call', id: 'c', method: 'getInfo', args: { evil: true } }, w.reply);
    relay.fromRenderer(1, { nonsense: true }, w.reply);
    expect(w.got).toEqual([
      expect.objectContaining({ id: 'a', type: 'error', error: expect.objectContaining({ code: 'NOT_FOUND' }) }),
      expect.objectContaining({ id: 'b', type: 'error', error: expect.objectContaining({ code: 'BAD_INPUT' }) }),
      expect.objectContaining({ id: 'c', type: 'error', error: expect.objectContaining({ code: 'BAD_INPUT' }) }),
    ]);
    expect(f.apis).toHaveLength(0);
  });

  it('keeps windows apart: same id in two windows, and one window cannot cancel the other’s call', async () => {
    const f = engineFactory();
    const relay = createRelay(f.start);
    const a = inbox();
    const b = inbox();
    relay.fromRenderer(1, { type: 'call', id: 'x', method: 'replay', args: { model: 'm', clip: 'c', frames: 6 } }, a.reply);
    relay.fromRenderer(2, { type: 'call', id: 'x', method: 'replay', args: { model: 'm', clip: 'c', frames: 3 } }, b.reply);
    relay.fromRenderer(2, { type: 'cancel', id: 'x' }, b.reply);
    await expect.poll(() => a.got.at(-1)?.type, { timeout: 3000 }).toBe('result');
    await expect.poll(() => b.got.at(-1)?.type).toBe('error');
    expect(a.got.at(-1)).toMatchObject({ result: { frames: 6 } });
    expect(b.got.at(-1)).toMatchObject({ error: { code: 'CANCELLED' } });
  });

  it('cancels the calls of a window that closed', async () => {
    const f = engineFactory();
    const relay = createRelay(f.start);
    const w = inbox();
    relay.fromRenderer(3, { type: 'call', id: 'long', method: 'replay', args: { model: 'm', clip: 'c', frames: 500 } }, w.reply);
    await expect.poll(() => w.got.length).toBeGreaterThan(1);
    relay.dropSender(3);
    expect(relay.pending).toBe(0);
    await expect.poll(() => f.apis[0]!.cancelledCalls).toBe(1);
  });

  it('fails pending calls when the engine dies and starts a new engine on the next call', async () => {
    const f = engineFactory();
    const relay = createRelay(f.start);
    const w = inbox();
    relay.fromRenderer(1, { type: 'call', id: 'p', method: 'replay', args: { model: 'm', clip: 'c', frames: 500 } }, w.reply);
    await expect.poll(() => w.got.length).toBeGreaterThan(0);
    f.channels[0]!.port2.close(); // the engine's end of the link goes away
    await expect.poll(() => w.got.at(-1)?.type).toBe('error');
    expect(w.got.at(-1)).toMatchObject({ id: 'p', error: { code: 'INTERNAL', message: expect.stringMatching(/^engine stopped/) } });
    relay.fromRenderer(1, { type: 'call', id: 'q', method: 'getInfo', args: {} }, w.reply);
    await expect.poll(() => w.got.at(-1)?.id).toBe('q');
    expect(w.got.at(-1)).toMatchObject({ type: 'result', result: { host: 'test' } });
    expect(f.apis).toHaveLength(2);
  });
});
