// Issue 21 item 4: the Electron engine is confined like the server's. Driven at the relay/engine-process level (no
// Electron binary here): the real relay (main process) in front of the real engine-process code (serveConfinedEngine,
// a real engine on a temp workspace) over a MessageChannel. A renderer cannot reach files outside the workspace, nor
// forge an allow message; a path picked through the (main-process) dialog is allowed, also after an engine restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { messagePort, type PortLike } from '../../../src-main/channel/port';
import type { ServedEngine } from '../../../src-main/channel/serve-engine';
import type { Engine } from '../../../src-main/create-engine';
import { ALLOW_TYPE } from '../../../src-main/electron/allow-message';
import { createRelay, type Relay } from '../../../src-main/electron/relay';
import { serveConfinedEngine } from '../../../src-main/electron/serve-confined';
import type { EngineMessage } from '../../../src-shared/protocol';

const REPO = join(import.meta.dirname, '..', '..', '..');
const ONNX = join(REPO, 'models', 'blazeface-front', 'face_detection_front_128x128.onnx');
let scratch: string;
let ws: string;
let outside: string;
let relay: Relay;
const channels: MessageChannel[] = [];
const engines: Promise<{ engine: Engine; served: ServedEngine }>[] = [];

function start(): PortLike {
  const ch = new MessageChannel();
  channels.push(ch);
  engines.push(serveConfinedEngine(messagePort(ch.port1), ws));
  return messagePort(ch.port2);
}

let n = 0;
/** A renderer call through the relay: its final message (result or error). */
function call(method: string, args: unknown): Promise<EngineMessage> {
  const id = `c${++n}`;
  return new Promise((resolve) => {
    relay.fromRenderer(1, { type: 'call', id, method, args }, (m) => {
      if (m.type !== 'progress') resolve(m);
    });
  });
}

const code = (m: EngineMessage) => (m.type === 'error' ? m.error.code : 'OK');

beforeAll(async () => {
  scratch = await fs.realpath(await fs.mkdtemp(join(tmpdir(), 'edgelab-electron-confined-')));
  ws = join(scratch, 'ws');
  outside = join(scratch, 'home');
  await fs.mkdir(outside);
  await fs.copyFile(ONNX, join(outside, 'face.onnx'));
  await fs.writeFile(join(outside, '.bashrc'), 'echo hi\n');
  relay = createRelay(start);
});

afterAll(async () => {
  relay?.dispose();
  for (const e of await Promise.all(engines)) {
    e.served.dispose();
    await e.engine.dispose();
  }
  for (const c of channels) c.port1.close();
  if (scratch) await fs.rm(scratch, { recursive: true, force: true });
});

describe('the Electron engine (engine process + relay)', () => {
  it('is confined: reading or writing outside the workspace is FORBIDDEN; ~/.bashrc stays untouched', async () => {
    expect(code(await call('inspectModel', { model: join(outside, 'face.onnx') }))).toBe('FORBIDDEN');
    const info = await call('getInfo', {});
    expect(info.type === 'result' && (info.result as { host: string }).host).toBe('electron');
    await fs.writeFile(join(ws, 'lab.yaml'), 'name: l\nmodels:\n  - id: face\n    model: blazeface-front\nvariants:\n  - kind: fp16\nclips:\n  - id: cup\n    clip: cup\n    frames: 1\nreports: [json]\n');
    const wf = await call('exportWorkflow', { spec: join(ws, 'lab.yaml'), target: 'argo', image: 'edgelab:dev', out: join(outside, '.bashrc') });
    expect(code(wf), JSON.stringify(wf)).toBe('FORBIDDEN');
    expect(await fs.readFile(join(outside, '.bashrc'), 'utf8')).toBe('echo hi\n');
    // Inside the workspace and bundled ids still work.
    expect(code(await call('inspectModel', { model: 'blazeface-front' }))).toBe('OK');
  }, 60_000);

  it('a renderer cannot forge an allow message', async () => {
    const got: EngineMessage[] = [];
    relay.fromRenderer(1, { type: ALLOW_TYPE, paths: [outside] }, (m) => void got.push(m));
    relay.fromRenderer(1, { type: 'call', id: 'x', method: ALLOW_TYPE, args: { paths: [outside] } }, (m) => void got.push(m));
    expect(got.map(code)).toEqual(['NOT_FOUND']); // the shapeless message is dropped, the fake method refused
    expect(code(await call('inspectModel', { model: join(outside, 'face.onnx') }))).toBe('FORBIDDEN');
  });

  it('a path picked in the native dialog is allowed while the app runs, also by an engine started again', async () => {
    relay.allowPicked([join(outside, 'face.onnx')]);
    expect(code(await call('inspectModel', { model: join(outside, 'face.onnx') }))).toBe('OK');
    // Only what was picked: the folder's other files are still refused.
    expect(code(await call('inspectModel', { model: join(outside, '.bashrc') }))).toBe('FORBIDDEN');
    // The engine process dies; the next call starts a new one, which gets the picked paths again.
    const before = engines.length;
    const ch = channels.at(-1)!;
    const closed = new Promise((r) => ch.port2.once('close', r)); // the relay's own close listener runs first
    ch.port1.close();
    await closed;
    expect(code(await call('inspectModel', { model: join(outside, 'face.onnx') }))).toBe('OK');
    expect(engines.length).toBe(before + 1);
  }, 60_000);
});
