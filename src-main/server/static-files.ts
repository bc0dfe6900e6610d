// Serves the built renderer (out/renderer) read-only: `/` → index.html, files by extension with their MIME
// type, no directory listings, every path confined to the renderer folder (after decoding and symlinks).
import { createReadStream, promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { sendError } from './headers';

// A dozen extensions cover what vite emits; a hand-written table avoids a dependency for a fixed set.
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT_PAGE = (dir: string) =>
  `<!doctype html><meta charset="utf-8"><title>EdgeLab: renderer not built</title>` +
  `<h1>The EdgeLab user interface is not built</h1><p>No <code>index.html</code> in <code>${escapeHtml(dir)}</code>.` +
  ` Run <code>npm run build</code>, then restart <code>edgelab serve</code>.</p>`;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Maps a raw request path to a file under `root`, or a refusal. Rejects `..` segments (raw or %-encoded),
 * backslashes and NUL rather than normalising them away: a request that tries to climb is refused, not guessed.
 */
export function resolveStaticPath(root: string, rawUrl: string): { file: string } | { status: 400 | 403; reason: string } {
  const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400, reason: 'malformed path' };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return { status: 400, reason: 'malformed path' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..')) return { status: 403, reason: 'path outside the renderer folder' };
  const rel = decoded === '/' ? 'index.html' : decoded.slice(1);
  const base = resolve(root);
  const file = resolve(base, rel);
  if (file !== base && !file.startsWith(base + sep)) return { status: 403, reason: 'path outside the renderer folder' };
  return { file };
}

export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, 405, 'BAD_INPUT', 'only GET and HEAD are allowed here', { Allow: 'GET, HEAD' });
    return;
  }
  const base = resolve(root);
  try {
    await fs.access(join(base, 'index.html'));
  } catch {
    const body = NOT_BUILT_PAGE(base);
    res.writeHead(500, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  const r = resolveStaticPath(base, req.url ?? '/');
  if ('status' in r) {
    sendError(res, r.status, r.status === 403 ? 'FORBIDDEN' : 'BAD_INPUT', r.reason);
    return;
  }
  let real: string;
  let size: number;
  try {
    real = await fs.realpath(r.file);
    const realBase = await fs.realpath(base);
    if (real !== realBase && !real.startsWith(realBase + sep)) {
      sendError(res, 403, 'FORBIDDEN', 'path outside the renderer folder');
      return;
    }
    const st = await fs.stat(real);
    if (!st.isFile()) {
      // Directories are never listed.
      sendError(res, 404, 'NOT_FOUND', 'not found');
      return;
    }
    size = st.size;
  } catch {
    sendError(res, 404, 'NOT_FOUND', 'not found');
    return;
  }
  const type = MIME[extname(real).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': size,
    // Hashed vite assets may be cached; index.html must be re-read so that a rebuild is picked up.
    'Cache-Control': real.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(real)
    .on('error', () => res.destroy())
    .pipe(res);
}
