// Host side of the channel: a `Transport` over a PortLike whose other end runs `serveEngine`.
// Per-call ids, progress routing and cancellation come from src-shared/message-client.ts; this file ties
// it to the port and turns the port closing (worker exit, utility process crash) into rejected calls.
import { createMessageClient } from '../../src-shared/message-client';
import type { Transport } from '../../src-shared/client';
import type { PortLike } from './port';

export interface EngineConnection extends Transport {
  /** True once the engine side is gone; every call then rejects with INTERNAL "engine stopped". */
  readonly closed: boolean;
  /** Calls awaiting a reply. */
  readonly pending: number;
  /** Detaches from the port and rejects pending calls. Does not stop the engine. */
  dispose(): void;
}

export function connectEngine(port: PortLike): EngineConnection {
  const client = createMessageClient((m) => port.postMessage(m));
  const unMessage = port.onMessage((m) => client.receive(m));
  const unClose = port.onClose((reason) => {
    unMessage();
    client.close(reason);
  });
  return {
    call: client.call,
    get closed() {
      return client.closed;
    },
    get pending() {
      return client.pending;
    },
    dispose() {
      unMessage();
      unClose();
      client.close('disconnected');
    },
  };
}
