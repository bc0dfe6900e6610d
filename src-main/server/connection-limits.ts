// Connection limits of the local server: how long a client may take to send its headers and its whole request,
// how long an unauthenticated connection may sit idle, and how many unauthenticated connections may be open at
// once. A connection becomes authenticated when one of its requests passes the token check (api-routes.ts `gate`);
// from then on it is a token holder's and may stay quiet while a long call streams (a queued job says nothing for
// minutes). Every timeout closes the SOCKET, not only the request.
// Invariant: with the defaults, an unauthenticated connection that stalls (slow headers, slow body, nothing sent)
// is closed within headersTimeoutMs / requestTimeoutMs / idleTimeoutMs + checkIntervalMs ≤ 30 s.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  /** Time to receive the request line and headers, ms. */
  headersTimeoutMs: number;
  /** Time to receive the whole request (headers + body), ms; ≥ headersTimeoutMs. Does not bound the response. */
  requestTimeoutMs: number;
  /** An unauthenticated socket with no traffic for this long is destroyed, ms. */
  idleTimeoutMs: number;
  /** Unauthenticated connections open at once; a connection beyond this is destroyed on arrival. */
  maxUnauthenticated: number;
  /** How often Node checks the header/request deadlines, ms (Node's default, 30 s, would double the delay). */
  checkIntervalMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 20_000,
  idleTimeoutMs: 20_000,
  // A browser opens ≤ 6 connections per host; the UI's static files come over those.
  maxUnauthenticated: 32,
  checkIntervalMs: 1_000,
};

export interface ConnectionTracker {
  /** Marks the request's socket as a token holder's: no idle timeout, no longer counted. */
  authenticated(socket: Socket): void;
  /** Unauthenticated connections open now. */
  readonly unauthenticated: number;
}

/** `createServer` options carrying the deadlines (the check interval can only be set here). */
export function serverOptions(l: ConnectionLimits) {
  return {
    headersTimeout: l.headersTimeoutMs,
    requestTimeout: Math.max(l.requestTimeoutMs, l.headersTimeoutMs),
    connectionsCheckingInterval: l.checkIntervalMs,
  };
}

/** Applies the idle timeout and the unauthenticated cap to `server`'s connections. */
export function trackConnections(server: Server, l: ConnectionLimits): ConnectionTracker {
  const open = new Set<Socket>();
  // Node's own socket timeout: on expiry with no 'timeout' listener on the request/response/server, the socket is destroyed.
  server.timeout = l.idleTimeoutMs;
  // Between two requests on a kept-alive connection Node uses keepAliveTimeout instead (default 5 s).
  server.keepAliveTimeout = Math.min(server.keepAliveTimeout, l.idleTimeoutMs);
  server.on('connection', (socket: Socket) => {
    if (open.size >= l.maxUnauthenticated) {
      socket.destroy();
      return;
    }
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  return {
    authenticated(socket) {
      if (!open.delete(socket)) return;
      socket.setTimeout(0);
    },
    get unauthenticated() {
      return open.size;
    },
  };
}
