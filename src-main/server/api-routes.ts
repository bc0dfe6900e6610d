// The HTTP face of the engine protocol.
//   POST /api/call/<method>  Authorization: Bearer <token>, Content-Type: application/json, X-Call-Id: <id ≤ 64>
//     body = the method's args. 200 application/x-ndjson: one EngineMessage per line — progress…, then exactly
//     one result or error. Closing the response cancels the call. The reply's X-Cancel-Key header carries a random
//     key only the caller sees: ids are chosen by clients, so a cancel must prove it comes from the call's caller.
//   POST /api/cancel  body { "id": "<X-Call-Id>", "key": "<X-Cancel-Key>" } → 204 (a wrong key cancels nothing).
//     A cancel from before the reply's headers arrived cannot know the key: the caller closes its request instead.
//   POST /api/upload   files from the user's desk into <workspace>/imports/ (routed by server.ts to upload-route.ts).
// Refusals before streaming, as JSON { code, message }: 405 wrong verb, 403 foreign Origin, 401 missing/wrong
// token, 404 unknown method, 415 non-JSON, 413 body > 1 MB, 400 unparsable JSON, 409 id already in flight.
// (Host is checked for every request by server.ts.)
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isMethodName } from '../../src-shared/api';
import type { Transport } from '../../src-shared/client';
import { EdgeLabError, type EngineMessage } from '../../src-shared/protocol';
import { validateArgs } from '../../src-shared/validate';
import type { ConnectionTracker } from './connection-limits';
import { hasToken, originAllowed } from './guards';
import { sendError } from './headers';

export const MAX_BODY_BYTES = 1024 * 1024;
/** After a 401 the socket is destroyed this long after the answer was sent, ms. */
const UNAUTHORIZED_CLOSE_GRACE_MS = 500;
const CALL_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export interface ApiContext {
  token: string;
  port: number;
  engine: Transport;
  /** In-flight calls by X-Call-Id: their abort and the cancel key given to their caller. */
  calls: Map<string, InFlight>;
  /** The server's connection tracker: a request that passes the token check marks its socket authenticated. */
  connections?: ConnectionTracker;
  /** The engine's workspace folder (uploads land in its imports/); absent = uploads refused. */
  workspace?: string;
}

export interface InFlight {
  abort: AbortController;
  /** 16 random bytes, base64url: sent once, in the call's X-Cancel-Key header. */
  key: string;
}

type Body = { ok: true; value: unknown } | { ok: false };

/** Reads and parses a JSON body of at most MAX_BODY_BYTES, answering 415/413/400 itself on failure. */
async function readJson(req: IncomingMessage, res: ServerResponse): Promise<Body> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    sendError(res, 415, 'BAD_INPUT', 'request body must be application/json');
    return { ok: false };
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > MAX_BODY_BYTES) {
    tooLarge(req, res);
    return { ok: false };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge(req, res);
        return { ok: false };
      }
      chunks.push(chunk);
    }
  } catch {
    res.destroy();
    return { ok: false };
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return { ok: true, value: text.trim() === '' ? {} : JSON.parse(text) };
  } catch {
    sendError(res, 400, 'BAD_INPUT', 'request body is not valid JSON');
    return { ok: false };
  }
}

function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  sendError(res, 413, 'BAD_INPUT', `request body larger than ${MAX_BODY_BYTES} bytes`, { Connection: 'close' });
  // Stop reading: the connection closes after the answer.
  req.unpipe();
  res.on('finish', () => req.destroy());
}

/** Common gate of every /api route: verb, Origin, token. Returns false after answering. */
export function gate(req: IncomingMessage, res: ServerResponse, ctx: ApiContext): boolean {
  if (req.method !== 'POST') {
    req.resume();
    sendError(res, 405, 'BAD_INPUT', 'use POST', { Allow: 'POST' });
    return false;
  }
  if (!originAllowed(req, ctx.port)) {
    req.resume();
    sendError(res, 403, 'FORBIDDEN', 'cross-origin request refused');
    return false;
  }
  if (!hasToken(req, ctx.token)) {
    // Answer, then close the socket: an unauthenticated client must not keep it open by dribbling a body
    // (the grace lets the client read the answer before the socket goes).
    req.resume();
    sendError(res, 401, 'UNAUTHORIZED', 'missing or wrong token: open the URL printed by `edgelab serve`', { Connection: 'close' });
    const socket = req.socket;
    res.on('finish', () => setTimeout(() => socket.destroy(), UNAUTHORIZED_CLOSE_GRACE_MS).unref());
    return false;
  }
  ctx.connections?.authenticated(req.socket);
  return true;
}

