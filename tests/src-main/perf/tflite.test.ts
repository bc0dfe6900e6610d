// bench:tflite (perf/tflite.ts) on the test conv net as the float32 .tflite: one row per kind of the TFLite
// converter's table, measured where a tflite transform is registered, listed with `error` where none is.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchTflite, TFLITE_BENCH_KINDS } from '../../../src-main/perf/tflite';
import { findSuite } from '../../../src-main/perf/suites';
import { listTransforms } from '../../../src-main/transforms/registry';
import { writeTfliteAtomic } from '../../../src-main/formats/tflite/writer';
import type { ModelMeta } from '../../../src-shared/types/model';
import { CONVNET_INPUT, tfliteConvNet } from '../../support/tflite-convnet';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-bench-tflite-test-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('bench:tflite', () => {
  it('is registered', () => {
    expect(findSuite('tflite')?.name).toBe('tflite');
  });

  it('gives { model, variants: [{ kind, sizeRatio, latencyRatio, validation }], runtime, cpu }; kinds without a transform carry error', async () => {
    const file = join(dir, 'convnet.tflite');
    await writeTfliteAtomic(file, tfliteConvNet());
    const scratch = async () => (await fs.readdir(tmpdir())).filter((n) => n.startsWith('edgelab-bench-tflite-') && !dir.endsWith(n));
    const before = await scratch();
    const meta = { task: 'embedder', input: CONVNET_INPUT } as unknown as ModelMeta;
    const j = await benchTflite({ model: 'convnet', tflite: file, meta, clip: 'cup', frames: 4, validationFrames: 2, runs: 3, warmup: 1, threads: 1 });
    expect(j).toMatchObject({ model: 'convnet', runtime: expect.stringMatching(/^LiteRT\.js @litertjs\/core \S+ \(wasm-xnnpack, 1 thread\)$/), cpu: expect.any(String) });
    const rows = j.variants as { kind: string; sizeRatio?: number; latencyRatio?: number; validation?: { cosine: number }; error?: string }[];
    expect(rows.map((r) => r.kind)).toEqual(TFLITE_BENCH_KINDS);
    for (const r of rows) {
      if (listTransforms().some((t) => t.kind === r.kind && t.format === 'tflite')) {
        expect(r.error, r.kind).toBeUndefined();
        expect(r.latencyRatio).toBeGreaterThan(0);
        expect(r.validation!.cosine).toBeGreaterThan(0.99);
      } else expect(r.error).toMatch(new RegExp(`no ${r.kind} transform for tflite`));
    }
    const int8 = rows.find((r) => r.kind === 'int8')!;
    expect(int8.sizeRatio).toBeLessThanOrEqual(0.3);
    expect(await scratch()).toEqual(before); // its temp dir is gone
  }, 120_000);
});
