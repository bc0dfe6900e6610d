// A lab step's child process stops when the runner that started it dies (even by SIGKILL, which it cannot catch):
// Node has no parent-death signal, so the child polls its parent pid. On a change (re-parented to init/a subreaper)
// it sends itself SIGTERM once — the CLI treats that as Ctrl-C: cancel, remove temp artefacts, exit 130.
export const PARENT_PID_ENV = 'EDGELAB_PARENT_PID';

/** Poll period, ms: how long an orphaned step may keep running. */
const POLL_MS = 200;

/** Starts the watch when the environment names a parent (called once by the CLI entry). */
export function watchParent(env: NodeJS.ProcessEnv = process.env): void {
  const parent = Number(env[PARENT_PID_ENV]);
  if (!Number.isInteger(parent) || parent <= 0) return;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.kill(process.pid, 'SIGTERM');
  }, POLL_MS);
  timer.unref();
}
