import { describe, expect, it } from 'vitest';
import { edgelabTemplate } from '../../../src-main/benchmarks/edgelab-template';
import { fixtureText } from './helpers';

describe('EdgeLab latency template', () => {
  it('CSV: one record per row, every column', () => {
    const { records, warnings } = edgelabTemplate.parse(fixtureText('edgelab-template-pixel3.csv'), 'p3.csv');
    expect(warnings).toEqual([]);
    expect(records).toEqual([
      { format: 'edgelab-template', device: 'Pixel 3', os: 'android', runtime: 'tflite', delegate: 'cpu', threads: 4, model: 'ssdlite_mobilenet_v2.tflite', latencyMs: { mean: 120, p90: 131.5, count: 50 }, source: { file: 'p3.csv', line: 3 } },
      { format: 'edgelab-template', device: 'Pixel 3', os: 'android', runtime: 'tflite', delegate: 'gpu', model: 'ssdlite_mobilenet_v2.tflite', latencyMs: { mean: 30, p90: 33.2, count: 50 }, source: { file: 'p3.csv', line: 4 } },
    ]);
  });
  it('JSON: every field', () => {
    const r = edgelabTemplate.parse(fixtureText('edgelab-template-iphone.json'), 'i.json').records[0]!;
    expect(r).toEqual({
      format: 'edgelab-template', device: 'iPhone 12', os: 'iOS 17.2', runtime: 'tflite', runtimeVersion: '2.14.0', delegate: 'coreml', threads: 2,
      model: 'face_detection_front_128x128.onnx', initMs: 41.5, firstInferenceMs: 6.2, memoryMb: 18.25,
      latencyMs: { mean: 1.9, median: 1.85, p90: 2.3, std: 0.21, min: 1.6, max: 2.9, count: 200 }, source: { file: 'i.json', line: 6 },
    });
  });
  it('errors name the line and the problem', () => {
    expect(() => edgelabTemplate.parse(fixtureText('edgelab-template-broken.csv'), 'b.csv')).toThrow(/b\.csv: line 3: mean_ms is not a number \("thirty"\)/);
    expect(() => edgelabTemplate.parse('device,delegate,model,mean_ms,speed\n', 'h.csv')).toThrow(/line 1: unknown column "speed"/);
    expect(() => edgelabTemplate.parse('device,delegate,model,mean_ms\na,b,c\n', 'n.csv')).toThrow(/line 2: expected 4 cells, found 3/);
    const json = fixtureText('edgelab-template-iphone.json').replace('"mean": 1.9', '"mean": -1');
    expect(() => edgelabTemplate.parse(json, 'j.json')).toThrow(/j\.json: line 6: records\.0\.latencyMs\.mean/);
  });
});
