// Static serving of the renderer: MIME types, index for `/`, no listings, no escape from the folder
// (raw `..`, encoded `..`, symlinks), and the clear 500 page when the renderer is not built.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveStaticPath } from '../../../src-main/server/static-files';
import { startServer, type RunningServer } from '../../../src-main/server/server';
import { createProtocolApi } from '../channel/protocol-api';
import { raw } from './http-helpers';

let dir: string;
let rendererDir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-static-'));
  rendererDir = join(dir, 'renderer');
  await fs.mkdir(join(rendererDir, 'assets'), { recursive: true });
  await fs.writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>EdgeLab</title>');
  await fs.writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await fs.writeFile(join(rendererDir, 'assets', 'app.css'), 'body{}');
  await fs.writeFile(join(rendererDir, 'assets', 'x.wasm'), Buffer.from([0, 97, 115, 109]));
  await fs.writeFile(join(dir, 'secret.txt'), 'secret');
  await fs.symlink(join(dir, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'));
  server = await startServer({ api: createProtocolApi(), rendererDir });
});
afterAll(async () => {
  await server?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('static files', () => {
  it('serves index.html for / and assets with their MIME types', async () => {
    const index = await raw(server.port, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<title>EdgeLab</title>');
    expect((await raw(server.port, { path: '/assets/app.js' })).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await raw(server.port, { path: '/assets/app.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await raw(server.port, { path: '/assets/x.wasm?v=1' })).headers['content-type']).toBe('application/wasm');
  });

  it('lists no directories and 404s missing files', async () => {
    expect((await raw(server.port, { path: '/assets' })).status).toBe(404);
    expect((await raw(server.port, { path: '/assets/' })).status).toBe(404);
    expect((await raw(server.port, { path: '/nope.js' })).status).toBe(404);
  });

  it('refuses traversal: raw .., encoded .., backslashes, symlinks out of the folder', async () => {
    for (const path of ['/../secret.txt', '/../package.json', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt']) {
      const r = await raw(server.port, { path });
      expect([400, 403], path).toContain(r.status);
      expect(r.body).not.toContain('secret');
    }
    const link = await raw(server.port, { path: '/assets/link.txt' });
    expect(link.status).toBe(403);
    expect(link.body).not.toContain('secret');
  });

  it('refuses other verbs', async () => {
    expect((await raw(server.port, { method: 'POST', path: '/' })).status).toBe(405);
  });

  it('answers a clear 500 page when the renderer is not built', async () => {
    const empty = join(dir, 'empty');
    await fs.mkdir(empty);
    const s = await startServer({ api: createProtocolApi(), rendererDir: empty });
    try {
      const r = await raw(s.port, { path: '/' });
      expect(r.status).toBe(500);
      expect(r.body).toContain('npm run build');
    } finally {
      await s.close();
    }
  });

  it('resolveStaticPath confines paths to the root', () => {
    expect(resolveStaticPath('/srv/r', '/')).toEqual({ file: '/srv/r/index.html' });
    expect(resolveStaticPath('/srv/r', '/a/b.js?x=1')).toEqual({ file: '/srv/r/a/b.js' });
    expect(resolveStaticPath('/srv/r', '/a/../../etc/passwd')).toMatchObject({ status: 403 });
    expect(resolveStaticPath('/srv/r', '/%00')).toMatchObject({ status: 400 });
    expect(resolveStaticPath('/srv/r', '/%E0%A4%A')).toMatchObject({ status: 400 });
  });
});
