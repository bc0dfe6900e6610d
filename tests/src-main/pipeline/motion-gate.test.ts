// MotionGate (motion-gated detection): first frame, net global motion (a vector sum: shake that returns cancels),
// "the tracker lost every box" only after it had some, the max interval, and triggers staying armed until a start.
import { describe, expect, it } from 'vitest';
import { MotionGate } from '../../../src-main/pipeline/motion-gate';

describe('MotionGate', () => {
  it('wants the first frame, then nothing while still and tracking', () => {
    const g = new MotionGate({ threshold: 0.05, maxIntervalMs: 1000 });
    expect(g.wants(0)).toBe('first');
    g.started(0);
    for (let t = 40; t < 1000; t += 40) {
      g.observe(0.001, -0.001);
      g.tracked(2);
      expect(g.wants(t)).toBeNull();
    }
  });

  it('triggers when the net displacement reaches the threshold; a shake that returns does not', () => {
    const g = new MotionGate({ threshold: 0.05, maxIntervalMs: 1e9 });
    g.started(0);
    for (let i = 0; i < 20; i++) {
      g.observe(i % 2 ? -0.04 : 0.04, 0);
      expect(g.wants(i)).toBeNull();
    }
    g.observe(0.03, 0.04); // |(0.03, 0.04)| = 0.05
    expect(g.wants(21)).toBe('motion');
    expect(g.wants(22)).toBe('motion'); // armed until a start (the detector may be busy)
    g.started(22);
    expect(g.wants(23)).toBeNull();
  });

  it('"lost every box" triggers once the tracker had boxes and shows none; an empty scene does not', () => {
    const g = new MotionGate({ threshold: 0.05, maxIntervalMs: 1e9 });
    g.started(0);
    g.tracked(0);
    expect(g.wants(1)).toBeNull();
    g.tracked(1);
    expect(g.wants(2)).toBeNull();
    g.tracked(0);
    expect(g.wants(3)).toBe('lost');
    g.started(3);
    g.tracked(0);
    expect(g.wants(4)).toBeNull();
  });

  it('triggers at the max interval of clip time since the last start', () => {
    const g = new MotionGate({ threshold: 0.05, maxIntervalMs: 200 });
    g.started(100);
    expect(g.wants(299)).toBeNull();
    expect(g.wants(300)).toBe('interval');
  });
});
