import { describe, expect, it } from 'vitest';
import { runGraph } from '../../../src-main/pipeline/graph';
import type { CalculatorNode, SourceNode } from '../../../src-main/pipeline/node';
import { packet, type Packet } from '../../../src-main/pipeline/packet';
import { silentJob, type JobContext } from '../../../src-main/jobs/context';
import { EdgeLabError } from '../../../src-shared/protocol';

const tick = () => new Promise((r) => setTimeout(r, 1));

class Counter implements SourceNode<number> {
  name = 'source';
  i = 0;
  opened = 0;
  closed = 0;
  constructor(private n: number, private onNext?: (i: number) => void) {}
  open() {
    this.opened++;
  }
  async next() {
    await tick();
    if (this.i >= this.n) return null;
    this.onNext?.(this.i);
    const i = this.i++;
    return packet(i, i * 40, i);
  }
  close() {
    this.closed++;
  }
}

class Fn implements CalculatorNode<number, number> {
  opened = 0;
  closed = 0;
  seen: [number, string][] = [];
  constructor(public name: string, private f: (x: number) => number[] | Promise<number[]>) {}
  open() {
    this.opened++;
  }
  async process(p: Packet<number>, input: string) {
    this.seen.push([p.payload, input]);
    const out = await this.f(p.payload);
    return out.map((v) => ({ ...p, payload: v }));
  }
  close() {
    this.closed++;
  }
}

describe('runGraph', () => {
  it('runs a linear chain in order', async () => {
    const src = new Counter(20);
    const dbl = new Fn('double', (x) => [x * 2]);
    const sink = new Fn('sink', () => []);
    const stats = await runGraph({ source: src, nodes: [{ node: dbl }, { node: sink }] }, silentJob);
    expect(sink.seen.map((s) => s[0])).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(stats.processed).toEqual({ source: 20, double: 20, sink: 20 });
    expect([src.closed, dbl.closed, sink.closed]).toEqual([1, 1, 1]);
  });

  it('fans out and joins (DAG) in timestamp order', async () => {
    const src = new Counter(6);
    const a = new Fn('a', (x) => [x + 100]);
    const b = new Fn('b', (x) => [x + 200]);
    const join = new Fn('join', () => []);
    await runGraph(
      { source: src, nodes: [{ node: a, inputs: ['source'] }, { node: b, inputs: ['source'] }, { node: join, inputs: ['a', 'b'] }] },
      silentJob,
    );
    expect(join.seen).toHaveLength(12);
    const ts = join.seen.map(([v]) => v % 100);
    for (let i = 1; i < ts.length; i++) expect(ts[i]).toBeGreaterThanOrEqual(ts[i - 1]);
    expect(join.seen.filter(([, from]) => from === 'a').map(([v]) => v)).toEqual([100, 101, 102, 103, 104, 105]);
  });

  it('back-pressure: queues never exceed capacity, the source does not run ahead of a slow consumer', async () => {
    let maxAhead = 0;
    const sink = new Fn('slow', async () => {
      await new Promise((r) => setTimeout(r, 3));
      return [];
    });
    const src = new Counter(30, (i) => (maxAhead = Math.max(maxAhead, i - sink.seen.length)));
    const burst = new Fn('burst', (x) => [x, x, x, x, x]); // 5 outputs per input, capacity 2
    const stats = await runGraph({ source: src, nodes: [{ node: burst }, { node: sink }], capacity: 2 }, silentJob);
    expect(sink.seen).toHaveLength(150);
    for (const e of stats.edges) expect(e.maxDepth).toBeLessThanOrEqual(2);
    expect(stats.edges.find((e) => e.to === 'slow')!.maxDepth).toBe(2);
    // source read-ahead is bounded: capacity 2 + 1 pending + 1 in flight + 1 being processed
    expect(maxAhead).toBeLessThanOrEqual(5);
  });

  it('the first error stops the graph, is rethrown, and every node is closed', async () => {
    const src = new Counter(100);
    const boom = new Fn('boom', (x) => {
      if (x === 7) throw new Error('boom at 7');
      return [x];
    });
    const sink = new Fn('sink', () => []);
    await expect(runGraph({ source: src, nodes: [{ node: boom }, { node: sink }] }, silentJob)).rejects.toThrow('boom at 7');
    expect(sink.seen.length).toBe(7);
    expect(src.i).toBeLessThan(100);
    expect([src.closed, boom.closed, sink.closed]).toEqual([1, 1, 1]);
  });

  it('cancellation throws CANCELLED and closes every node', async () => {
    const ac = new AbortController();
    const ctx: JobContext = { signal: ac.signal, progress: () => {} };
    const src = new Counter(1000);
    const sink = new Fn('sink', (x) => {
      if (x === 10) ac.abort();
      return [];
    });
    const err = await runGraph({ source: src, nodes: [{ node: sink }] }, ctx).catch((e) => e);
    expect(err).toBeInstanceOf(EdgeLabError);
    expect(err.code).toBe('CANCELLED');
    expect(sink.seen.length).toBe(11);
    expect([src.closed, sink.closed]).toEqual([1, 1]);
  });

  it('a failing open closes only the nodes already opened', async () => {
    const src = new Counter(5);
    const a = new Fn('a', (x) => [x]);
    const b = new Fn('b', (x) => [x]);
    b.open = () => {
      throw new Error('cannot open b');
    };
    await expect(runGraph({ source: src, nodes: [{ node: a }, { node: b }] }, silentJob)).rejects.toThrow('cannot open b');
    expect([src.closed, a.closed, b.closed]).toEqual([1, 1, 0]);
  });
});

