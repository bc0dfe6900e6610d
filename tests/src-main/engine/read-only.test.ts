// A .tflite through the engine: `inspectModel` reads it; a kind without a .tflite transform is UNSUPPORTED, naming the format;
// it runs (LiteRT.js, tests/src-main/engine/tflite.test.ts) but needs input metadata (a sidecar) to be replayed.
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
  it('convert to a kind without a .tflite transform is UNSUPPORTED; replay without a sidecar is BAD_INPUT naming it', async () => {
    const e = engine().engine;
    const conv = await e.convertModel({ model: TFLITE, to: 'uint8', out: join(engine().dir, 'x') }).then(() => undefined, (x: unknown) => x as { code: string; message: string; file?: string });
    expect(conv?.code).toBe('UNSUPPORTED');
    expect(conv?.message).toMatch(/no uint8 transform for tflite models/); // fp16 and int8-weights exist (variants-tflite.test.ts)
    const rep = await e.replay({ model: TFLITE, clip: 'cup', frames: 1 }).then(() => undefined, (x: unknown) => x as { code: string; message: string; file?: string });
    expect(rep?.code).toBe('BAD_INPUT');
    expect(`${rep?.message} ${rep?.file}`).toContain(TFLITE);
  });
});
