// TF.js taps: a TF.js graph model built in the test (known damaged layer) and the bundled SSD-MobileNetV2
// (control flow: nodes inside while-loop frames are not tapped) against its uint8 variant, on real frames.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { compareLayers } from '../../../../src-main/validation/layer-errors';
import { openTapped } from '../../../../src-main/runtimes/tapped';
import { loopDepths } from '../../../../src-main/formats/tfjs/graph';
import { tfjsTapList } from '../../../../src-main/formats/tfjs/taps';
import { calibrationFrames, openCalibrationSource } from '../../../../src-main/calibration/reader';
import { bundledModelsDir, samplesDir } from '../../../../src-main/models/catalog';
import { readModelJson } from '../../../../src-main/formats/tfjs/manifest';
import { uint8Tfjs } from '../../../../src-main/transforms/uint8-tfjs';
import { SNR_CAP_DB } from '../../../../src-shared/metrics/tensor';
import type { InputSpec } from '../../../../src-shared/types/model';
import { writeTfjsConvChain, type TfConvSpec } from '../../../support/tfjs-build';

const SSD = join(bundledModelsDir(), 'ssd-mobilenet-v2-coco/model.json');
const SSD_SPEC: InputSpec = { name: 'image_tensor', width: 300, height: 300, layout: 'NHWC', dtype: 'int32', range: [0, 255], resize: 'stretch', channels: 'RGB' };
const TINY_SPEC: InputSpec = { name: 'x', width: 16, height: 16, layout: 'NHWC', dtype: 'float32', range: [0, 1], resize: 'stretch', channels: 'RGB' };
const LAYERS: TfConvSpec[] = [
  { name: 'c1', shape: [3, 3, 3, 8], relu: true },
  { name: 'c2', shape: [3, 3, 8, 8], relu: true },
  { name: 'c3', shape: [1, 1, 8, 4] },
];

let scratch: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-tfjs-taps-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

async function run(refFile: string, varFile: string, spec: InputSpec, frames: number) {
  const ref = await openTapped(refFile, 'tfjs-graph', 'float-intermediates');
  const v = await openTapped(varFile, 'tfjs-graph', 'float-intermediates');
  try {
    const src = await openCalibrationSource(join(samplesDir(), 'cup.mp4'));
    const r = await compareLayers(ref, v, calibrationFrames(src, spec, frames), { refInput: spec.name!, variantInput: spec.name!, totalFrames: frames }, { progress: () => {} });
    return { r, taps: ref.taps };
  } finally {
    await ref.dispose();
    await v.dispose();
  }
}

describe('TF.js taps', () => {
  it('finds the damaged layer of a model built in the test', async () => {
    const ref = await writeTfjsConvChain(join(scratch, 'ref'), LAYERS, 16);
    const bad = await writeTfjsConvChain(join(scratch, 'bad'), LAYERS.map((l) => (l.name === 'c2' ? { ...l, noise: 0.3 } : l)), 16);
    const { r } = await run(ref.file, bad.file, TINY_SPEC, 2);
    const by = new Map(r.nodes.map((n) => [n.name, n]));
    expect([...by.keys()].sort()).toEqual(['c1/BiasAdd', 'c1/Conv2D', 'c1/Relu', 'c2/BiasAdd', 'c2/Conv2D', 'c2/Relu', 'c3/BiasAdd', 'c3/Conv2D']);
    expect(by.get('c1/Relu')!.snrDb).toBe(SNR_CAP_DB);
    const worstDrop = [...r.nodes].sort((a, b) => b.snrDropDb - a.snrDropDb)[0];
    expect(worstDrop.name).toBe('c2/Conv2D');
    expect(by.get('c2/Conv2D')!.snrDb).toBeLessThan(40);
    expect(r.nodes[r.nodes.length - 1].snrDb).toBe(SNR_CAP_DB);
  });

  it('SSD-MobileNetV2: taps skip while-loop frames; uint8 per-layer error grows with depth', async () => {
    const m = await readModelJson(SSD);
    const nodes = m.json.modelTopology.node ?? [];
    const depth = loopDepths(nodes);
    const inLoop = nodes.filter((n) => (depth.get(n.name) ?? 0) > 0);
    expect(inLoop.length).toBeGreaterThan(0); // the postprocessor's map_fn loops
    const taps = tfjsTapList(nodes);
    expect(taps.some((t) => inLoop.some((n) => n.name === t.tensor))).toBe(false);

    const outDir = join(scratch, 'ssd-u8');
    await fs.mkdir(outDir);
    const u8 = await uint8Tfjs.apply({ source: SSD, outDir, settings: {} }, { progress: () => {} });
    const { r } = await run(SSD, u8.mainFile, SSD_SPEC, 1);
    console.log(`SSD uint8: ${r.nodes.length} tensors compared, ${r.skipped.length} skipped; worst ${r.nodes.slice(0, 3).map((n) => `${n.name} ${n.snrDb.toFixed(1)} dB`).join(', ')}`);
    expect(r.nodes.length).toBeGreaterThan(100);
    const conv = r.nodes.filter((n) => /FeatureExtractor\/MobilenetV2\/Conv\/Conv2D|expanded_conv\//.test(n.name));
    expect(conv.length).toBeGreaterThan(5);
    // the first convolution sees exact input: its error is its own weights' rounding only, so it is among the best
    const first = r.nodes.find((n) => n.name.includes('MobilenetV2/Conv/'));
    expect(first).toBeDefined();
    expect(first!.snrDb).toBeGreaterThan(r.nodes[Math.floor(r.nodes.length / 2)].snrDb);
    for (const n of r.nodes) expect(Number.isFinite(n.snrDb)).toBe(true);
  });
});
