// How the CLI answers SIGINT / SIGTERM while a command runs. The first signal asks the command to stop (cancel
// the job, close the server) and starts a grace timer; a second signal, or the grace running out, ends the process at
// once — a cancellation that waits on a stuck read or a hung child must not keep the process alive
// (`timeout 60 edgelab …` sends one SIGTERM and expects the command gone). After the first signal our listeners
// are removed, so a later SIGINT/SIGTERM takes the default action (immediate termination) even while the
// event loop is blocked and no JavaScript handler could run. The shell then reports 128 + the signal number
// (130 for SIGINT, 143 for SIGTERM).

/** Time the command gets to stop cleanly after the first signal, ms. */
export const SIGNAL_GRACE_MS = 5_000;

/** Calls `onFirst` on the first SIGINT/SIGTERM; terminates by that signal on a second one or SIGNAL_GRACE_MS later. Returns a remover. */
export function onStopSignal(onFirst: (signal: NodeJS.Signals) => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    remove();
    const timer = setTimeout(() => {
      process.stderr.write(`edgelab: still stopping ${SIGNAL_GRACE_MS / 1000} s after ${signal}; exiting now\n`, () => {
        // Not process.exit: at exit Node joins libuv's file-system threads, and one blocked in a read (a FIFO, a
        // hung network mount) never returns. Our listeners are gone, so re-raising the signal terminates at once.
        process.kill(process.pid, signal);
      });
    }, SIGNAL_GRACE_MS);
    timer.unref(); // a command that finishes in time exits by itself
    onFirst(signal);
  };
  const remove = () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return remove;
}
