// Transport over Electron's preload bridge (`window.edgelab`, src-shared/bridge.ts). Ids, progress routing
// and cancellation are the shared message client's; the bridge only carries protocol messages.
import type { EdgeLabBridge } from '../../src-shared/bridge';
import type { Transport } from '../../src-shared/client';
import { createMessageClient } from '../../src-shared/message-client';

export function createBridgeTransport(bridge: EdgeLabBridge): Transport {
  const client = createMessageClient((m) => bridge.send(m));
  bridge.onMessage((m) => client.receive(m));
  return { call: client.call };
}
