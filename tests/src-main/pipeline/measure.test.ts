import { describe, expect, it } from 'vitest';
import { measureInference } from '../../../src-main/pipeline/measure';
import { bundled, CUP } from './fixtures';

describe('measureInference', () => {
  it('times pure inference of BlazeFace on 8 preprocessed cup.mp4 frames', async () => {
    const b = bundled('blazeface-front');
    const done: number[] = [];
    const m = await measureInference(
      { modelPath: b.path, format: b.format, meta: b.meta, clipPath: CUP, frames: 8 },
      { progress: (p) => done.push(p.done ?? 0) },
    );
    expect(m).toMatchObject({ runtime: 'onnxruntime-node', backend: 'CPUExecutionProvider', frames: 8 });
    expect(m.samplesMs).toHaveLength(8);
    expect(m.samplesMs.every((v) => v > 0)).toBe(true);
    expect(m.inferenceMsP50).toBeLessThanOrEqual(m.inferenceMsP90);
    expect(m.inferenceMsMean).toBeGreaterThan(0);
    expect(done).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
