// connectEngine against real worker threads: a worker that dies with calls pending rejects them with
// INTERNAL "engine stopped" (with the worker's reason), and later calls fail fast.
import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { connectEngine } from '../../../src-main/channel/connect-engine';
import { workerPort } from '../../../src-main/channel/port';
import { failure } from './failure';
import { EdgeLabError } from '../../../src-shared/protocol';

// A worker that accepts calls and never answers, until told to die in one of two ways.
const HANG_WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.type === 'call' && m.method === 'replay') setTimeout(() => process.exit(3), 50);
  if (m.type === 'call' && m.method === 'report') setTimeout(() => { throw new Error('engine blew up'); }, 50);
});`;

describe('connectEngine', () => {
  it('rejects pending calls when the worker exits, and every later call', async () => {
    const w = new Worker(HANG_WORKER, { eval: true });
    const conn = connectEngine(workerPort(w));
    const pending = conn.call('getInfo', {});
    const killer = conn.call('replay', { model: 'm', clip: 'c' });
    const [e1, e2] = await Promise.all([failure(pending), failure(killer)]);
    for (const e of [e1, e2]) {
      expect(e).toBeInstanceOf(EdgeLabError);
      expect(e.code).toBe('INTERNAL');
      expect(e.message).toMatch(/^engine stopped/);
    }
    expect(e1.message).toContain('code 3');
    expect(conn.closed).toBe(true);
    expect(conn.pending).toBe(0);
    await expect(conn.call('getInfo', {})).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('names the uncaught error of a crashed worker', async () => {
    const w = new Worker(HANG_WORKER, { eval: true });
    const conn = connectEngine(workerPort(w));
    const e = await failure(conn.call('report', { runs: ['r'], format: 'json' }));
    expect(e.code).toBe('INTERNAL');
    expect(e.message).toContain('engine blew up');
  });

  it('dispose() rejects pending calls without stopping the worker', async () => {
    const w = new Worker(HANG_WORKER, { eval: true });
    let exited = false;
    w.on('exit', () => (exited = true));
    const conn = connectEngine(workerPort(w));
    const p = conn.call('getInfo', {});
    conn.dispose();
    await expect(p).rejects.toMatchObject({ code: 'INTERNAL' });
    await new Promise((r) => setTimeout(r, 100));
    expect(exited).toBe(false);
    await w.terminate();
  });
});
