// Engine side of the channel: receives ClientMessages on a port, validates the method and its arguments
// (src-shared/validate.ts), calls the api with an AbortSignal and a progress sink, and posts exactly one
// ResultMessage or ErrorMessage per call, preceded by any ProgressMessages. A CancelMessage aborts the call's
// signal; the api then throws CANCELLED (after removing its partial artefacts) and that is what gets posted.
import type { EdgeLabApi, MethodName } from '../../src-shared/api';
import { isClientMessage } from '../../src-shared/message-client';
import { EdgeLabError, cancelledError, type EngineMessage } from '../../src-shared/protocol';
import { checkMethod, validateArgs } from '../../src-shared/validate';
import type { PortLike } from './port';

export interface ServedEngine {
  /** Calls in flight. */
  readonly active: number;
  /** Stops listening and aborts every call in flight (their replies are still posted if the port lives). */
  dispose(): void;
}

export function serveEngine(api: EdgeLabApi, port: PortLike): ServedEngine {
  const active = new Map<string, AbortController>();

  const post = (m: EngineMessage) => {
    try {
      port.postMessage(m);
    } catch {
      // The port closed under us: nobody is listening for this reply any more.
    }
  };

  async function run(id: string, methodIn: string, argsIn: unknown): Promise<void> {
    const ac = new AbortController();
    active.set(id, ac);
    let finished = false;
    try {
      const method: MethodName = checkMethod(methodIn);
      const args = validateArgs(method, argsIn);
      const fn = api[method] as (a: unknown, o: object) => Promise<unknown>;
      const result = await fn.call(api, args, {
        signal: ac.signal,
        onProgress: (progress: unknown) => {
          // Progress after the reply would break "progress…, then exactly one result or error".
          if (!finished) post({ type: 'progress', id, progress: toJsonSafe(progress) as never });
        },
      });
      finished = true;
      post({ type: 'result', id, result: toJsonSafe(result) });
    } catch (e) {
      finished = true;
      // An api that reacts to abort with a foreign error (e.g. a DOMException) still reports CANCELLED.
      const payload = ac.signal.aborted && !(e instanceof EdgeLabError) ? cancelledError().toPayload() : EdgeLabError.toPayload(e);
      post({ type: 'error', id, error: payload });
    } finally {
      active.delete(id);
    }
  }

  const unsubscribe = port.onMessage((m) => {
    if (!isClientMessage(m)) return;
    if (m.type === 'cancel') {
      active.get(m.id)?.abort();
      return;
    }
    if (active.has(m.id)) {
      post({ type: 'error', id: m.id, error: { code: 'BAD_INPUT', message: `call id already in use: ${m.id}` } });
      return;
    }
    void run(m.id, m.method, m.args);
  });
  const unClose = port.onClose(() => {
    for (const ac of active.values()) ac.abort();
  });

  return {
    get active() {
      return active.size;
    },
    dispose() {
      unsubscribe();
      unClose();
      for (const ac of active.values()) ac.abort();
    },
  };
}

/**
 * Results must survive structured clone / JSON. The api promises JSON-safe values; this drops what a
 * plain JSON round trip would drop (undefined fields, functions) so that every transport sees the same value.
 * Hand-written round trip rather than a library: JSON.parse(JSON.stringify()) is the definition we want.
 */
function toJsonSafe(v: unknown): unknown {
  return v === undefined ? null : JSON.parse(JSON.stringify(v));
}
