// perf/peak-rss.ts: the benches' peak RSS is this process's own high-water mark (VmHWM on Linux).
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { peakRss, peakRssMb } from '../../../src-main/perf/peak-rss';

describe('peakRss', () => {
  it('is at least the current RSS and grows with touched memory', () => {
    const before = peakRss();
    if (existsSync('/proc/self/status')) expect(before.source).toBe('VmHWM');
    expect(before.mb).toBeGreaterThanOrEqual(process.memoryUsage.rss() / (1 << 20) - 1);
    const held = Buffer.alloc(200 << 20, 1);
    const after = peakRss();
    expect(held[0]).toBe(1);
    expect(after.mb - before.mb).toBeGreaterThan(150);
    expect(peakRssMb()).toBe(Math.round(peakRss().mb));
  });
});
