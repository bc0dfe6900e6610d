// Calibration's minmax taps (formats/onnx/taps.ts, reduce: 'minmax') as onnxruntime runs them: each tapped
// tensor's ReduceMin/ReduceMax must run before the next tapped tensor is produced, so a tensor is freed as soon
// as it is reduced instead of living to the end of the run (CenterNet: calibration peak RSS 599 → 394 MB). The
// order is read from onnxruntime's own profiler (the kernels it executed, in time order), on a conv chain built
// here, with the session options calibration uses (2 threads, no memory pattern) and the default ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as ort from 'onnxruntime-node';
import { decodeOnnx } from '../../../../src-main/formats/onnx/codec';
import { onnxTapList } from '../../../../src-main/formats/onnx/taps';
import { cpuSessionOptions } from '../../../../src-main/runtimes/onnx-runtime';
import { convChain, type ConvSpec } from '../../../support/onnx-build';

const LAYERS: ConvSpec[] = [
  { name: 'c0', shape: [8, 3, 3, 3], relu: true },
  { name: 'c1', shape: [8, 8, 3, 3], relu: true },
  { name: 'c2', shape: [8, 8, 3, 3], relu: true },
  { name: 'c3', shape: [8, 8, 3, 3], relu: true },
  { name: 'c4', shape: [4, 8, 1, 1] },
];
// In producer order; the request lists them shuffled (the order must not come from the request).
const TAPS = ['c0.out', 'c0.relu', 'c1.out', 'c1.relu', 'c2.out', 'c2.relu', 'c3.out', 'c3.relu', 'y'];
const REQUEST = ['c2.relu', 'y', 'c0.out', 'c3.out', 'c1.relu', 'c0.relu', 'c3.relu', 'c2.out', 'c1.out'];

let scratch: string;
let bytes: Uint8Array;
beforeAll(async () => {
  scratch = await fs.mkdtemp(join(tmpdir(), 'edgelab-taps-order-'));
  bytes = convChain(LAYERS, 16);
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

/** Names of the nodes onnxruntime executed for one run of `model`, in the order they ran (its profiler's Node events). */
async function executedOrder(model: Uint8Array, options: ort.InferenceSession.SessionOptions, tag: string): Promise<string[]> {
  const prefix = join(scratch, tag);
  const session = await ort.InferenceSession.create(model, { ...options, enableProfiling: true, profileFilePrefix: prefix });
  try {
    const x = new ort.Tensor('float32', Float32Array.from({ length: 3 * 16 * 16 }, (_, i) => Math.sin(i)), [1, 3, 16, 16]);
    await session.run({ x });
  } finally {
    session.endProfiling();
    await session.release();
  }
  const file = (await fs.readdir(scratch)).find((f) => f.startsWith(tag) && f.endsWith('.json'));
  expect(file, 'onnxruntime wrote its profile').toBeDefined();
  const events = JSON.parse(await fs.readFile(join(scratch, file!), 'utf8')) as { cat: string; name: string; ts: number }[];
  return events
    .filter((e) => e.cat === 'Node' && e.name.endsWith('_kernel_time'))
    .sort((a, b) => a.ts - b.ts)
    .map((e) => e.name.slice(0, -'_kernel_time'.length));
}

describe("ONNX minmax taps run where their tensor is made (onnxruntime's profiler)", () => {
  const cases: [string, ort.InferenceSession.SessionOptions][] = [
    ['calibration session (2 threads, memPattern off)', { ...cpuSessionOptions(2), enableMemPattern: false }],
    ['default session', cpuSessionOptions()],
  ];
  for (const [label, options] of cases) {
    it(`${label}: each tensor is reduced before the next tapped tensor is produced`, async () => {
      const { augmented, reduced } = onnxTapList(bytes, 'chain.onnx', { tensors: REQUEST, reduce: 'minmax' });
      const ran = await executedOrder(augmented, options, label.replace(/\W+/g, '-'));
      // Node names from the augmented graph: tensor → the node that makes it.
      const madeBy = new Map((decodeOnnx(augmented, 'augmented').graph!.node ?? []).flatMap((n) => (n.output ?? []).map((o) => [o, n.name ?? ''] as const)));
      /** Where the node making `tensor` ran. onnxruntime's NCHWc layout pass (on CPUs that have it) replaces a Conv by one named `<output>_nchwc`. */
      const madeAt = (tensor: string) => {
        const i = ran.findIndex((n) => n === madeBy.get(tensor) || n === `${tensor}_nchwc`);
        expect(i, `the node making ${tensor} ran`).toBeGreaterThanOrEqual(0);
        return i;
      };
      for (let k = 0; k < TAPS.length; k++) {
        const reducedAt = Math.max(...reduced!.get(TAPS[k])!.map(madeAt));
        expect(reducedAt, `${TAPS[k]} reduced after it was made`).toBeGreaterThan(madeAt(TAPS[k]));
        if (k + 1 < TAPS.length) expect(reducedAt, `${TAPS[k]} reduced before ${TAPS[k + 1]} is made`).toBeLessThan(madeAt(TAPS[k + 1]));
      }
    });
  }
});
