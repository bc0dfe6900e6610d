import { describe, expect, it } from 'vitest';
import { baseName, keyValues, num, splitLines, stripPrefix } from '../../../src-main/benchmarks/lines';

describe('line helpers', () => {
  it('strips logcat threadtime, brief and tag prefixes and TFLite level prefixes', () => {
    expect(stripPrefix('07-14 13:14:52.097 22838 22838 I tflite  : Num threads: [4]')).toBe('Num threads: [4]');
    expect(stripPrefix('I/tflite  ( 1234): count=25 first=1')).toBe('count=25 first=1');
    expect(stripPrefix('I tflite  : Loaded model /x.tflite')).toBe('Loaded model /x.tflite');
    expect(stripPrefix('INFO: Created TensorFlow Lite delegate for NNAPI.\r')).toBe('Created TensorFlow Lite delegate for NNAPI.');
    expect(stripPrefix('Inference timings in us: Init: 1')).toBe('Inference timings in us: Init: 1');
    expect(splitLines('a\nb').map((l) => l.no)).toEqual([1, 2]);
  });
  it('numbers as iostreams print them', () => {
    expect(num('2.95034e+06')).toBe(2950340);
    expect(num('11.4405%')).toBe(11.4405);
    expect(num('1,2')).toBeNaN();
    expect(num('')).toBeNaN();
    expect(keyValues('count=50 first=1 avg=2.9e+06 std=3')).toEqual({ count: '50', first: '1', avg: '2.9e+06', std: '3' });
    expect(baseName('/data/local/tmp/m.tflite')).toBe('m.tflite');
    expect(baseName('C:\\m\\x.onnx')).toBe('x.onnx');
  });
});
