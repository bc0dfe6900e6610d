// Client side of the message protocol (protocol.ts) over any duplex of JSON-safe messages: per-call ids,
// progress routing, cancellation (signal → CancelMessage) and "engine stopped" when the link dies.
// Shared by the engine channel (worker_threads / utilityProcess ports) and the renderer's Electron bridge.
// Invariants: every call settles exactly once; after `close()` every pending and later call rejects
// with INTERNAL "engine stopped"; the outcome of a cancelled call is the engine's reply (normally CANCELLED),
// so a caller never sees CANCELLED while the engine may still be writing an artefact.
import type { MethodName } from './api';
import type { Transport } from './client';
import {
  EdgeLabError,
  cancelledError,
  isErrorCode,
  type CallOptions,
  type ClientMessage,
  type EngineMessage,
} from './protocol';

export interface MessageClient extends Transport {
  /** Feeds one message received from the engine. Unknown or malformed messages are ignored. */
  receive(message: unknown): void;
  /** The link is gone: rejects pending calls (and every later call). */
  close(reason?: string): void;
  readonly closed: boolean;
  /** Number of calls awaiting a result. */
  readonly pending: number;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: unknown): void;
  onProgress?: CallOptions['onProgress'];
  unlink(): void;
}

let clientSeq = 0;

/** `send` posts one message to the engine; `idPrefix` keeps ids unique when several clients share an engine. */
export function createMessageClient(send: (m: ClientMessage) => void, idPrefix?: string): MessageClient {
  const prefix = idPrefix ?? `c${(clientSeq++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const pending = new Map<string, Pending>();
  let seq = 0;
  let closedReason: string | null = null;

  const stopped = () =>
    new EdgeLabError('INTERNAL', closedReason ? `engine stopped: ${closedReason}` : 'engine stopped');

  function settle(id: string): Pending | undefined {
    const p = pending.get(id);
    if (!p) return undefined;
    pending.delete(id);
    p.unlink();
    return p;
  }

  return {
    get closed() {
      return closedReason !== null;
    },
    get pending() {
      return pending.size;
    },
    call(method: MethodName, args: unknown, options?: CallOptions): Promise<unknown> {
      if (closedReason !== null) return Promise.reject(stopped());
      if (options?.signal?.aborted) return Promise.reject(cancelledError());
      const id = `${prefix}-${(seq++).toString(36)}`;
      return new Promise((resolve, reject) => {
        const signal = options?.signal;
        const onAbort = () => {
          if (!pending.has(id) || closedReason !== null) return;
          try {
            send({ type: 'cancel', id });
          } catch {
            // The link broke while cancelling: the call cannot complete any more.
            settle(id)?.reject(cancelledError());
          }
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        pending.set(id, {
          resolve,
          reject,
          onProgress: options?.onProgress,
          unlink: () => signal?.removeEventListener('abort', onAbort),
        });
        try {
          send({ type: 'call', id, method, args });
        } catch (e) {
          settle(id)?.reject(new EdgeLabError('INTERNAL', `engine unreachable: ${e instanceof Error ? e.message : String(e)}`));
        }
      });
    },
    receive(message: unknown): void {
      if (!isEngineMessage(message)) return;
      if (message.type === 'progress') {
        const p = pending.get(message.id);
        if (p?.onProgress) {
          try {
            p.onProgress(message.progress);
          } catch {
            // A throwing progress listener must not break the call.
          }
        }
        return;
      }
      const p = settle(message.id);
      if (!p) return;
      if (message.type === 'result') p.resolve(message.result);
      else p.reject(EdgeLabError.fromPayload(message.error));
    },
    close(reason?: string): void {
      if (closedReason !== null) return;
      closedReason = reason ?? '';
      const err = stopped();
      for (const id of [...pending.keys()]) settle(id)?.reject(err);
    },
  };
}

/** Shape check for messages arriving from an engine (they cross a process or network boundary). */
export function isEngineMessage(m: unknown): m is EngineMessage {
  if (!m || typeof m !== 'object') return false;
  const x = m as Record<string, unknown>;
  if (typeof x.id !== 'string') return false;
  switch (x.type) {
    case 'progress':
      return !!x.progress && typeof x.progress === 'object' && typeof (x.progress as { stage?: unknown }).stage === 'string';
    case 'result':
      return 'result' in x;
    case 'error': {
      const e = x.error as { code?: unknown; message?: unknown } | undefined;
      return !!e && typeof e === 'object' && isErrorCode(e.code) && typeof e.message === 'string';
    }
    default:
      return false;
  }
}

/** Shape check for messages arriving from a client. Ids are bounded (≤ 200 chars) to keep maps small. */
export function isClientMessage(m: unknown): m is ClientMessage {
  if (!m || typeof m !== 'object') return false;
  const x = m as Record<string, unknown>;
  if (typeof x.id !== 'string' || x.id.length === 0 || x.id.length > 200) return false;
  if (x.type === 'cancel') return true;
  return x.type === 'call' && typeof x.method === 'string';
}
