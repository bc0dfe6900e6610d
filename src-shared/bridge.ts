// What the Electron preload exposes on `window.edgelab` (and nothing else). The renderer's bridge
// transport speaks it; the preload implements it over ipcRenderer. Messages are protocol.ts messages.
import type { ClientMessage, EngineMessage } from './protocol';

export interface EdgeLabBridge {
  /** Sends a call or cancel message to the engine. */
  send(message: ClientMessage): void;
  /** Subscribes to engine messages (progress, result, error); returns an unsubscribe function. */
  onMessage(listener: (message: EngineMessage) => void): () => void;
}
