// Per-layer comparison on ONNX CNNs built here, where the test knows which layer of the variant is damaged,
// fed real frames of samples/cup.mp4 through the calibration reader.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { compareLayers, EXACT_INPUT_DB } from '../../../src-main/validation/layer-errors';
import { openTapped } from '../../../src-main/runtimes/tapped';
import { calibrationFrames, openCalibrationSource } from '../../../src-main/calibration/reader';
import { samplesDir } from '../../../src-main/models/catalog';
import { SNR_CAP_DB } from '../../../src-shared/metrics/tensor';
import type { InputSpec } from '../../../src-shared/types/model';
import { EdgeLabError } from '../../../src-shared/protocol';
import { convChain, type ConvSpec } from '../../support/onnx-build';
import { int8Onnx } from '../../../src-main/transforms/int8-onnx';

const SPEC: InputSpec = { name: 'x', width: 16, height: 16, layout: 'NCHW', dtype: 'float32', range: [0, 1], resize: 'stretch', channels: 'RGB' };
const LAYERS: ConvSpec[] = [
  { name: 'convA', shape: [8, 3, 3, 3], relu: true },
  { name: 'convB', shape: [8, 8, 3, 3], relu: true },
  { name: 'convC', shape: [8, 8, 3, 3], relu: true },
  { name: 'convD', shape: [4, 8, 1, 1] },
];

let scratch: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-layers-'));
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

async function write(name: string, layers: ConvSpec[]): Promise<string> {
  const f = join(scratch, name);
  await fs.writeFile(f, convChain(layers, 16));
  return f;
}

async function compare(refFile: string, varFile: string, frames = 3) {
  const ref = await openTapped(refFile, 'onnx', 'float-intermediates');
  const v = await openTapped(varFile, 'onnx', 'float-intermediates');
  try {
    const src = await openCalibrationSource(join(samplesDir(), 'cup.mp4'));
    return await compareLayers(ref, v, calibrationFrames(src, SPEC, frames), { refInput: 'x', variantInput: 'x', totalFrames: frames }, { progress: () => {} });
  } finally {
    await ref.dispose();
    await v.dispose();
  }
}

describe('compareLayers (ONNX, model built in the test)', () => {
  it('finds the damaged layer: exact before it, worst drop at it, inherited error after it', async () => {
    const ref = await write('ref.onnx', LAYERS);
    const bad = await write('bad-b.onnx', LAYERS.map((l) => (l.name === 'convB' ? { ...l, noise: 0.3 } : l)));
    const r = await compare(ref, bad);
    expect(r.frames).toBe(3);
    const by = new Map(r.nodes.map((n) => [n.name, n]));
    expect([...by.keys()].sort()).toEqual(['convA', 'convA_relu', 'convB', 'convB_relu', 'convC', 'convC_relu', 'convD'].sort());
    // before the damage: bit-identical
    expect(by.get('convA')!.snrDb).toBe(SNR_CAP_DB);
    expect(by.get('convA_relu')!.maxAbsError).toBe(0);
    // the damaged layer loses the most SNR locally; everything after it carries the error
    const worstDrop = [...r.nodes].sort((a, b) => b.snrDropDb - a.snrDropDb)[0];
    expect(worstDrop.name).toBe('convB');
    expect(worstDrop.snrDropDb).toBeGreaterThan(EXACT_INPUT_DB - 40);
    for (const n of ['convB', 'convB_relu', 'convC', 'convC_relu', 'convD']) expect(by.get(n)!.snrDb).toBeLessThan(40);
    console.log(r.nodes.map((n) => `${n.name} snr ${n.snrDb.toFixed(1)} drop ${n.snrDropDb.toFixed(1)}`).join('; '));
    for (const n of ['convC', 'convD']) expect(by.get(n)!.snrDropDb).toBeLessThan(worstDrop.snrDropDb / 2);
    // worst first
    for (let i = 1; i < r.nodes.length; i++) expect(r.nodes[i].snrDb).toBeGreaterThanOrEqual(r.nodes[i - 1].snrDb);
    expect(r.nodes[r.nodes.length - 1].name).toMatch(/^convA/);
    expect(by.get('convB')).toMatchObject({ op: 'Conv', tensor: 'convB.out', elements: 8 * 16 * 16 });
    expect(by.get('convB')!.cosine).toBeLessThan(1);
  });

  it('compares a Relu folded into its quantized producer as the model reads it (dequantized, so clipped)', async () => {
    // int8 folds each Relu into its Conv: the Conv writes the Relu's tensor name, unclipped, before
    // QuantizeLinear → DequantizeLinear. Compared as written, half of a Relu's values (the negatives) were wrong
    // (measured on BlazeFace int8: a folded Relu at −0.5 dB); compared as read, it carries only quantization error.
    const ref = await write('ref-q.onnx', LAYERS);
    const dir = join(scratch, 'int8');
    await fs.mkdir(dir);
    const q = await int8Onnx.apply({ source: ref, outDir: dir, settings: { meta: { input: SPEC }, calibration: join(samplesDir(), 'cup.mp4'), frames: 3 } }, { progress: () => {} });
    const r = await compare(ref, q.mainFile);
    const relus = r.nodes.filter((n) => n.op === 'Relu');
    expect(relus.map((n) => n.name).sort()).toEqual(['convA_relu', 'convB_relu', 'convC_relu']);
    for (const n of relus) {
      expect(n.variantNode).toBe(n.name.replace('_relu', '')); // folded: the Conv writes it
      expect(n.snrDb).toBeGreaterThan(15); // 8-bit (or 7-bit) quantization error only, not the negatives
    }
  });

  it('ranks a later damaged layer as the worst drop too (the ranking follows the damage)', async () => {
    const ref = await write('ref2.onnx', LAYERS);
    const bad = await write('bad-d.onnx', LAYERS.map((l) => (l.name === 'convD' ? { ...l, noise: 0.3 } : l)));
    const r = await compare(ref, bad, 2);
    expect(r.nodes[0].name).toBe('convD');
    expect(r.nodes.filter((n) => n.name !== 'convD').every((n) => n.snrDb === SNR_CAP_DB)).toBe(true);
  });

  it('skips tensors the variant does not have and says why', async () => {
    const ref = await write('ref3.onnx', LAYERS);
    const other = await write('other.onnx', LAYERS.map((l) => ({ ...l, name: l.name === 'convC' ? 'convX' : l.name })));
    const r = await compare(ref, other, 1);
    const skipped = new Map(r.skipped.map((s) => [s.tensor, s.reason]));
    expect(skipped.get('convC.out')).toMatch(/no tensor of that name/);
    expect(r.nodes.some((n) => n.name === 'convC')).toBe(false);
  });

  it('refuses an empty frame source', async () => {
    const ref = await openTapped(await write('ref4.onnx', LAYERS), 'onnx', 'float-intermediates');
    try {
      const none = (async function* () {})();
      const e = await compareLayers(ref, ref, none, { refInput: 'x', variantInput: 'x', totalFrames: 1 }, { progress: () => {} }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(EdgeLabError);
      expect((e as EdgeLabError).code).toBe('BAD_INPUT');
    } finally {
      await ref.dispose();
    }
  });
});
