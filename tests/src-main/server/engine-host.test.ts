// The server's engine host with a real worker thread: it fails at start when the worker is not built or
// cannot come up, and after the worker dies the next call starts a fresh one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngineHost } from '../../../src-main/server/engine-host';
import { failure } from '../channel/failure';

// A protocol-speaking worker in plain JS: answers getInfo with its thread id, dies on 'replay'.
const WORKER = `
import { parentPort, threadId } from 'node:worker_threads';
parentPort.on('message', (m) => {
  if (m.type === 'edgelab:dispose') process.exit(0);
  if (m.type !== 'call') return;
  if (m.method === 'replay') process.exit(7);
  parentPort.postMessage({ type: 'result', id: m.id, result: { threadId } });
});`;

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-host-'));
  await fs.writeFile(join(dir, 'worker.mjs'), WORKER);
  await fs.writeFile(join(dir, 'broken.mjs'), "throw new Error('cannot open workspace');");
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('startEngineHost (worker)', () => {
  it('restarts the worker on the next call after it died', async () => {
    const host = await startEngineHost({ mode: 'worker', workerFile: join(dir, 'worker.mjs') });
    try {
      const first = (await host.call('getInfo', {})) as { threadId: number };
      const e = await failure(host.call('replay', { model: 'm', clip: 'c' }));
      expect(e.code).toBe('INTERNAL');
      expect(e.message).toContain('code 7');
      const second = (await host.call('getInfo', {})) as { threadId: number };
      expect(second.threadId).not.toBe(first.threadId);
    } finally {
      await host.close();
    }
  });

  it('fails at start with the worker’s own error', async () => {
    const e = await failure(startEngineHost({ mode: 'worker', workerFile: join(dir, 'broken.mjs') }));
    expect(e.code).toBe('INTERNAL');
    expect(e.message).toContain('cannot open workspace');
  });

  it('fails at start when the worker is not built', async () => {
    const e = await failure(startEngineHost({ mode: 'worker', workerFile: join(dir, 'missing.js') }));
    expect(e.message).toContain('npm run build');
  });
});
