// The Electron bridge shape (window.edgelab, src-shared/bridge.ts) carried in-process over a real engine, so that
// views calling getApi() reach the engine exactly as in the app: protocol messages, progress, cancel, errors.
import type { EdgeLabApi } from '../../src-shared/api';
import type { EdgeLabBridge } from '../../src-shared/bridge';
import { EdgeLabError, type CallOptions, type EngineMessage } from '../../src-shared/protocol';

export function bridgeOver(engine: EdgeLabApi): EdgeLabBridge {
  const listeners = new Set<(m: EngineMessage) => void>();
  const running = new Map<string, AbortController>();
  const emit = (m: EngineMessage) => listeners.forEach((l) => l(m));
  return {
    send(m) {
      if (m.type === 'cancel') return running.get(m.id)?.abort();
      const ac = new AbortController();
      running.set(m.id, ac);
      const call = (engine as unknown as Record<string, (a: unknown, o: CallOptions) => Promise<unknown>>)[m.method]!;
      call(m.args, { signal: ac.signal, onProgress: (progress) => emit({ type: 'progress', id: m.id, progress }) })
        .then(
          (result) => emit({ type: 'result', id: m.id, result }),
          (e: unknown) => emit({ type: 'error', id: m.id, error: EdgeLabError.toPayload(e) }),
        )
        .finally(() => running.delete(m.id));
    },
    onMessage(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}
