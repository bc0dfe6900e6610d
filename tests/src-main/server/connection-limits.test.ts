// Slow and idle unauthenticated connections are closed (the socket, not only answered), and the count of open
// unauthenticated connections is capped; a token holder's long call outlives every one of these deadlines.
// Real server with short limits, real sockets on 127.0.0.1; 10 connections per kind at most, each awaited ≤ 5 s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../../src-main/server/server';
import { createProtocolApi } from '../channel/protocol-api';
import { apiCall, ndjson } from './http-helpers';

const LIMITS = { headersTimeoutMs: 400, requestTimeoutMs: 600, idleTimeoutMs: 600, maxUnauthenticated: 8, checkIntervalMs: 100 };
/** How long a stalled socket may stay open with LIMITS (generous against a loaded machine), ms. */
const CLOSE_WITHIN_MS = 5_000;

let server: RunningServer;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = await fs.mkdtemp(join(tmpdir(), 'edgelab-renderer-'));
  await fs.writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  server = await startServer({ port: 0, api: createProtocolApi(), rendererDir, limits: LIMITS });
});
afterAll(async () => {
  await server?.close();
  await fs.rm(rendererDir, { recursive: true, force: true });
});

/** Opens a socket, writes `first`, then resolves with the ms until the server closed it (or Infinity after CLOSE_WITHIN_MS). */
function openStalled(first: string): { socket: Socket; closedAfter: Promise<number> } {
  const t0 = Date.now();
  const socket = connect({ host: '127.0.0.1', port: server.port });
  socket.on('error', () => {});
  socket.on('data', () => {});
  socket.once('connect', () => {
    if (first) socket.write(first);
  });
  const closedAfter = new Promise<number>((resolve) => {
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(Infinity);
    }, CLOSE_WITHIN_MS);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - t0);
    });
  });
  return { socket, closedAfter };
}

const head = (port: number, extra: string) =>
  `POST /api/call/getInfo HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n${extra}`;

describe('connection limits', () => {
  it('closes slow headers, slow bodies without or with a wrong token, and silent connections', async () => {
    const p = server.port;
    const kinds = [
      '', // connects, sends nothing
      `POST /api/call/getInfo HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\n`, // headers never finish
      head(p, 'Content-Length: 1000\r\n\r\n{"a":'), // no token, body never finishes
      head(p, 'Authorization: Bearer wrong\r\nContent-Length: 1000\r\n\r\n{'), // wrong token, body never finishes
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${p}\r\n\r\n`, // a static file, then the connection idles (keep-alive)
    ];
    const stalled = kinds.flatMap((k) => [openStalled(k), openStalled(k)]);
    const times = await Promise.all(stalled.map((s) => s.closedAfter));
    expect(times.map((t) => t < CLOSE_WITHIN_MS)).toEqual(times.map(() => true));
  });

  it('destroys unauthenticated connections beyond the cap on arrival', async () => {
    const held = Array.from({ length: LIMITS.maxUnauthenticated }, () => openStalled(''));
    await new Promise((r) => setTimeout(r, 100));
    const extra = openStalled('');
    expect(await extra.closedAfter).toBeLessThan(LIMITS.idleTimeoutMs);
    for (const h of held) h.socket.destroy();
    await Promise.all(held.map((h) => h.closedAfter));
  });

  it('lets an authenticated call stream for longer than every deadline', async () => {
    // 60 progress steps 20 ms apart ≈ 1.2 s > requestTimeoutMs and idleTimeoutMs.
    const r = await apiCall(server.port, server.token, 'replay', { model: 'm', clip: 'c', frames: 60 });
    expect(r.status).toBe(200);
    const msgs = ndjson(r.body);
    expect(msgs.at(-1).type).toBe('result');
  });
});
