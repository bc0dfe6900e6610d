// `edgelab convert` (BUILT CLI, run `npm run build` first): int8 options, --json keys, --exclude, folded activations
// reported apart from keptFloat, bad input exit code.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import onnxProto from 'onnx-proto';
import { edgelab, REPO, tempWorkspace } from './spawn-cli';

const BLAZE = join(REPO, 'models', 'blazeface-front', 'face_detection_front_128x128.onnx');
let t: Awaited<ReturnType<typeof tempWorkspace>>;
let dir: string;
beforeAll(async () => {
  t = await tempWorkspace();
  dir = join(t.ws, '..');
});
afterAll(async () => {
  await t.cleanup();
});

describe('edgelab convert', () => {
  it('--to int8 --method percentile --percentile --exclude --frames --json: output, sizeBytes, validation; excluded nodes stay float', async () => {
    const out = join(dir, 'face-int8.onnx');
    const first = 'StatefulPartitionedCall/functional_1/conv2d/BiasAdd';
    const second = 'StatefulPartitionedCall/functional_1/depthwise_conv2d/depthwise';
    const r = await edgelab(t.ws, ['convert', BLAZE, '--to', 'int8', '--calibration', 'cup', '--frames', '8', '--method', 'percentile', '--percentile', '99.9',
      '--exclude', first, '--exclude', `${second},`, '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.output).toBe(out);
    expect(j.sizeBytes).toBe((await fs.stat(out)).size);
    expect(Object.keys(j.validation)).toEqual(expect.arrayContaining(['snrDb', 'cosine', 'maxAbsError']));
    expect(j.validation.frames).toBe(8);
    expect(j.variant.settings.method).toBe('percentile');
    expect(j.variant.settings.percentile).toBe(99.9);
    expect(j.keptFloat.map((k: { name: string }) => k.name)).toEqual(expect.arrayContaining([first, second]));
    const m = onnxProto.onnx.ModelProto.decode(await fs.readFile(out));
    const inits = new Map(m.graph!.initializer!.map((x) => [x.name, x]));
    for (const name of [first, second]) {
      const n = m.graph!.node!.find((x) => x.name === name)!;
      expect(inits.get(n.input![1])?.dataType, name).toBe(1); // weight still a float32 initializer
    }
  });

  it('int8: the Relus folded into their producer are reported apart from keptFloat (--json and summary, also when the variant is reused)', async () => {
    const id = JSON.parse((await edgelab(t.ws, ['import', BLAZE, '--json'])).stdout).id as string;
    const made = await edgelab(t.ws, ['convert', id, '--to', 'int8', '--frames', '2', '--json']);
    expect(made.code, made.stderr).toBe(0);
    const j = JSON.parse(made.stdout) as { output: string; keptFloat: { name: string }[]; folded: { name: string; op: string; into: string }[] };
    expect(j.folded.length).toBeGreaterThan(10);
    const kept = new Set(j.keptFloat.map((k) => k.name));
    const nodes = new Set(onnxProto.onnx.ModelProto.decode(await fs.readFile(j.output)).graph!.node!.map((n) => n.name));
    for (const f of j.folded) {
      expect(f.op).toBe('Relu');
      expect(kept.has(f.name), f.name).toBe(false);
      expect(nodes.has(f.name), f.name).toBe(false); // not in the written graph…
      expect(nodes.has(f.into), f.into).toBe(true); // …its producer is
    }
    // the same variant again (found in the workspace), human summary (on stderr)
    const again = await edgelab(t.ws, ['convert', id, '--to', 'int8', '--frames', '2']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`folded into their quantized producer (no float op): ${j.folded.length} Relu`);
    const keptLine = again.stderr.split('\n').find((l) => l.startsWith('kept float32: '))!;
    expect(keptLine.slice('kept float32: '.length).split(', ').sort()).toEqual([...kept].sort());
  });

  it('--bias-correction on|off reaches the int8 transform and is recorded in the variant settings', async () => {
    const on = await edgelab(t.ws, ['convert', BLAZE, '--to', 'int8', '--frames', '4', '--bias-correction', 'on', '--out', join(dir, 'face-bc-on.onnx'), '--json']);
    expect(on.code, on.stderr).toBe(0);
    const bc = JSON.parse(on.stdout).variant.settings.biasCorrection;
    expect(bc).toMatchObject({ scope: 'depthwise', frames: 4 });
    expect(bc.correctedNodes).toBeGreaterThan(10); // BlazeFace's depthwise convs
    expect(bc.correctedNodes).toBeLessThan(37); // not its other convs
    expect(bc.meanAbsErrorAfter).toBeLessThan(bc.meanAbsErrorBefore);
    const off = await edgelab(t.ws, ['convert', BLAZE, '--to', 'int8', '--frames', '4', '--bias-correction', 'off', '--out', join(dir, 'face-bc-off.onnx'), '--json']);
    expect(off.code, off.stderr).toBe(0);
    expect(JSON.parse(off.stdout).variant.settings.biasCorrection).toBe('off');
  });

  it('--bias-correction auto: the summary says which side was kept and on what held-out figures (16 + 2 frames)', async () => {
    const r = await edgelab(t.ws, ['convert', BLAZE, '--to', 'int8', '--frames', '18', '--bias-correction', 'auto', '--out', join(dir, 'face-bc-auto.onnx')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/bias correction auto: kept (corrected \(depthwise\)|plain \(no correction\)) on 2 held-out frames — corrected \d+\/\d+ float32 detections matched, worst SNR -?[\d.]+ dB; plain \d+\/\d+ float32 detections matched, worst SNR -?[\d.]+ dB; correction took [\d.]+ s/);
  });

  it('usage errors exit 2: unknown kind, unknown method, percentile out of range, bad --bias-correction', async () => {
    for (const args of [['--to', 'int4'], ['--to', 'int8', '--method', 'kl'], ['--to', 'int8', '--percentile', '0'], ['--to', 'int8', '--bias-correction', 'yes']]) {
      const r = await edgelab(t.ws, ['convert', BLAZE, ...args, '--out', join(dir, 'x.onnx')]);
      expect(r.code, args.join(' ')).toBe(2);
    }
  });

  it('a non-image calibration folder exits 1 naming the folder; no output file', async () => {
    const txt = join(dir, 'texts');
    await fs.mkdir(txt, { recursive: true });
    await fs.writeFile(join(txt, 'readme.md'), '# not an image');
    const out = join(dir, 'never.onnx');
    const r = await edgelab(t.ws, ['convert', BLAZE, '--to', 'int8', '--calibration', txt, '--out', out, '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(txt);
    expect(await fs.stat(out).then(() => true, () => false)).toBe(false);
    expect((await fs.readdir(dir)).filter((n) => n.includes('edgelab-tmp'))).toEqual([]);
  });
});
