import { describe, expect, it } from 'vitest';
import { linkRecord, type LinkTarget } from '../../../src-main/benchmarks/link';
import type { ParsedRecord } from '../../../src-main/benchmarks/types';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const targets: LinkTarget[] = [
  { id: 'blaze-1', sha256: SHA_A, names: ['face.onnx', 'face'] },
  { id: 'blaze-1-fp16', sha256: SHA_B, names: ['face.fp16.onnx'] },
  { id: 'ssd-1', sha256: 'c'.repeat(64), names: ['model.json'] },
  { id: 'ssd-1-fp16', sha256: 'd'.repeat(64), names: ['model.json'] },
  { id: 'blazeface-front', sha256: SHA_A, names: ['face.onnx'] },
];
const rec = (p: Partial<ParsedRecord>): ParsedRecord => ({ format: 'x', device: 'd', delegate: 'cpu', model: 'unknown', latencyMs: { mean: 1 }, source: { file: 'f' }, ...p });

describe('linking records to variants', () => {
  it('explicit id, then sha256, then a unique file name', () => {
    expect(linkRecord(rec({ variantId: 'given', modelSha256: SHA_B }), targets)).toEqual({ id: 'given' });
    expect(linkRecord(rec({ modelSha256: SHA_B, model: 'face.onnx' }), targets)).toEqual({ id: 'blaze-1-fp16' });
    expect(linkRecord(rec({ model: '/data/local/tmp/face.fp16.onnx' }), targets)).toEqual({ id: 'blaze-1-fp16' });
  });
  it('the same bytes known twice (workspace + bundled) link to the workspace entry', () => {
    expect(linkRecord(rec({ model: 'face.onnx' }), targets)).toEqual({ id: 'blaze-1' });
  });
  it('an ambiguous name is not guessed; unknown names stay unlinked', () => {
    expect(linkRecord(rec({ model: 'model.json' }), targets)).toEqual({ ambiguous: ['ssd-1', 'ssd-1-fp16'] });
    expect(linkRecord(rec({ model: 'other.tflite' }), targets)).toEqual({});
    expect(linkRecord(rec({}), targets)).toEqual({});
  });
});
