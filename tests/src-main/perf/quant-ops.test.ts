// What onnxruntime runs of an int8 model (the optimized graph its session writes), counted: holds on every x86 CPU
// (with or without VNNI the QDQ Convs of a static int8 model become int8 kernels; a float32 model has none).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentJob } from '../../../src-main/jobs/context';
import { bundledClipPath, bundledModelPath, findBundledClip, findBundledModel } from '../../../src-main/models/catalog';
import { optimizedOpCounts } from '../../../src-main/perf/quant-ops';
import { getTransform } from '../../../src-main/transforms/registry';

const model = findBundledModel('blazeface-front')!;
let dir: string;
let int8: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-quant-ops-'));
  const res = await getTransform('int8', 'onnx').apply(
    { source: bundledModelPath(model), outDir: dir, settings: { method: 'minmax', meta: model.meta, calibration: bundledClipPath(findBundledClip('cup')!), frames: 4 } },
    silentJob,
  );
  int8 = res.mainFile;
}, 300_000);
afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('optimizedOpCounts', () => {
  it('finds int8 kernels in a static int8 model and none in its float32 source; islands add up', async () => {
    const q = await optimizedOpCounts(int8);
    const f = await optimizedOpCounts(bundledModelPath(model));
    expect(q.qlinearOps).toBeGreaterThan(0);
    expect(f.qlinearOps).toBe(0);
    expect(f.floatOpsBetweenQdq).toBe(0);
    expect(Object.values(q.floatIslandOps).reduce((a, b) => a + b, 0)).toBe(q.floatOpsBetweenQdq);
    expect(q.nodes).toBeGreaterThan(0);
    // Nothing of the optimized model is left behind in the temp folder.
    expect((await fs.readdir(tmpdir())).filter((n) => n.startsWith('edgelab-ortopt-'))).toEqual([]);
  });
});
