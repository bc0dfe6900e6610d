// The engine's job queue: the bound holds, waiters hear their place, a cancelled waiter never starts, slots are
// released on failure, idle fires after a burst; and the real engine queues real long calls (two replays,
// maxJobs 1) while short calls pass. Ordering is driven by hand-resolved promises, never by timers.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src-main/create-engine';
import type { JobContext } from '../../../src-main/jobs/context';
import { JobQueue, defaultJobLimit } from '../../../src-main/jobs/queue';
import type { Progress } from '../../../src-shared/protocol';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
}

function recorder(signal?: AbortSignal): JobContext & { seen: Progress[] } {
  const seen: Progress[] = [];
  return { signal, seen, progress: (p) => seen.push(p) };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('JobQueue', () => {
  it('runs at most `limit` jobs; the others wait in order and hear their place', async () => {
    const q = new JobQueue(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const ctxs = gates.map(() => recorder());
    let live = 0;
    let maxLive = 0;
    const order: number[] = [];
    const runs = gates.map((g, i) =>
      q.run(ctxs[i]!, async () => {
        live++;
        maxLive = Math.max(maxLive, live);
        order.push(i);
        await g.promise;
        live--;
        return i;
      }),
    );
    await tick();
    expect(q.stats()).toMatchObject({ limit: 2, running: 2, waiting: 2, queuedMax: 2 });
    expect(ctxs[3]!.seen.at(-1)).toMatchObject({ stage: 'queued', queue: { position: 2, waiting: 2, running: 2, limit: 2 } });
    gates[0]!.resolve();
    await tick();
    expect(ctxs[3]!.seen.at(-1)).toMatchObject({ stage: 'queued', queue: { position: 1 } });
    expect(ctxs[2]!.seen.at(-1)).toMatchObject({ stage: 'started', milestone: true, queue: { position: 0 } });
    expect(ctxs[2]!.seen.at(-1)!.queue!.waitedMs).toBeGreaterThanOrEqual(0);
    for (const g of gates) g.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(order).toEqual([0, 1, 2, 3]);
    expect(maxLive).toBe(2);
    // A job that never waited hears nothing from the queue.
    expect(ctxs[0]!.seen).toEqual([]);
    expect(q.stats()).toMatchObject({ running: 0, waiting: 0, started: 4 });
  });

  it('a job cancelled while waiting never starts and rejects with CANCELLED; the one behind moves up', async () => {
    const q = new JobQueue(1);
    const first = deferred();
    const ac = new AbortController();
    let cancelledStarted = false;
    const a = q.run(recorder(), () => first.promise);
    const b = q.run(recorder(ac.signal), async () => {
      cancelledStarted = true;
    });
    const cCtx = recorder();
    const c = q.run(cCtx, async () => 'c');
    await tick();
    expect(cCtx.seen.at(-1)?.queue?.position).toBe(2);
    ac.abort();
    await expect(b).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(cCtx.seen.at(-1)?.queue?.position).toBe(1);
    first.resolve();
    await a;
    expect(await c).toBe('c');
    expect(cancelledStarted).toBe(false);
  });

  it('releases the slot when a job throws, and calls idle listeners once the burst is over', async () => {
    const q = new JobQueue(1);
    let idle = 0;
    q.onIdle(() => idle++);
    const failing = q.run(recorder(), async () => {
      throw new Error('boom');
    });
    const next = q.run(recorder(), async () => 'next');
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('next');
    expect(idle).toBe(1);
    expect(q.stats()).toMatchObject({ running: 0, waiting: 0 });
  });

  it('derives the bound from cores and memory, overridable by EDGELAB_MAX_JOBS', () => {
    expect(defaultJobLimit({ EDGELAB_MAX_JOBS: '3' })).toBe(3);
    expect(defaultJobLimit({ EDGELAB_MAX_JOBS: 'x' })).toBeGreaterThanOrEqual(1);
    expect(() => new JobQueue(0)).toThrow(RangeError);
  });
});

describe('the engine queues long calls', () => {
  let dir: string;
  let engine: Engine;
  beforeAll(async () => {
    dir = await fs.realpath(await fs.mkdtemp(join(tmpdir(), 'edgelab-queue-')));
    engine = await createEngine({ workspaceDir: join(dir, 'ws'), host: 'test', maxJobs: 1 });
  });
  afterAll(async () => {
    await engine.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('two replays with maxJobs 1: the second waits (stage queued), both finish; a short call does not wait', { timeout: 120_000 }, async () => {
    const stages: string[][] = [[], []];
    const replays = [0, 1].map((i) =>
      engine.replay({ model: 'blazeface-front', clip: 'cup', frames: 3, thumbnailSize: 0 }, { onProgress: (p) => stages[i]!.push(p.stage) }),
    );
    await tick();
    expect(engine.jobs.stats()).toMatchObject({ running: 1, waiting: 1 });
    // listRuns is not a long method: it answers while a replay runs and another waits.
    await engine.listRuns({});
    expect(engine.jobs.stats().waiting).toBe(1);
    const runs = await Promise.all(replays);
    expect(runs.map((r) => r.frames)).toEqual([3, 3]);
    expect(stages[0]).not.toContain('queued');
    expect(stages[1]!.slice(0, 2)).toEqual(['queued', 'started']);
    expect(engine.jobs.stats()).toMatchObject({ running: 0, waiting: 0, queuedMax: 1, started: 2 });
  });
});
