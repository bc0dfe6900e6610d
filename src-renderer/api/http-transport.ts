// Transport over the local server's HTTP API (src-main/server/api-routes.ts): POST /api/call/<method> answered
// by an NDJSON stream of EngineMessages, read incrementally so progress arrives while the job runs.
// Cancel = POST /api/cancel { id, key } with the X-Cancel-Key of the call's reply (sent as soon as the reply's headers
// are in, if the cancel came earlier), then wait (up to `cancelGraceMs`) for the engine's CANCELLED reply — it comes
// after the engine has removed partial artefacts — and abort the request if it does not come.
// Uses only fetch, TextDecoder, ReadableStream and AbortController: runs in browsers and in Node ≥ 20.
import type { MethodName } from '../../src-shared/api';
import type { Transport } from '../../src-shared/client';
import { isEngineMessage } from '../../src-shared/message-client';
import { EdgeLabError, cancelledError, isErrorCode, type CallOptions } from '../../src-shared/protocol';

export interface HttpTransportOptions {
  /** Server origin, e.g. http://127.0.0.1:5123 (a trailing slash is fine). */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** How long a cancelled call waits for the engine's reply before dropping the request, ms. */
  cancelGraceMs?: number;
}

function newCallId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID ? c.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** Turns a non-200 JSON refusal `{ code, message }` into an EdgeLabError. */
async function refusal(res: Response): Promise<EdgeLabError> {
  // Not JSON (e.g. a proxy's page): fall back to the status.
  const body = ((await res.json().catch(() => null)) ?? {}) as { code?: unknown; message?: unknown };
  const code = isErrorCode(body.code) ? body.code : res.status === 401 ? 'UNAUTHORIZED' : 'INTERNAL';
  const message = typeof body.message === 'string' ? body.message : `HTTP ${res.status} ${res.statusText}`.trim();
  return new EdgeLabError(code, message);
}

export function createHttpTransport(opts: HttpTransportOptions): Transport {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => fetch(input, init));
  const grace = opts.cancelGraceMs ?? 5000;
  const headers = (id?: string): Record<string, string> => ({
    Authorization: `Bearer ${opts.token}`,
    'Content-Type': 'application/json',
    ...(id ? { 'X-Call-Id': id } : {}),
  });

  async function call(method: MethodName, args: unknown, options?: CallOptions): Promise<unknown> {
    const signal = options?.signal;
    if (signal?.aborted) throw cancelledError();
    const id = newCallId();
    const ac = new AbortController();
    let cancelled = false;
    /** The reply's X-Cancel-Key (proves to the server that a cancel comes from this caller); null until the headers arrive. */
    let cancelKey: string | null = null;
    let cancelSent = false;
    let graceTimer: ReturnType<typeof setTimeout> | undefined;
    const sendCancel = () => {
      if (cancelSent || cancelKey === null) return;
      cancelSent = true;
      doFetch(`${base}/api/cancel`, { method: 'POST', headers: headers(), body: JSON.stringify({ id, key: cancelKey }) }).catch(() => ac.abort());
    };
    const onAbort = () => {
      cancelled = true;
      sendCancel();
      graceTimer = setTimeout(() => ac.abort(), grace);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    try {
      let res: Response;
      try {
        res = await doFetch(`${base}/api/call/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: headers(id),
          body: JSON.stringify(args ?? {}),
          signal: ac.signal,
        });
      } catch (e) {
        if (cancelled) throw cancelledError();
        throw new EdgeLabError('INTERNAL', `EdgeLab server unreachable: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!res.ok) throw await refusal(res);
      cancelKey = res.headers.get('X-Cancel-Key');
      if (cancelled) {
        // Cancelled before the headers: cancel now, or (a server without keys) close the request, which cancels too.
        if (cancelKey !== null) sendCancel();
        else ac.abort();
      }
      if (!res.body) throw new EdgeLabError('INTERNAL', 'EdgeLab server sent no reply body');
      reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buf = '';
      for (;;) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (e) {
          if (cancelled) throw cancelledError();
          throw new EdgeLabError('INTERNAL', `connection to the EdgeLab server lost: ${e instanceof Error ? e.message : String(e)}`);
        }
        buf += chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true });
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (!line) continue;
          let msg: unknown;
          try {
            msg = JSON.parse(line);
          } catch {
            throw new EdgeLabError('INTERNAL', 'EdgeLab server sent a malformed message');
          }
          if (!isEngineMessage(msg) || msg.id !== id) continue;
          if (msg.type === 'progress') {
            try {
              options?.onProgress?.(msg.progress);
            } catch {
              // A throwing progress listener must not break the call.
            }
          } else if (msg.type === 'result') {
            return msg.result;
          } else {
            throw EdgeLabError.fromPayload(msg.error);
          }
        }
        if (chunk.done) break;
      }
      if (cancelled) throw cancelledError();
      throw new EdgeLabError('INTERNAL', 'EdgeLab server closed the connection before replying');
    } finally {
      clearTimeout(graceTimer);
      signal?.removeEventListener('abort', onAbort);
      reader?.cancel().catch(() => {});
    }
  }

  return { call };
}
