// A small single-threaded graph runner: one source, then calculator nodes in topological order, each edge a
// bounded FIFO (capacity N). Scheduling: eager nodes (GraphNodeSpec) run first, nearest the input first (so frames reach
// a node that starts background work as soon as they are decoded); otherwise the ready node nearest the output runs
// first (so frames leave the graph before new ones enter); the source reads ahead concurrently, one read in flight, and only while its
// out-edges have room (back-pressure). A node whose outputs do not fit keeps them pending and is blocked
// until downstream drains; a node whose ready() says false is not scheduled (its inputs wait); a node whose
// prepare() is waiting for a packet's background work holds that packet while the other nodes keep running (so
// frames are decoded and the next detection started while the tracker waits for this one). Cancellation
// is checked between steps; the first error stops the graph, every opened node is closed (reverse order), then
// the error is rethrown.
import type { JobContext } from '../jobs/context';
import { checkCancelled } from '../jobs/context';
import type { CalculatorNode, SourceNode } from './node';
import type { Packet } from './packet';

export interface GraphNodeSpec {
  node: CalculatorNode<any, any>;
  /** Upstream node names (the source's name included); default: the previous entry (linear chain). */
  inputs?: string[];
  /**
   * Scheduling: an eager node runs as soon as it has an input and room, before the nodes nearer the output. For the
   * chain that starts background work (the replay's detector), so frames reach it ahead of the slower nodes
   * downstream; how far ahead is bounded by the edge capacities.
   */
  eager?: boolean;
}

export interface GraphSpec {
  source: SourceNode<any>;
  nodes: GraphNodeSpec[];
  /** Capacity of every edge queue, packets (≥1). Default 4. */
  capacity?: number;
}

export interface EdgeStats {
  from: string;
  to: string;
  capacity: number;
  /** Largest queue length observed; never above capacity. */
  maxDepth: number;
}

export interface GraphStats {
  edges: EdgeStats[];
  /** Packets consumed per node name (source: packets produced). */
  processed: Record<string, number>;
  /**
   * Wall ms spent inside each node's process() (source: from next() called to its packet ready — it overlaps the
   * other nodes, since the source reads ahead concurrently).
   */
  busyMs: Record<string, number>;
  /** Wall ms each node spent in prepare() (node.ts), waiting for background work its packets needed. */
  waitMs: Record<string, number>;
}

interface Edge extends EdgeStats {
  queue: Packet<unknown>[];
}

/** A packet whose node's prepare() is still running; `done` never rejects (the outcome is recorded). */
interface Preparing {
  p: Packet<unknown>;
  input: string;
  t0: number;
  settled: boolean;
  settledAt: number;
  error: { e: unknown } | null;
  done: Promise<void>;
}

interface Slot {
  name: string;
  ins: Edge[];
  outs: Edge[];
  pending: Packet<unknown>[];
  /** The packet taken in whose prepare() is still running (the node takes no other until it has processed it). */
  preparing: Preparing | null;
}

function push(e: Edge, p: Packet<unknown>): void {
  e.queue.push(p);
  if (e.queue.length > e.maxDepth) e.maxDepth = e.queue.length;
}

/** Moves pending outputs into out-edges while every out-edge has room; true when nothing is left pending. */
function flush(s: Slot): boolean {
  while (s.pending.length && s.outs.every((e) => e.queue.length < e.capacity)) {
    const p = s.pending.shift()!;
    for (const e of s.outs) push(e, p);
  }
  return s.pending.length === 0;
}

