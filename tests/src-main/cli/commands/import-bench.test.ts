import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIX, edgelab, tempWorkspace } from './spawn-cli';

let ws: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ ws, cleanup } = await tempWorkspace()));
afterAll(async () => cleanup());

describe('edgelab import-bench', () => {
  it('--json prints { records: [{ format, device, delegate, model, latencyMs: { mean, … } }], warnings }', async () => {
    const r = await edgelab(ws, ['import-bench', join(FIX, 'tflite-logcat-yolo-int8-xnnpack.log'), join(FIX, 'ort-perf-test-spacemit-k1-two-runs.txt'), '--device', 'Pixel 7', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { records: Record<string, unknown>[]; warnings: string[] };
    expect(Object.keys(doc).sort()).toEqual(['records', 'warnings']);
    expect(doc.records).toHaveLength(3);
    for (const rec of doc.records) {
      for (const k of ['format', 'device', 'delegate', 'model', 'latencyMs']) expect(rec).toHaveProperty(k);
      expect(typeof (rec.latencyMs as { mean: unknown }).mean).toBe('number');
    }
    expect(doc.records.map((x) => [x.format, x.device, x.delegate, x.model])).toEqual([
      ['tflite-benchmark', 'Pixel 7', 'xnnpack', 'best_int8.tflite'],
      ['ort-perf-test', 'Pixel 7', 'SpaceMITExecutionProvider', 'yolov8n.q.onnx'],
      ['ort-perf-test', 'Pixel 7', 'SpaceMITExecutionProvider', 'inference.q.onnx'],
    ]);
    expect((doc.records[0]!.latencyMs as { mean: number }).mean).toBeCloseTo(145.528, 6);
    expect(Array.isArray(doc.warnings)).toBe(true);
  });
  it('human output on stderr; an unknown file exits 1 with one line listing the formats tried', async () => {
    const ok = await edgelab(ws, ['import-bench', join(FIX, 'edgelab-template-pixel3.csv')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('');
    expect(ok.stderr).toMatch(/Pixel 3 · gpu · ssdlite_mobilenet_v2\.tflite: mean 30\.0 ms/);
    const bad = await edgelab(ws, ['import-bench', join(FIX, 'unknown-boxes.csv'), '--json']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n').filter((l) => l.startsWith('edgelab:'))).toHaveLength(1);
    expect(bad.stderr).toMatch(/unknown-boxes\.csv: not a recognised benchmark output; formats tried: edgelab-template/);
  });
});
