// The two-tier frame cache over real JPEGs (encoded and decoded with jpeg-js): LRU of decoded frames, shared
// in-flight requests, JPEG bytes kept once fetched, background warming that never exceeds its concurrency.
import { describe, expect, it, vi } from 'vitest';
import jpeg from 'jpeg-js';
import type { FrameImage } from '../../../src-shared/api';
import { FrameCache, type DecodedFrame } from '../../../src-renderer/lib/frameCache';

/** A 32×24 JPEG whose grey level encodes the frame number. */
function jpegOf(frame: number): FrameImage {
  const w = 32;
  const h = 24;
  const data = new Uint8Array(w * h * 4).fill(frame * 10);
  const { data: bytes } = jpeg.encode({ data, width: w, height: h }, 95);
  return { mime: 'image/jpeg', base64: btoa(String.fromCharCode(...bytes)), width: w, height: h };
}

function rig(capacity = 3, warmConcurrency = 2) {
  const calls: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const source = async (run: string, frame: number) => {
    calls.push(`${run}#${frame}`);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, 2));
    inFlight--;
    return jpegOf(frame);
  };
  const decode = async (img: FrameImage): Promise<DecodedFrame> => {
    const d = jpeg.decode(Uint8Array.from(atob(img.base64), (c) => c.charCodeAt(0)), { useTArray: true });
    return { image: d as unknown as CanvasImageSource, width: d.width, height: d.height };
  };
  const cache = new FrameCache(source, decode, capacity, 100, warmConcurrency);
  return { cache, calls, maxInFlight: () => maxInFlight };
}

const grey = (d: DecodedFrame) => (d.image as unknown as { data: Uint8Array }).data[0]!;

describe('FrameCache', () => {
  it('decodes the requested frame (not any other) and shares concurrent requests', async () => {
    const { cache, calls } = rig();
    const [a, b] = await Promise.all([cache.get('r', 5), cache.get('r', 5)]);
    expect(a).toBe(b);
    expect(calls).toEqual(['r#5']);
    expect(a.width).toBe(32);
    expect(Math.abs(grey(a) - 50)).toBeLessThanOrEqual(2);
    expect(cache.peek('r', 5)).toBe(a);
  });
  it('evicts the least recently used decoded frame beyond capacity but keeps its bytes', async () => {
    const { cache, calls } = rig(3);
    for (const f of [0, 1, 2]) await cache.get('r', f);
    cache.peek('r', 0); // 0 becomes most recent; 1 is now the oldest
    await cache.get('r', 3);
    expect([0, 1, 2, 3].map((f) => cache.has('r', f))).toEqual([true, false, true, true]);
    expect(cache.size).toBe(3);
    expect(cache.hasBytes('r', 1)).toBe(true);
    await cache.get('r', 1); // decoded again from the kept bytes: no new request
    expect(calls.filter((c) => c === 'r#1')).toHaveLength(1);
  });
  it('warms the bytes of several runs in turn, never more than warmConcurrency requests at once', async () => {
    const { cache, calls, maxInFlight } = rig(3, 2);
    cache.warmAll(['a', 'b'], [0, 1, 2, 3]);
    await vi.waitFor(() => expect(cache.hasBytes('b', 3)).toBe(true), { timeout: 10_000 });
    expect(calls).toEqual(['a#0', 'b#0', 'a#1', 'b#1', 'a#2', 'b#2', 'a#3', 'b#3']);
    expect(maxInFlight()).toBe(2);
    expect(cache.size).toBe(0); // warming fetches bytes only
    cache.warm('a', [0, 1]); // already there: nothing fetched
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toHaveLength(8);
  });
  it('starts no background request while a seek waits for its bytes', async () => {
    const log: string[] = [];
    const cache = new FrameCache(
      async (run, f) => {
        log.push(`start ${run}#${f}`);
        await new Promise((r) => setTimeout(r, 5));
        log.push(`end ${run}#${f}`);
        return jpegOf(f);
      },
      async (img) => ({ image: img as unknown as CanvasImageSource, width: img.width, height: img.height }),
      10,
      100,
      1,
    );
    cache.warm('a', [0, 1, 2, 3]);
    await cache.get('c', 9);
    await vi.waitFor(() => expect(cache.hasBytes('a', 3)).toBe(true), { timeout: 10_000 });
    const during = log.slice(log.indexOf('start c#9'), log.indexOf('end c#9'));
    expect(during.filter((e) => e.startsWith('start a'))).toEqual([]);
    expect(log.filter((e) => e.startsWith('start'))).toEqual(['start a#0', 'start c#9', 'start a#1', 'start a#2', 'start a#3']);
  });
  it('prefetch decodes frames ahead, bounded by maxInFlight', async () => {
    const { cache } = rig(10);
    cache.prefetch('r', [1, 2, 3, 4, 5], 3);
    await vi.waitFor(() => expect(cache.size).toBe(3), { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 20));
    expect([1, 2, 3, 4, 5].map((f) => cache.has('r', f))).toEqual([true, true, true, false, false]);
  });
  it('passes a failed request on and retries it next time', async () => {
    let fail = true;
    const cache = new FrameCache(
      async (_r, f) => {
        if (fail) throw new Error('NOT_FOUND: frame 9');
        return jpegOf(f);
      },
      async (img) => ({ image: img as unknown as CanvasImageSource, width: img.width, height: img.height }),
    );
    await expect(cache.get('r', 9)).rejects.toThrow('NOT_FOUND');
    fail = false;
    expect((await cache.get('r', 9)).width).toBe(32);
  });
});
