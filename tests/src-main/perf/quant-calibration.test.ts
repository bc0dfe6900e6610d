// bench:quant's calibration memory figure (perf/quant-calibration.ts): the int8 transform alone in a fresh child
// process (the built bench entry, out/main/bench.js), which reports its own peak RSS and writes the int8 model.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrateInChild } from '../../../src-main/perf/quant-calibration';
import { findSuite } from '../../../src-main/perf/suites';
import { decodeOnnx } from '../../../src-main/formats/onnx/codec';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-quant-calibration-test-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('bench quant-calibration', () => {
  it('is registered', () => {
    expect(findSuite('quant-calibration')?.name).toBe('quant-calibration');
  });

  it('runs the int8 transform of a bundled model in a child process: a QDQ model written, wall time and peak RSS of that process', async () => {
    const r = await calibrateInChild({ model: 'blazeface-front', clip: 'cup', frames: 4, outDir: dir });
    expect(r.mainFile.startsWith(dir)).toBe(true);
    const ops = new Set((decodeOnnx(await fs.readFile(r.mainFile), r.mainFile).graph?.node ?? []).map((n) => n.opType));
    expect(ops.has('QuantizeLinear') && ops.has('DequantizeLinear')).toBe(true);
    expect(r.settings).toMatchObject({ method: 'minmax', calibrationFrames: 4 });
    expect(r.seconds).toBeGreaterThan(0);
    // the child's peak: at least its RSS before the transform, and a plausible process size (MiB)
    expect(r.startRssMb).toBeGreaterThan(10);
    expect(r.peakRssMb).toBeGreaterThanOrEqual(r.startRssMb);
  });

  it("reports the child's own peak, not the RSS of the process that spawned it (getrusage maxRSS inherits the parent's on Linux)", async () => {
    // This process grows by 700 MiB (touched pages) before spawning: a child that inherited our RSS would report more.
    const held = Buffer.alloc(700 << 20, 1);
    const parentMb = process.memoryUsage.rss() / (1 << 20);
    const sub = join(dir, 'fat-parent');
    await fs.mkdir(sub);
    const r = await calibrateInChild({ model: 'blazeface-front', clip: 'cup', frames: 2, outDir: sub });
    expect(held[held.length - 1]).toBe(1);
    expect(parentMb).toBeGreaterThan(700);
    expect(r.peakRssMb).toBeGreaterThanOrEqual(r.startRssMb);
    expect(r.peakRssMb).toBeLessThan(parentMb - 200);
  });

  it('--bias-correction reaches the child transform (bench:quant --bias-correction measures that variant)', async () => {
    const sub = join(dir, 'bias');
    await fs.mkdir(sub);
    const r = await calibrateInChild({ model: 'blazeface-front', clip: 'cup', frames: 4, outDir: sub, biasCorrection: 'head' });
    expect(r.settings.biasCorrection).toMatchObject({ scope: 'head', frames: 4, levels: 1 });
  });

  it('a failing child (unknown model) is reported with its message', async () => {
    await expect(calibrateInChild({ model: 'no-such-model', clip: 'cup', frames: 1, outDir: dir })).rejects.toThrow(/no bundled ONNX model no-such-model/);
  });
});
