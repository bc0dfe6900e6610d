// Calibration of a TFLite IR in LiteRT.js (quant-tflite/calibrate.ts) on real frames: minmax reduces each tensor
// inside the graph (REDUCE_MAX / NEG), and its ranges equal the exact extents read from the full tensors (entropy
// keeps whole activations); every float activation and the input are calibrated.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { calibrateTflite } from '../../../../src-main/transforms/quant-tflite/calibrate';
import { augmentForCalibration } from '../../../../src-main/transforms/quant-tflite/augment';
import { calibrationFrames, openCalibrationSource } from '../../../../src-main/calibration/reader';
import { samplesDir } from '../../../../src-main/models/catalog';
import { silentJob } from '../../../../src-main/jobs/context';
import { CONVNET_INPUT, tfliteConvNet } from '../../../support/tflite-convnet';

const CUP = join(samplesDir(), 'cup.mp4');

describe('calibrateTflite', () => {
  it('minmax in the graph gives the exact extents of the whole tensors', async () => {
    const m = tfliteConvNet();
    const src = await openCalibrationSource(CUP);
    const mm = await calibrateTflite('convnet', m, calibrationFrames(src, CONVNET_INPUT, 6), 'minmax', {}, silentJob, 6);
    const full = await calibrateTflite('convnet', m, calibrationFrames(src, CONVNET_INPUT, 6), 'entropy', {}, silentJob, 6);
    expect(mm.frames).toBe(6);
    expect(mm.augmentedBytes).toBeLessThan(full.augmentedBytes + 20_000);
    const floats = m.tensors.map((t, i) => (t.type === 'float32' && !t.data ? i : -1)).filter((i) => i >= 0);
    expect([...mm.ranges.keys()].sort((a, b) => a - b)).toEqual(floats);
    for (const i of floats) {
      const [lo, hi] = mm.ranges.get(i)!;
      expect([lo, hi], m.tensors[i].name).toEqual(full.extents.get(i));
      expect(hi).toBeGreaterThan(lo);
    }
  }, 60_000);

  it('the reduced calibration copy outputs two scalars per tapped tensor, not the tensor', () => {
    const src = tfliteConvNet();
    const { model, taps } = augmentForCalibration(src, { reduce: 'minmax' });
    expect(taps.length).toBe(14);
    expect(model.outputs.length).toBe(src.outputs.length + 2 * taps.length);
    const extra = model.outputs.slice(src.outputs.length).map((i) => model.tensors[i]);
    expect(extra.every((t) => t.shape.every((d) => d === 1))).toBe(true);
    expect(model.operators.filter((o) => o.op === 'NEG').length).toBe(taps.length);
    expect(src.operators.length).toBe(14); // the source is untouched
  });

  it('reduces each tapped tensor right after the op that writes it (the interpreter runs ops in list order and frees a tensor after its last reader)', () => {
    const src = tfliteConvNet();
    const { model, taps } = augmentForCalibration(src, { reduce: 'minmax' });
    // The source ops keep their order; after each comes exactly the NEG + 2 REDUCE_MAX of what it wrote.
    const kept = model.operators.filter((o) => src.operators.includes(o));
    expect(kept).toEqual(src.operators);
    const tapOf = new Map(taps.map((t) => [t.index, t]));
    for (let k = 0; k < src.operators.length; k++) {
      const at = model.operators.indexOf(src.operators[k]);
      const next = k + 1 < src.operators.length ? model.operators.indexOf(src.operators[k + 1]) : model.operators.length;
      const between = model.operators.slice(at + 1, next);
      const written = src.operators[k].outputs.filter((o) => tapOf.has(o));
      expect(between.map((o) => o.op).sort(), `after op ${k}`).toEqual(written.flatMap(() => ['NEG', 'REDUCE_MAX', 'REDUCE_MAX']));
      for (const o of written) {
        const neg = between.find((op) => op.op === 'NEG' && op.inputs[0] === o)!;
        expect(neg, `NEG of tensor ${o}`).toBeDefined();
        const reads = between.filter((op) => op.op === 'REDUCE_MAX').map((op) => op.inputs[0]);
        expect(reads).toEqual(expect.arrayContaining([o, neg.outputs[0]]));
      }
    }
  });
});