export async function runGraph(spec: GraphSpec, ctx: JobContext): Promise<GraphStats> {
  const capacity = Math.max(1, spec.capacity ?? 4);
  const src: Slot = { name: spec.source.name, ins: [], outs: [], pending: [], preparing: null };
  const slots: Slot[] = [];
  const byName = new Map<string, Slot>([[src.name, src]]);
  const edges: Edge[] = [];
  spec.nodes.forEach((n, i) => {
    if (byName.has(n.node.name)) throw new Error(`graph: duplicate node name ${n.node.name}`);
    const inputs = n.inputs ?? [i === 0 ? src.name : spec.nodes[i - 1].node.name];
    const slot: Slot = { name: n.node.name, ins: [], outs: [], pending: [], preparing: null };
    for (const from of inputs) {
      const up = byName.get(from);
      if (!up) throw new Error(`graph: ${n.node.name} reads ${from}, which is not an earlier node`);
      const e: Edge = { from, to: slot.name, capacity, maxDepth: 0, queue: [] };
      up.outs.push(e);
      slot.ins.push(e);
      edges.push(e);
    }
    byName.set(slot.name, slot);
    slots.push(slot);
  });
  const processed: Record<string, number> = { [src.name]: 0 };
  for (const s of slots) processed[s.name] = 0;
  const busyMs: Record<string, number> = Object.fromEntries(Object.keys(processed).map((k) => [k, 0]));
  const waitMs: Record<string, number> = Object.fromEntries(Object.keys(processed).map((k) => [k, 0]));
  // Scan order: eager nodes from the input side, then the others from the output side.
  const order = [
    ...slots.map((_, i) => i).filter((i) => spec.nodes[i].eager),
    ...slots.map((_, i) => i).filter((i) => !spec.nodes[i].eager).reverse(),
  ];

  const opened: { close(): Promise<void> | void }[] = [];
  let inflight: Promise<void> | null = null;
  let readDone: { p: Packet<unknown> | null } | null = null;
  let readErr: { e: unknown } | null = null;
  let exhausted = false;
  let firstError: { e: unknown } | null = null;

  const startRead = () => {
    const t0 = performance.now();
    inflight = spec.source.next().then(
      (p) => {
        busyMs[src.name] += performance.now() - t0;
        readDone = { p };
      },
      (e) => void (readErr = { e }),
    );
  };
  const collectRead = () => {
    if (readErr) throw readErr.e;
    if (!readDone) return;
    const { p } = readDone;
    readDone = null;
    inflight = null;
    if (p === null) exhausted = true;
    else {
      src.pending.push(p);
      processed[src.name]++;
    }
  };
  const srcHasRoom = () => src.pending.length === 0 && src.outs.every((e) => e.queue.length < e.capacity);

  try {
    await spec.source.open(ctx);
    opened.push(spec.source);
    for (const n of spec.nodes) {
      await n.node.open(ctx);
      opened.push(n.node);
    }
    for (;;) {
      checkCancelled(ctx);
      collectRead();
      for (let i = slots.length - 1; i >= 0; i--) flush(slots[i]);
      flush(src);
      if (!exhausted && !inflight && srcHasRoom()) startRead();
      // First ready node in scan order: inputs waiting, nothing pending, room in every out-edge, not holding back.
      // A node whose prepare() is still waiting is skipped (the others keep running); it runs process() once settled.
      let ran = false;
      for (const i of order) {
        const s = slots[i];
        const node = spec.nodes[i].node;
        let p: Packet<unknown>;
        let input: string;
        if (s.preparing) {
          const prep = s.preparing;
          if (!prep.settled) continue;
          s.preparing = null;
          if (prep.error) throw prep.error.e;
          waitMs[s.name] += prep.settledAt - prep.t0;
          ({ p, input } = prep);
        } else {
          if (s.pending.length || !s.outs.every((e) => e.queue.length < e.capacity)) continue;
          if (node.ready?.() === false) continue;
          let from: Edge | null = null;
          for (const e of s.ins) if (e.queue.length && (!from || e.queue[0].timestampMs < from.queue[0].timestampMs)) from = e;
          if (!from) continue;
          p = from.queue.shift()!;
          input = from.from;
          processed[s.name]++;
          const t0 = performance.now();
          const waiting = node.prepare?.(p, input);
          if (waiting) {
            const prep: Preparing = { p, input, t0, settled: false, settledAt: 0, error: null, done: Promise.resolve() };
            prep.done = Promise.resolve(waiting).then(
              () => void Object.assign(prep, { settled: true, settledAt: performance.now() }),
              (e) => void Object.assign(prep, { settled: true, settledAt: performance.now(), error: { e } }),
            );
            s.preparing = prep;
            ran = true;
            break;
          }
        }
        const t0 = performance.now();
        const out = await node.process(p, input);
        busyMs[s.name] += performance.now() - t0;
        s.pending.push(...out);
        flush(s);
        ran = true;
        break;
      }
      if (ran) continue;
      // Nothing can run: wait for the source's read or a node's prepare(), whichever comes first.
      const waits = slots.filter((s) => s.preparing && !s.preparing.settled).map((s) => s.preparing!.done);
      if (inflight) waits.push(inflight);
      if (waits.length) {
        await Promise.race(waits);
        continue;
      }
      const idle = slots.every((s) => s.pending.length === 0 && !s.preparing) && edges.every((e) => e.queue.length === 0);
      if (exhausted && idle && src.pending.length === 0) break;
      if (!exhausted && srcHasRoom()) continue;
      throw new Error('graph: stalled (a node output cannot be delivered)');
    }
  } catch (e) {
    firstError = { e };
  } finally {
    if (inflight) await inflight;
    for (const s of slots) if (s.preparing) await s.preparing.done;
    for (const n of opened.reverse()) {
      try {
        await n.close();
      } catch (e) {
        if (!firstError) firstError = { e };
      }
    }
  }
  if (firstError) throw firstError.e;
  return { edges: edges.map(({ queue: _q, ...s }) => s), processed, busyMs, waitMs };
}
