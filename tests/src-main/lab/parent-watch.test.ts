// parent-watch: with EDGELAB_PARENT_PID naming a process that is not (or no longer) its parent, the process sends
// itself SIGTERM once (the CLI turns that into a cancel); with its real parent, or no variable, nothing happens.
import { describe, expect, it } from 'vitest';
import { PARENT_PID_ENV, watchParent } from '../../../src-main/lab/parent-watch';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('parent watch', () => {
  it('SIGTERM to itself once the named parent is not its parent; silent otherwise', async () => {
    let terms = 0;
    const onTerm = () => terms++;
    process.on('SIGTERM', onTerm);
    try {
      watchParent({ [PARENT_PID_ENV]: String(process.ppid) });
      watchParent({});
      watchParent({ [PARENT_PID_ENV]: 'x' });
      await sleep(700);
      expect(terms).toBe(0);
      watchParent({ [PARENT_PID_ENV]: String(process.ppid + 1_000_000) }); // "my parent died": ppid differs
      const t0 = Date.now();
      while (terms === 0 && Date.now() - t0 < 3000) await sleep(20);
      expect(terms).toBe(1);
      await sleep(600);
      expect(terms).toBe(1); // once, not every poll
    } finally {
      process.off('SIGTERM', onTerm);
    }
  });
});
