// PortLike adapters for Electron's utility process: the main process's `UtilityProcess` handle and the
// child's `process.parentPort`. Both buffer what arrives before the other side is ready: messages posted to a
// child that has not spawned yet, and messages received before the engine subscribed.
import type { ParentPort, UtilityProcess } from 'electron';
import type { PortLike } from '../channel/port';

/** The main process's view of a forked utility process. */
export function utilityProcessPort(child: UtilityProcess): PortLike {
  let spawned = child.pid !== undefined;
  let exited = false;
  const outbox: unknown[] = [];
  child.once('spawn', () => {
    spawned = true;
    for (const m of outbox.splice(0)) child.postMessage(m);
  });
  child.once('exit', () => {
    exited = true;
    outbox.length = 0;
  });
  return {
    postMessage(m) {
      if (exited) throw new Error('engine process has exited');
      if (spawned) child.postMessage(m);
      else outbox.push(m);
    },
    onMessage(listener) {
      child.on('message', listener);
      return () => child.off('message', listener);
    },
    onClose(listener) {
      const onExit = (code: number) => listener(`engine process exited with code ${code}`);
      child.once('exit', onExit);
      return () => child.off('exit', onExit);
    },
  };
}

/** The utility process's view of its parent. Attach at start-up: messages are queued until `onMessage`. */
export function parentPortLike(parent: ParentPort): PortLike {
  const inbox: unknown[] = [];
  let deliver: ((m: unknown) => void) | null = null;
  parent.on('message', (e: Electron.MessageEvent) => (deliver ? deliver(e.data) : inbox.push(e.data)));
  return {
    postMessage: (m) => parent.postMessage(m),
    onMessage(listener) {
      deliver = listener;
      for (const m of inbox.splice(0)) listener(m);
      return () => {
        if (deliver === listener) deliver = null;
      };
    },
    // The utility process dies with its parent; there is no close event to observe here.
    onClose: () => () => {},
  };
}