/** Handles `/api/...`; `path` is the URL path without query. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, ctx: ApiContext): Promise<void> {
  if (path === '/api/cancel') return handleCancel(req, res, ctx);
  const m = /^\/api\/call\/([^/]+)$/.exec(path);
  if (!m) {
    req.resume();
    sendError(res, 404, 'NOT_FOUND', `no such route: ${path.slice(0, 80)}`);
    return;
  }
  if (!gate(req, res, ctx)) return;
  const method = m[1]!;
  if (!isMethodName(method)) {
    req.resume();
    sendError(res, 404, 'NOT_FOUND', `unknown method: ${method.slice(0, 80)}`);
    return;
  }
  const idHeader = req.headers['x-call-id'];
  if (idHeader !== undefined && (typeof idHeader !== 'string' || !CALL_ID.test(idHeader))) {
    req.resume();
    sendError(res, 400, 'BAD_INPUT', 'X-Call-Id must be 1–64 characters of [A-Za-z0-9._:-]');
    return;
  }
  const body = await readJson(req, res);
  if (!body.ok) return;
  const id = idHeader ?? randomBytes(12).toString('base64url');
  if (ctx.calls.has(id)) {
    sendError(res, 409, 'BAD_INPUT', `call id already in flight: ${id}`);
    return;
  }

  const ac = new AbortController();
  const key = randomBytes(16).toString('base64url');
  ctx.calls.set(id, { abort: ac, key });
  let done = false;
  res.on('close', () => {
    // The client went away before the reply: cancel the engine's work.
    if (!done) ac.abort();
  });
  res.writeHead(200, {
    'Content-Type': 'application/x-ndjson; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Call-Id': id,
    'X-Cancel-Key': key,
  });
  res.flushHeaders();
  const line = (msg: EngineMessage) => {
    if (!res.writableEnded && !res.destroyed) res.write(JSON.stringify(msg) + '\n');
  };
  try {
    // Validated here as well as in the engine: nothing malformed crosses into the worker.
    const args = validateArgs(method, body.value);
    const result = await ctx.engine.call(method, args, {
      signal: ac.signal,
      onProgress: (progress) => {
        if (!done) line({ type: 'progress', id, progress });
      },
    });
    done = true;
    line({ type: 'result', id, result });
  } catch (e) {
    done = true;
    line({ type: 'error', id, error: EdgeLabError.toPayload(e) });
  } finally {
    ctx.calls.delete(id);
    if (!res.writableEnded) res.end();
  }
}

async function handleCancel(req: IncomingMessage, res: ServerResponse, ctx: ApiContext): Promise<void> {
  if (!gate(req, res, ctx)) return;
  const body = await readJson(req, res);
  if (!body.ok) return;
  const { id, key } = (body.value ?? {}) as { id?: unknown; key?: unknown };
  if (typeof id !== 'string' || !CALL_ID.test(id) || typeof key !== 'string' || key.length > 64) {
    sendError(res, 400, 'BAD_INPUT', 'body must be { "id": "<X-Call-Id>", "key": "<X-Cancel-Key of the call\'s reply>" }');
    return;
  }
  // Idempotent: cancelling a finished or unknown call is not an error (it may have just completed). A wrong key
  // answers the same, so a cancel reveals nothing about other callers' calls.
  const call = ctx.calls.get(id);
  if (call && sameKey(call.key, key)) call.abort.abort();
  res.writeHead(204, { 'Cache-Control': 'no-store' });
  res.end();
}

function sameKey(want: string, given: string): boolean {
  const a = Buffer.from(want, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
