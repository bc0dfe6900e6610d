// `edgelab serve`: the engine behind a local HTTP server that also serves the React renderer to a browser.
// Binds 127.0.0.1 only. A fresh 32-byte token per start travels in the URL fragment (#token=…), which browsers
// never send in requests, so it never reaches logs; the renderer moves it to sessionStorage (src-renderer/api/host.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EdgeLabApi, EngineInfo } from '../../src-shared/api';
import { EdgeLabError } from '../../src-shared/protocol';
import { handleApi, type ApiContext } from './api-routes';
import { DEFAULT_CONNECTION_LIMITS, serverOptions, trackConnections, type ConnectionLimits } from './connection-limits';
import { startEngineHost } from './engine-host';
import { hostAllowed, isLoopbackHost, newToken } from './guards';
import { sendError, setSecurityHeaders } from './headers';
import { locateOut } from './locate';
import { serveStatic } from './static-files';
import { handleUpload } from './upload-route';

export interface ServerOptions {
  /** TCP port; 0 or absent = any free port. */
  port?: number;
  workspaceDir?: string;
  /** Long jobs the engine runs at once (absent = from cores and free memory, or EDGELAB_MAX_JOBS). */
  maxJobs?: number;
  /** Must be loopback ('127.0.0.1' or 'localhost'); the server always binds 127.0.0.1. */
  host?: string;
  /** 'worker' (default): engine in a worker thread. 'inline': in this thread (tests, debugging). */
  engine?: 'worker' | 'inline';
  /** Inline only: serve this api instead of createEngine's (protocol tests). */
  api?: EdgeLabApi & { dispose?(): Promise<void> };
  /** Folder of the built renderer (default: out/renderer located from the build). */
  rendererDir?: string;
  /** Header/request/idle timeouts and the unauthenticated connection cap (tests use short ones). */
  limits?: Partial<ConnectionLimits>;
}

export interface RunningServer {
  /** http://127.0.0.1:<port>/#token=<token> — open this in a browser. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  if (opts.host !== undefined && !isLoopbackHost(opts.host)) {
    throw new EdgeLabError('BAD_INPUT', `refusing to listen on ${opts.host}: the server binds 127.0.0.1 only`);
  }
  if (opts.port !== undefined && (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)) {
    throw new EdgeLabError('BAD_INPUT', `port must be an integer in 0..65535, got ${opts.port}`);
  }
  const rendererDir = opts.rendererDir ?? locateOut().rendererDir;
  const engine = await startEngineHost({
    mode: opts.api ? 'inline' : (opts.engine ?? 'worker'),
    workspaceDir: opts.workspaceDir,
    maxJobs: opts.maxJobs,
    api: opts.api,
  });
  const limits: ConnectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...opts.limits };
  const info = (await engine.call('getInfo', {})) as EngineInfo;
  const ctx: ApiContext = { token: newToken(), port: 0, engine, calls: new Map(), workspace: info.workspace };

  const server = createServer(serverOptions(limits), (req: IncomingMessage, res: ServerResponse) => {
    setSecurityHeaders(res);
    if (!hostAllowed(req, ctx.port)) {
      req.resume();
      sendError(res, 403, 'FORBIDDEN', 'unexpected Host header');
      return;
    }
    const path = (req.url ?? '/').split(/[?#]/, 1)[0]!;
    const work =
      path === '/api/upload'
        ? handleUpload(req, res, ctx)
        : path === '/api' || path.startsWith('/api/')
          ? handleApi(req, res, path, ctx)
          : serveStatic(req, res, rendererDir);
    work.catch((e) => sendError(res, 500, 'INTERNAL', EdgeLabError.toPayload(e).message));
  });
  // requestTimeout bounds receiving the request only; NDJSON replies of long jobs may still stream for minutes.
  ctx.connections = trackConnections(server, limits);

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await engine.close();
    throw new EdgeLabError('BAD_INPUT', `cannot listen on 127.0.0.1:${opts.port ?? 0}: ${(e as Error).message}`);
  }
  ctx.port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${ctx.port}/#token=${ctx.token}`,
    port: ctx.port,
    token: ctx.token,
    close() {
      closed ??= (async () => {
        for (const c of ctx.calls.values()) c.abort.abort();
        await new Promise<void>((r) => {
          server.close(() => r());
          server.closeAllConnections();
        });
        await engine.close();
      })();
      return closed;
    },
  };
}
