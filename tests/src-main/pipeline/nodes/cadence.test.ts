// The cadence node decides, per frame, what the old per-node clocks decided: for every-N, a simulated device latency
// and real-time with measured latencies, its start/delivery decisions on the clip's clock equal stepClock's
// (pipeline/cadence.ts) — also when it runs ahead of detect (fixed latency), and inside the real graph runner with
// a detect-like node reporting measured latencies. With a measured latency it is not ready() until detect reported.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DetectorClock, stepClock, type Cadence } from '../../../../src-main/pipeline/cadence';
import { CadenceNode } from '../../../../src-main/pipeline/nodes/cadence';
import type { FrameState } from '../../../../src-main/pipeline/frame';
import { runGraph } from '../../../../src-main/pipeline/graph';
import type { CalculatorNode, SourceNode } from '../../../../src-main/pipeline/node';
import { packet, type Packet } from '../../../../src-main/pipeline/packet';
import { silentJob } from '../../../../src-main/jobs/context';

type Step = { start: boolean; deliveredFrom: number | null };

function framePacket(i: number, ptsMs: number): Packet<FrameState> {
  const frame = { index: i, ptsMs, ptsSource: 'fps' as const, width: 1, height: 1, rgb: new Uint8Array(3) };
  return packet(i, ptsMs, { frame, runDetector: false, timings: { decodeMs: 0, preprocessMs: 0, inferenceMs: 0, postprocessMs: 0 } });
}

/** The old behaviour: stepClock over the frames, the k-th start taking latencies[k]. */
function reference(cadence: Cadence, pts: number[], latencies: (k: number) => number): Step[] {
  const clock = new DetectorClock(cadence);
  let k = 0;
  return pts.map((t, i) => {
    const step = stepClock(clock, i, t, latencies(k)); // the latency is used only if the frame starts
    if (step.start) k++;
    return step;
  });
}

/** The node's decisions as one step per frame; detect's report (`finished`) comes `lag` frames later at most. */
function decide(node: CadenceNode, pts: number[], measured: (k: number) => number, lag: number): Step[] {
  const out: Step[] = [];
  const waiting: number[] = [];
  let k = 0;
  const report = () => {
    const i = waiting.shift()!;
    if (node.finished(i, measured(k++))) out[i].deliveredFrom = i;
  };
  pts.forEach((t, i) => {
    while (!node.ready()) report();
    const [p] = node.process(framePacket(i, t));
    out.push({ start: p.payload.runDetector, deliveredFrom: p.payload.deliverFrom ?? null });
    if (p.payload.runDetector) waiting.push(i);
    while (waiting.length > lag) report();
  });
  while (waiting.length) report();
  return out;
}

const at30 = (n: number) => Array.from({ length: n }, (_, i) => (i * 1000) / 30);

describe('CadenceNode', () => {
  it('every N without latency: starts and delivers on frames 0, N, 2N…, whatever detect measures', () => {
    const s = decide(new CadenceNode({ cadence: { mode: 'every', every: 3 } }), at30(10), () => 55, 0);
    expect(s.flatMap((f, i) => (f.start ? [i] : []))).toEqual([0, 3, 6, 9]);
    expect(s.map((f) => f.deliveredFrom)).toEqual([0, null, null, 3, null, null, 6, null, null, 9]);
    expect(s).toEqual(reference({ mode: 'every', every: 3 }, at30(10), () => 0));
  });

  it('property: every-N and simulated device latency equal stepClock, even with detect lagging behind', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'every' | 'realtime'>('every', 'realtime'),
        fc.integer({ min: 1, max: 5 }),
        fc.option(fc.double({ min: 0, max: 500, noNaN: true }), { nil: undefined }),
        fc.array(fc.double({ min: 1, max: 80, noNaN: true }), { minLength: 2, maxLength: 60 }),
        fc.integer({ min: 0, max: 4 }),
        (mode, every, latencyMs, gaps, lag) => {
          if (mode === 'realtime' && latencyMs === undefined) return; // measured: the next property
          const cadence: Cadence = mode === 'every' ? { mode, every } : { mode };
          const pts = gaps.map((_, i) => gaps.slice(0, i).reduce((a, b) => a + b, 0));
          const want = reference(cadence, pts, () => latencyMs ?? 0);
          expect(decide(new CadenceNode({ cadence, latencyMs }), pts, () => 999, lag)).toEqual(want);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it('property: real-time with measured latencies equals stepClock given the same latencies', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 300, noNaN: true }), { minLength: 60, maxLength: 60 }), (lat) => {
        const pts = at30(60);
        const want = reference({ mode: 'realtime' }, pts, (k) => lat[k]);
        expect(decide(new CadenceNode({ cadence: { mode: 'realtime' } }), pts, (k) => lat[k], 0)).toEqual(want);
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  it('measured latency: not ready until detect reports, and a frame before that is refused', () => {
    const node = new CadenceNode({ cadence: { mode: 'realtime' } });
    expect(node.process(framePacket(0, 0))[0].payload.runDetector).toBe(true);
    expect(node.ready()).toBe(false);
    expect(() => node.process(framePacket(1, 33))).toThrow(/before detect finished frame 0/);
    expect(node.finished(0, 50)).toBe(false);
    expect(node.ready()).toBe(true);
    expect(() => node.finished(0, 50)).toThrow(/did not start/);
  });

  it('in the graph runner, a detect-like node reporting measured latencies gets the stepClock schedule', async () => {
    const pts = at30(40);
    const lat = (k: number) => [70, 10, 140, 0, 33.3][k % 5];
    class Frames implements SourceNode<FrameState> {
      name = 'decode';
      private i = 0;
      open() {}
      async next() {
        await new Promise((r) => setTimeout(r, 0));
        return this.i < pts.length ? framePacket(this.i, pts[this.i++]) : null;
      }
      close() {}
    }
    const cadence = new CadenceNode({ cadence: { mode: 'realtime' } });
    const seen: Step[] = [];
    let k = 0;
    let inflight: number | null = null;
    const detect: CalculatorNode<FrameState, FrameState> = {
      name: 'detect',
      open() {},
      process(p) {
        const s = p.payload;
        const step: Step = { start: s.runDetector, deliveredFrom: s.deliverFrom ?? null };
        if (step.deliveredFrom !== null) inflight = null;
        if (s.runDetector) {
          expect(inflight).toBeNull();
          inflight = p.frameIndex;
          if (cadence.finished(p.frameIndex, lat(k++))) (step.deliveredFrom = p.frameIndex), (inflight = null);
        }
        seen.push(step);
        return [p];
      },
      close() {},
    };
    await runGraph({ source: new Frames(), nodes: [{ node: cadence }, { node: detect }], capacity: 4 }, silentJob);
    expect(seen).toEqual(reference({ mode: 'realtime' }, pts, lat));
    expect(seen.filter((s) => s.start).length).toBeGreaterThan(3);
  });
});
