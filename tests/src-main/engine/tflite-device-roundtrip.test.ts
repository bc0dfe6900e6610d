// The device round trip of the README: convert a workspace model to .tflite with --out → the phone runs
// `benchmark_model --graph=/data/local/tmp/<that file>` → `import-bench` of its log links the record to that very
// variant (by the --out file name: benchmark logs carry no sha256), and the latency matrix shows the device's speed
// on the variant's row. Real BlazeFace ONNX, real converter, a benchmark_model log in the tool's own format
// (tests/fixtures/bench/tflite-riscv64-mobilenet-v1-op-profiling.txt with its graph path and timings replaced).
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempEngine } from './helpers';

const engine = useTempEngine();
const ROOT = join(__dirname, '../../..');

describe('TFLite device round trip: convert --out → benchmark_model → import-bench', () => {
  it("links the phone's benchmark of the written file to the variant and shows it in the latency matrix", async () => {
    const e = engine().engine;
    const model = await e.importModel({ source: join(ROOT, 'models/blazeface-front/face_detection_front_128x128.onnx') });
    const out = join(engine().dir, 'to-phone', 'blazeface-edgelab.tflite');
    const conv = await e.convertModel({ model: model.id, to: 'tflite', out });
    expect(conv.variant.exportedAs).toEqual(['blazeface-edgelab.tflite']);
    const listed = (await e.listModels({})).find((m) => m.id === model.id)!.variants.find((v) => v.id === conv.variant.id)!;
    expect(listed.exportedAs).toEqual(['blazeface-edgelab.tflite']);

    const template = await fs.readFile(join(ROOT, 'tests/fixtures/bench/tflite-riscv64-mobilenet-v1-op-profiling.txt'), 'utf8');
    const log = template
      .replace(/Graph: \[[^\]]*\]/, 'Graph: [/data/local/tmp/blazeface-edgelab.tflite]')
      .replace(/Loaded model \S+/, 'Loaded model /data/local/tmp/blazeface-edgelab.tflite')
      .replace(/Inference \(avg\): [\d.e+]+/, 'Inference (avg): 2140');
    const logFile = join(engine().dir, 'pixel7-blazeface.txt');
    await fs.writeFile(logFile, log);
    const imported = await e.importBench({ files: [logFile], device: 'Pixel 7' });
    expect(imported.records).toHaveLength(1);
    expect(imported.records[0]).toMatchObject({ device: 'Pixel 7', variantId: conv.variant.id });
    expect(imported.records[0].latencyMs.mean).toBeCloseTo(2.14, 6);

    const matrix = await e.latency({});
    const cell = JSON.stringify(matrix);
    expect(cell).toContain(conv.variant.id);
    expect(cell).toContain('Pixel 7');
  });
});
