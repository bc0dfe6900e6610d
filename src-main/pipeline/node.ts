// Calculator nodes (MediaPipe's CalculatorBase: Open / Process / Close). The graph runner calls open once
// before any packet, process once per input packet, and close exactly once for every node it opened,
// whether the run succeeded, failed or was cancelled.
import type { JobContext } from '../jobs/context';
import type { Packet } from './packet';

export interface CalculatorNode<I = unknown, O = unknown> {
  readonly name: string;
  open(ctx: JobContext): Promise<void> | void;
  /** Zero or more output packets per input; `input` names the upstream node it came from. */
  process(packet: Packet<I>, input: string): Promise<Packet<O>[]> | Packet<O>[];
  close(): Promise<void> | void;
  /**
   * Optional flow control: false holds the node's input packets (it is not scheduled) until it turns true again,
   * which a node further down must bring about (e.g. the cadence node waits for detect to report a latency).
   */
  ready?(): boolean;
  /**
   * Optional: awaited before process() for each packet, e.g. a result computed in the background that the packet
   * must carry first (return nothing when there is nothing to wait for). Meanwhile the graph runs the other nodes;
   * this one takes no other packet. Its wall time counts as the node's wait (GraphStats.waitMs), not as busy time.
   */
  prepare?(packet: Packet<I>, input: string): Promise<void> | void;
}

/** A node without inputs that produces packets until it returns null (end of stream). */
export interface SourceNode<O = unknown> {
  readonly name: string;
  open(ctx: JobContext): Promise<void> | void;
  next(): Promise<Packet<O> | null>;
  close(): Promise<void> | void;
}