describe('runGraph: eager nodes and prepare', () => {
  it('an eager node takes frames ahead of a slower node downstream, bounded by the edge capacity', async () => {
    // A source with frames already buffered (like the decode worker's read-ahead): each read resolves at once.
    let i = 0;
    const src: SourceNode<number> = { name: 'source', open() {}, close() {}, next: async () => (i < 20 ? packet(i, i * 40, i++) : null) };
    const ahead: number[] = [];
    const sink = new Fn('sink', () => []);
    const eager = new Fn('eager', (x) => {
      ahead.push(x - sink.seen.length); // frames this node has seen beyond what the sink has
      return [x];
    });
    const slow = new Fn('slow', async (x) => {
      await new Promise((r) => setTimeout(r, 2));
      return [x];
    });
    await runGraph({ source: src, nodes: [{ node: eager, eager: true }, { node: slow }, { node: sink }], capacity: 3 }, silentJob);
    expect(sink.seen.map(([v]) => v)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // Output-first scheduling would keep it at most 1 ahead; eager fills the eager → slow edge (3) and slow's input.
    expect(Math.max(...ahead)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...ahead)).toBeLessThanOrEqual(3 + 1 + 1);
  });

  it("prepare() is awaited before process(); its time is the node's wait, not its busy time", async () => {
    const src = new Counter(5);
    const order: string[] = [];
    const node: CalculatorNode<number, number> = {
      name: 'waiter',
      open() {},
      async prepare(p) {
        await new Promise((r) => setTimeout(r, 20));
        order.push(`prepare ${p.payload}`);
      },
      process(p) {
        order.push(`process ${p.payload}`);
        return [];
      },
      close() {},
    };
    const stats = await runGraph({ source: src, nodes: [{ node }] }, silentJob);
    expect(order).toEqual([0, 1, 2, 3, 4].flatMap((i) => [`prepare ${i}`, `process ${i}`]));
    expect(stats.waitMs.waiter).toBeGreaterThanOrEqual(5 * 19);
    expect(stats.busyMs.waiter).toBeLessThan(stats.waitMs.waiter);
  });
});

describe('runGraph: a waiting prepare() does not hold the other nodes', () => {
  it('upstream nodes keep taking frames while a downstream node waits for its packet', async () => {
    let i = 0;
    const src: SourceNode<number> = { name: 'source', open() {}, close() {}, next: async () => (i < 8 ? packet(i, i * 40, i++) : null) };
    const log: string[] = [];
    let release: (() => void) | null = null;
    const gate = new Promise<void>((r) => (release = r));
    const up = new Fn('up', (x) => {
      log.push(`up ${x}`);
      if (x === 3) release!(); // frame 3 reaching `up` is what lets the waiting node go on
      return [x];
    });
    const waiter: CalculatorNode<number, number> = {
      name: 'waiter',
      open() {},
      prepare: (p) => (p.payload === 0 ? gate : undefined),
      process(p) {
        log.push(`waiter ${p.payload}`);
        return [];
      },
      close() {},
    };
    const stats = await runGraph({ source: src, nodes: [{ node: up, eager: true }, { node: waiter }] }, silentJob);
    // Blocking on frame 0's prepare would deadlock (frame 3 could never reach `up`); frames stay in order.
    expect(log.filter((l) => l.startsWith('waiter'))).toEqual(Array.from({ length: 8 }, (_, k) => `waiter ${k}`));
    expect(log.indexOf('up 3')).toBeLessThan(log.indexOf('waiter 0'));
    expect(stats.waitMs.waiter).toBeGreaterThan(0);
  });
});
