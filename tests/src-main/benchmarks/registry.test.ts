import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORTERS, detectImporter, parseBenchText } from '../../../src-main/benchmarks/registry';
import { fixture, fixtureText } from './helpers';

const EXPECTED: Record<string, string> = {
  'tflite-riscv64-mobilenet-v1-op-profiling.txt': 'tflite-benchmark',
  'tflite-logcat-yolo-int8-xnnpack.log': 'tflite-benchmark',
  'tflite-mi11-yolov5s-several-runs.md': 'tflite-benchmark',
  'tflite-profile-xnnpack-unquoted.csv': 'tflite-profile-csv',
  'tflite-profile-xnnpack-quoted.csv': 'tflite-profile-csv',
  'ort-perf-test-arm-squeezenet-int8-cpu.txt': 'ort-perf-test',
  'ort-perf-test-spacemit-k1-two-runs.txt': 'ort-perf-test',
  'ort-perf-test-pixel6-resnet18.log': 'ort-perf-test',
  'ort-profile-blazeface-cpu.json': 'ort-profile',
  'ort-profile-mql5-doc-truncated-lines.json': 'ort-profile',
  'edgelab-template-pixel3.csv': 'edgelab-template',
  'edgelab-template-iphone.json': 'edgelab-template',
  'edgelab-template-broken.csv': 'edgelab-template',
};

describe('benchmark format detection', () => {
  it('every fixture is detected as its format, and exactly one importer claims it', () => {
    for (const [name, format] of Object.entries(EXPECTED)) {
      const text = fixtureText(name);
      expect(detectImporter(text, name).name, name).toBe(format);
      // no later importer would have claimed a structured file first
      expect(IMPORTERS.filter((i) => i.match(text)).map((i) => i.name)[0], name).toBe(format);
    }
  });
  it('a renamed file is detected from its content', async () => {
    const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-bench-'));
    try {
      const renamed = join(dir, 'results.dat');
      await fs.copyFile(fixture('ort-perf-test-arm-squeezenet-int8-cpu.txt'), renamed);
      const r = parseBenchText(await fs.readFile(renamed, 'utf8'), renamed);
      expect(r.format).toBe('ort-perf-test');
      expect(r.records[0]!.source.file).toBe(renamed);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
  it('an unknown file names itself and lists every format tried', () => {
    let msg = '';
    try {
      detectImporter(fixtureText('unknown-boxes.csv'), 'unknown-boxes.csv');
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/^unknown-boxes\.csv: not a recognised benchmark output; formats tried: /);
    for (const i of IMPORTERS) expect(msg).toContain(i.name);
  });
});
