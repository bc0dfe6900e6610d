// Issue 21 item 10: data-sized arrays were spread into Math.max/Math.min (`Math.max(...xs)` passes every element
// as an argument: RangeError "Maximum call stack size exceeded" above ~120 000 elements). Each function below is
// called with 300 000 values, past that limit, and must give the same answer a loop gives.
import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maxOf, minOf } from '../../src-shared/extent';
import { frameDisagreement, type FrameMatch } from '../../src-shared/metrics/match';
import { latencyStats } from '../../src-main/benchmarks/stats';
import { lineChart } from '../../src-main/reports/html/charts';
import { barChart } from '../../src-main/reports/html/bars';
import { readLabels } from '../../src-main/evaluate/ground-truth';
import { createEngine } from '../../src-main/create-engine';
import { MAX_BENCH_BYTES } from '../../src-main/benchmarks/registry';
import { EdgeLabError } from '../../src-shared/protocol';

const N = 300_000;
const values = Array.from({ length: N }, (_, i) => ((i * 7919) % N) / 10 + 1);

describe('maxOf / minOf', () => {
  it('agree with Math.max / Math.min, including empty and NaN', () => {
    expect(maxOf([3, 1, 2])).toBe(3);
    expect(minOf([3, 1, 2])).toBe(1);
    expect(maxOf([])).toBe(-Infinity);
    expect(minOf([])).toBe(Infinity);
    expect(maxOf([], -1)).toBe(-1);
    expect(maxOf([1, NaN])).toBeNaN();
    expect(minOf(new Set([5, -2]))).toBe(-2);
  });
  it(`take ${N} values`, () => {
    expect(maxOf(values)).toBe(N / 10 - 0.1 + 1);
    expect(minOf(values)).toBe(1);
  });
});

describe(`${N} values through the functions that spread them before`, () => {
  it('latencyStats (benchmarks/stats.ts)', () => {
    const s = latencyStats(values);
    expect(s.min).toBe(1);
    expect(s.max).toBe(maxOf(values));
  });
  it('frameDisagreement (metrics/match.ts)', () => {
    const m = { pairs: values.map((v, i) => ({ a: i, b: i, iou: v / (N / 10 + 1) })), missed: [], extra: [] } as unknown as FrameMatch;
    expect(frameDisagreement(m)).toBeCloseTo(1 - 1 / (N / 10 + 1), 9);
  });
  it('lineChart and barChart (reports/html)', () => {
    expect(lineChart('t', 'ms', [{ label: 'a', values } as never])).toContain('<svg');
    expect(barChart('t', values.slice(0, 150_000).map((v, i) => ({ label: String(i), value: v }) as never))).toContain('<svg');
  });
  it('readLabels: a 300 000-frame MOT gt.txt (evaluate/ground-truth.ts)', { timeout: 60_000 }, async () => {
    const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-large-'));
    try {
      const file = join(dir, 'gt.txt');
      await fs.writeFile(file, Array.from({ length: N }, (_, i) => `${i + 1},1,10,10,20,40,1,1,1`).join('\n') + '\n');
      const grid = { frames: Array.from({ length: N }, () => []), ptsMs: Array.from({ length: N }, (_, i) => i * 33), width: 640, height: 480 };
      const { seq } = await readLabels(file, grid);
      expect(seq.frames.length).toBe(N);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('benchmark imports are capped', () => {
  it(`a ${MAX_BENCH_BYTES / 2 ** 20 + 8} MiB (sparse) file is BAD_INPUT naming the file and the limit, read no further`, { timeout: 20_000 }, async () => {
    const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-large-'));
    const engine = await createEngine({ workspaceDir: join(dir, 'ws'), host: 'test' });
    try {
      const file = join(dir, 'huge-template.csv');
      await fs.writeFile(file, 'device,delegate,model,mean_ms\n');
      await fs.truncate(file, MAX_BENCH_BYTES + 8 * 2 ** 20);
      const e = await engine.importBench({ files: [file] }).then(() => undefined, (x: unknown) => x);
      expect(e).toBeInstanceOf(EdgeLabError);
      expect((e as EdgeLabError).code).toBe('BAD_INPUT');
      expect((e as EdgeLabError).message).toContain(file);
      expect((e as EdgeLabError).message).toMatch(/at most 33554432 bytes \(32 MiB\)/);
    } finally {
      await engine.dispose();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
