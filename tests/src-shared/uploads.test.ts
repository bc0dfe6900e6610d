import { describe, expect, it } from 'vitest';
import { isPrimaryModelFile, safeUploadName } from '../../src-shared/uploads';

describe('safeUploadName', () => {
  it('keeps the last segment only: no folder, no escape', () => {
    expect(safeUploadName('../../etc/passwd')).toBe('passwd');
    expect(safeUploadName('..\\..\\win.ini')).toBe('win.ini');
    expect(safeUploadName('/abs/model.onnx')).toBe('model.onnx');
  });
  it('refuses names that leave nothing usable', () => {
    for (const n of ['', '.', '..', '...', 'a/..', 'x/', '   ']) expect(safeUploadName(n)).toBeNull();
  });
  it('replaces unusual characters, drops leading dots (no hidden or temp-looking names) and bounds the length', () => {
    expect(safeUploadName('.edgelab-tmp-1-x')).toBe('edgelab-tmp-1-x');
    expect(safeUploadName('my cup (1).mp4')).toBe('my cup _1_.mp4');
    expect(safeUploadName('naïve\u0000.csv')).toBe('na_ve_.csv');
    const long = safeUploadName('a'.repeat(300) + '.edgelab.json')!;
    expect(long).toHaveLength(120);
    expect(long.endsWith('.json')).toBe(true);
  });
});

describe('isPrimaryModelFile', () => {
  it('is the file the engine opens, not a sidecar or a shard', () => {
    expect(['m.onnx', 'm.tflite', 'model.json', 'M.ONNX'].map(isPrimaryModelFile)).toEqual([true, true, true, true]);
    expect(['m.edgelab.json', 'group1-shard1of2.bin', 'labels.txt'].map(isPrimaryModelFile)).toEqual([false, false, false]);
  });
});
