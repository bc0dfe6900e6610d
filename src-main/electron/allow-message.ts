// The one message the Electron main process sends the engine process besides relayed calls: paths the user picked
// through a native dialog, which the engine's confined path policy allows from then on (while the app runs).
// Only the main process builds it (relay.allowPicked); renderer messages are validated as call/cancel before they are
// relayed, so a renderer can never send one. Electron-free: the relay (main) and the engine process both import it.
import type { PortLike } from '../channel/port';

export const ALLOW_TYPE = 'edgelab:allow';

/** `paths`: absolute paths (files or folders) picked in a native open/save dialog. */
export interface AllowMessage {
  type: typeof ALLOW_TYPE;
  paths: string[];
}

export function isAllowMessage(m: unknown): m is AllowMessage {
  const x = m as Partial<AllowMessage> | null;
  return !!x && typeof x === 'object' && x.type === ALLOW_TYPE && Array.isArray(x.paths) && x.paths.every((p) => typeof p === 'string' && p.length > 0);
}

/** `port` without allow messages: those go to `allow` (one call per path); every other message passes through. */
export function withAllowMessages(port: PortLike, allow: (path: string) => void): PortLike {
  return {
    postMessage: (m) => port.postMessage(m),
    onMessage: (listener) =>
      port.onMessage((m) => {
        if (isAllowMessage(m)) for (const p of m.paths) allow(p);
        else listener(m);
      }),
    onClose: (listener) => port.onClose(listener),
  };
}
