import { describe, expect, it } from 'vitest';
import { guardUnload, jobRunning, type UnloadEventLike } from '../../../src-renderer/jobs/unload-guard';
import { runJob } from '../../../src-renderer/jobs/store';

/** A beforeunload event as the page would receive it; `prevented` = the browser asks before leaving. */
function unload(target: EventTarget): boolean {
  const e = new Event('beforeunload', { cancelable: true }) as Event & UnloadEventLike;
  // A browser's BeforeUnloadEvent has a settable returnValue; Node's Event only a getter.
  Object.defineProperty(e, 'returnValue', { value: undefined, writable: true });
  target.dispatchEvent(e);
  if (e.defaultPrevented) expect(e.returnValue).toBe('');
  return e.defaultPrevented;
}

describe('unload guard', () => {
  it('asks before leaving while a job runs, and not once it ended', async () => {
    const win = new EventTarget();
    const off = guardUnload(win as never);
    expect(unload(win)).toBe(false);
    let finish!: () => void;
    const job = runJob('replay', () => new Promise<void>((r) => (finish = r)));
    expect(jobRunning()).toBe(true);
    expect(unload(win)).toBe(true);
    finish();
    await job;
    expect(jobRunning()).toBe(false);
    expect(unload(win)).toBe(false);
    off();
  });

  it('is removed by the function it returns', () => {
    const win = new EventTarget();
    guardUnload(win as never, () => true)();
    expect(unload(win)).toBe(false);
  });
});
