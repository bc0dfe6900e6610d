// A .tflite through the engine: `inspectModel` reads it; everything that would run or convert it says
// UNSUPPORTED (read-only format), naming the file.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { REPO, useTempEngine } from './helpers';

const engine = useTempEngine();
const TFLITE = join(REPO, 'tests/fixtures/tflite/hello_world_int8.tflite');

describe('read-only models (TFLite)', () => {
  it('inspectModel reads a .tflite by path', async () => {
    const r = await engine().engine.inspectModel({ model: TFLITE });
    expect(r.format).toBe('tflite');
    expect(r.parameters).toBe(321);
    expect(r.quantization!.length).toBe(10);
  });
  it('convert, import and replay refuse it with UNSUPPORTED naming the file', async () => {
    const e = engine().engine;
    // thunks, called one at a time: three promises made up front would reject before being awaited
    for (const call of [
      () => e.convertModel({ model: TFLITE, to: 'fp16', out: join(engine().dir, 'x') }),
      () => e.replay({ model: TFLITE, clip: 'cup', frames: 1 }),
      () => e.importModel({ source: TFLITE }),
    ]) {
      const err = await call().then(() => undefined, (x: unknown) => x as { code: string; message: string });
      expect(err?.code).toBe('UNSUPPORTED');
      expect(err?.message).toContain(TFLITE);
    }
    expect((await e.listModels({})).length).toBe(0);
  });
});
