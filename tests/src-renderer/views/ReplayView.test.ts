import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src-shared/formats/run';
import { latestPair } from '../../../src-renderer/views/ReplayView';

const run = (id: string, createdAt: string, kind: string, clipSha: string): RunSummary =>
  ({ id, createdAt, model: { name: 'SSD', variantKind: kind }, clip: { sha256: clipSha, name: `${clipSha}.mp4` } }) as unknown as RunSummary;

describe('latestPair', () => {
  it('pairs the newest run with the newest other run of its clip, float32 as the baseline', () => {
    const runs = [run('a', '2026-01-01T00:00:01Z', 'fp32', 'cup'), run('b', '2026-01-01T00:00:02Z', 'fp32', 'vtest'), run('c', '2026-01-01T00:00:03Z', 'uint8', 'cup')];
    const p = latestPair(runs)!;
    expect([p.baseline.id, p.variant.id]).toEqual(['a', 'c']);
    const q = latestPair([run('v', '2026-01-01T00:00:01Z', 'fp16', 'cup'), run('f', '2026-01-01T00:00:02Z', 'fp32', 'cup')])!;
    expect([q.baseline.id, q.variant.id]).toEqual(['f', 'v']);
  });
  it('is null without two runs of one clip', () => {
    expect(latestPair([])).toBeNull();
    expect(latestPair([run('a', '1', 'fp32', 'cup'), run('b', '2', 'fp32', 'vtest')])).toBeNull();
  });
});
