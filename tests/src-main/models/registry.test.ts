// Format detection, inspectModel (+ meta attachment) and the bad-input fixtures of
// tests/fixtures/bad/models/ (see its README for what each file is).
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import fc from 'fast-check';
import { detectFormat, inspectModel, READERS, resolveModelPath } from '../../../src-main/models/registry';
import { bundledModelsDir } from '../../../src-main/models/catalog';
import { EdgeLabError } from '../../../src-shared/protocol';

const BAD = resolve('tests/fixtures/bad/models');
const bad = (f: string) => join(BAD, f);

async function badInput(p: Promise<unknown>): Promise<EdgeLabError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(EdgeLabError);
  expect((e as EdgeLabError).code).toBe('BAD_INPUT');
  return e as EdgeLabError;
}

describe('detectFormat', () => {
  it('picks the reader by content and name', async () => {
    expect((await detectFormat(join(bundledModelsDir(), 'blazeface-front/face_detection_front_128x128.onnx'))).format).toBe('onnx');
    expect((await detectFormat(join(bundledModelsDir(), 'ssd-mobilenet-v2-coco/model.json'))).format).toBe('tfjs-graph');
    expect((await detectFormat(join(bundledModelsDir(), 'centernet-mobilenet-v3-coco/centernet.json'))).format).toBe('tfjs-graph');
  });

  it('accepts a folder holding one model', async () => {
    expect(await resolveModelPath(join(bundledModelsDir(), 'ssd-mobilenet-v2-coco'))).toBe(join(bundledModelsDir(), 'ssd-mobilenet-v2-coco/model.json'));
    expect(await resolveModelPath(join(bundledModelsDir(), 'faceres'))).toBe(join(bundledModelsDir(), 'faceres/faceres.json'));
    expect((await detectFormat(join(bundledModelsDir(), 'blazeface-front'))).format).toBe('onnx');
  });

  it('refuses files that are no model, naming the file', async () => {
    for (const f of ['image.png', 'notes.txt']) {
      const e = await badInput(detectFormat(bad(f)));
      expect(e.message).toContain(bad(f));
      expect(e.message).toMatch(/not a model EdgeLab can read \(expected \.onnx or TF\.js model\.json\)/);
    }
  });

  it('reports a missing path as NOT_FOUND', async () => {
    await expect(detectFormat(bad('nope.onnx'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('inspectModel', () => {
  it('attaches the catalog meta of a bundled model found by hash', async () => {
    const r = await inspectModel(join(bundledModelsDir(), 'blazeface-front/face_detection_front_128x128.onnx'));
    expect(r.meta?.decoder?.kind).toBe('blazeface');
    expect(r.meta?.labels).toBe('face');
  });

  describe('with copies on disk', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-registry-'));
    });
    afterAll(async () => {
      await fs.rm(dir, { recursive: true, force: true });
    });

    it('attaches a sidecar meta, and none for an unknown model', async () => {
      const src = await fs.readFile(join(bundledModelsDir(), 'blazeface-front/face_detection_front_128x128.onnx'));
      const changed = Buffer.from(src);
      // Alter one weight byte in the middle: still a valid model, different hash.
      changed[changed.length - 100] ^= 1;
      const f = join(dir, 'mine.onnx');
      await fs.writeFile(f, changed);
      expect((await inspectModel(f)).meta).toBeUndefined();

      const meta = {
        task: 'detector',
        input: { width: 128, height: 128, layout: 'NHWC', dtype: 'float32', range: [-1, 1], resize: 'stretch', channels: 'RGB' },
        decoder: { kind: 'blazeface', params: { scores: ['Identity:0'], boxes: ['Identity_2:0'] } },
        labels: ['my face'],
      };
      await fs.writeFile(join(dir, 'mine.edgelab.json'), JSON.stringify(meta));
      expect((await inspectModel(f)).meta?.labels).toEqual(['my face']);

      await fs.writeFile(join(dir, 'mine.edgelab.json'), JSON.stringify({ ...meta, input: { ...meta.input, width: -3 } }));
      const e = await badInput(inspectModel(f));
      expect(e.message).toContain(join(dir, 'mine.edgelab.json'));
      expect(e.message).toMatch(/input\.width/);
    });
  });
});

describe('bad model files → BAD_INPUT naming the file', () => {
  const cases: [file: string, named: string, problem: RegExp][] = [
    ['zero.onnx', 'zero.onnx', /empty file/],
    ['random.onnx', 'random.onnx', /not an ONNX model|truncated/],
    ['truncated.onnx', 'truncated.onnx', /truncated/],
    ['png-renamed.onnx', 'png-renamed.onnx', /not an ONNX model|truncated/],
    ['no-nodes.onnx', 'no-nodes.onnx', /no nodes/],
    ['absurd-dims.onnx', 'absurd-dims.onnx', /absurd dimension/],
    ['short-initializer.onnx', 'short-initializer.onnx', /initializer 'w' holds 8 bytes, its dims need 16/],
    ['truncated-model.json', 'truncated-model.json', /not valid JSON/],
    ['missing-shard/model.json', 'missing-shard/group1-shard1of1.bin', /missing weight shard/],
    ['short-shard/model.json', 'short-shard/group1-shard1of1.bin', /too short.*hold 8 bytes.*declares 16/],
    ['escaping-shard/model.json', 'escaping-shard/model.json', /outside the model's folder/],
  ];
  for (const [file, named, problem] of cases) {
    it(file, async () => {
      const e = await badInput(inspectModel(bad(file)));
      expect(e.message).toContain(bad(named));
      expect(e.file).toBe(bad(named));
      expect(e.message).toMatch(problem);
    });
  }
});

describe('property: random bytes never crash a reader', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-fuzz-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('each reader either inspects or throws EdgeLabError BAD_INPUT', async () => {
    const names = ['x.onnx', 'model.json', 'y.json'];
    const blaze = await fs.readFile(join(bundledModelsDir(), 'blazeface-front/face_detection_front_128x128.onnx'));
    // Mix pure noise with corrupted real models (prefix cuts and byte flips), which reach deeper code.
    const bytesArb = fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 600 }),
      fc.tuple(fc.nat(blaze.length), fc.nat(blaze.length), fc.integer({ min: 1, max: 255 })).map(([cut, at, x]) => {
        const b = Uint8Array.from(blaze.subarray(0, Math.max(cut, 1)));
        b[at % b.length] ^= x;
        return b;
      }),
      fc.string({ maxLength: 300 }).map((s) => new TextEncoder().encode(`{"modelTopology":{"node":[]},"weightsManifest":${s}`)),
    );
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(bytesArb, fc.constantFrom(...names), async (bytes, name) => {
        const f = join(dir, name);
        await fs.writeFile(f, bytes);
        for (const reader of READERS) {
          try {
            await reader.inspect(f);
          } catch (e) {
            if (!(e instanceof EdgeLabError) || e.code !== 'BAD_INPUT') throw e;
            refused++;
            if (!e.message.includes(dir)) throw new Error(`message does not name the file: ${e.message}`);
          }
        }
      }),
      { numRuns: 150, seed: 20261125 },
    );
    // The generator really produced bad files (every run tries 3 readers; most inputs are refused).
    expect(refused).toBeGreaterThan(150);
  });
});
