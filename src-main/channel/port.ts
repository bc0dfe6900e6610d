// `PortLike`: the smallest duplex both ends of the engine channel need. Adapters wrap worker_threads
// `Worker` / `MessagePort` here; the Electron `utilityProcess` / `process.parentPort` adapters live in
// src-main/electron/ports.ts (only that folder may import electron). Messages are plain JSON-safe objects
// (structured clone), never class instances.
import type { MessagePort, Worker } from 'node:worker_threads';

export interface PortLike {
  postMessage(message: unknown): void;
  /** Subscribes to incoming messages; returns an unsubscribe function. */
  onMessage(listener: (message: unknown) => void): () => void;
  /** Called once when the other side is gone (exit, crash, port closed), with a one-line reason. */
  onClose(listener: (reason: string) => void): () => void;
}

/** A `Worker` seen from its parent: messages, and close on 'exit' or an uncaught 'error' in the worker. */
export function workerPort(worker: Worker): PortLike {
  return {
    postMessage: (m) => worker.postMessage(m),
    onMessage(listener) {
      worker.on('message', listener);
      return () => worker.off('message', listener);
    },
    onClose(listener) {
      let fired = false;
      let lastError = '';
      const onError = (e: Error) => {
        lastError = e?.message?.split('\n')[0] ?? String(e);
      };
      const onExit = (code: number) => {
        if (fired) return;
        fired = true;
        listener(lastError || `worker exited with code ${code}`);
      };
      worker.on('error', onError);
      worker.on('exit', onExit);
      return () => {
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
    },
  };
}

/** A `MessagePort` (e.g. `parentPort` inside a worker, or one end of a `MessageChannel`). */
export function messagePort(port: MessagePort): PortLike {
  return {
    postMessage: (m) => port.postMessage(m),
    onMessage(listener) {
      port.on('message', listener);
      return () => port.off('message', listener);
    },
    onClose(listener) {
      const onClose = () => listener('port closed');
      port.on('close', onClose);
      return () => port.off('close', onClose);
    },
  };
}
