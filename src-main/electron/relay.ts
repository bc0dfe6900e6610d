// The main process's relay between renderer windows (ipcMain) and the engine utility process. Every renderer
// message is validated (message shape, method name, argument schema) before it reaches the engine; ids are
// namespaced per sender (`<webContentsId>:<id>`) so windows cannot see or cancel each other's calls.
// Electron-free on purpose: main.ts wires it to ipcMain, tests drive it over a real MessageChannel.
import { isClientMessage, isEngineMessage } from '../../src-shared/message-client';
import { EdgeLabError, type EngineMessage } from '../../src-shared/protocol';
import { checkMethod, validateArgs } from '../../src-shared/validate';
import type { PortLike } from '../channel/port';
import { ALLOW_TYPE, type AllowMessage } from './allow-message';

export interface Relay {
  /** A message from renderer `sender`; `reply` delivers engine messages back to that renderer. */
  fromRenderer(sender: number, message: unknown, reply: (m: EngineMessage) => void): void;
  /**
   * Paths the user picked through a native dialog (main process only, never from a renderer message): the engine's
   * confined policy allows them from now on, for as long as the app runs (re-sent to an engine started again).
   */
  allowPicked(paths: string[]): void;
  /** The renderer is gone: cancel its calls in flight. */
  dropSender(sender: number): void;
  /** Calls in flight. */
  readonly pending: number;
  dispose(): void;
}

interface Route {
  sender: number;
  id: string;
  reply: (m: EngineMessage) => void;
}

/** `startEngine` is called on the first call and again after the engine process died. */
export function createRelay(startEngine: () => PortLike): Relay {
  const routes = new Map<string, Route>();
  const picked = new Set<string>();
  const allowMessage = (paths: string[]): AllowMessage => ({ type: ALLOW_TYPE, paths });
  let port: PortLike | null = null;
  let unsubscribe: (() => void)[] = [];

  const attach = (): PortLike => {
    if (port) return port;
    const p = startEngine();
    unsubscribe = [
      p.onMessage((m) => {
        if (!isEngineMessage(m)) return;
        const route = routes.get(m.id);
        if (!route) return;
        if (m.type !== 'progress') routes.delete(m.id);
        route.reply({ ...m, id: route.id });
      }),
      p.onClose((reason) => {
        for (const f of unsubscribe) f();
        unsubscribe = [];
        port = null;
        const error = new EdgeLabError('INTERNAL', `engine stopped: ${reason}`).toPayload();
        for (const [key, r] of [...routes]) {
          routes.delete(key);
          r.reply({ type: 'error', id: r.id, error });
        }
      }),
    ];
    port = p;
    if (picked.size) p.postMessage(allowMessage([...picked]));
    return p;
  };

  return {
    fromRenderer(sender, message, reply) {
      if (!isClientMessage(message)) return;
      const key = `${sender}:${message.id}`;
      if (message.type === 'cancel') {
        if (routes.has(key)) port?.postMessage({ type: 'cancel', id: key });
        return;
      }
      const fail = (e: unknown) => reply({ type: 'error', id: message.id, error: EdgeLabError.toPayload(e) });
      if (routes.has(key)) return fail(new EdgeLabError('BAD_INPUT', `call id already in use: ${message.id}`));
      let args: unknown;
      let method: string;
      try {
        const m = checkMethod(message.method);
        method = m;
        args = validateArgs(m, message.args);
      } catch (e) {
        return fail(e);
      }
      routes.set(key, { sender, id: message.id, reply });
      try {
        attach().postMessage({ type: 'call', id: key, method, args });
      } catch (e) {
        routes.delete(key);
        fail(new EdgeLabError('INTERNAL', `engine unreachable: ${e instanceof Error ? e.message : String(e)}`));
      }
    },
    allowPicked(paths) {
      const fresh = paths.filter((p) => typeof p === 'string' && p.length > 0 && !picked.has(p));
      for (const p of fresh) picked.add(p);
      if (fresh.length) port?.postMessage(allowMessage(fresh));
    },
    dropSender(sender) {
      for (const [key, r] of routes) if (r.sender === sender) port?.postMessage({ type: 'cancel', id: key });
      for (const [key, r] of [...routes]) if (r.sender === sender) routes.delete(key);
    },
    get pending() {
      return routes.size;
    },
    dispose() {
      for (const f of unsubscribe) f();
      unsubscribe = [];
      routes.clear();
      port = null;
    },
  };
}
