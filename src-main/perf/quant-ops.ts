// What onnxruntime runs of an int8 model on this CPU: the optimized graph the session writes (all optimizations),
// counted. `qlinearOps`: int8 kernels (QLinear*, QGemm, *Integer*); `floatOpsBetweenQdq`: float "islands", nodes
// that read a DequantizeLinear output and feed a QuantizeLinear — each costs a dequantize + a quantize per run and
// is what keeps an int8 model from beating float32 (issue 18 §2).
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeOnnx } from '../formats/onnx/codec';
import { writeOptimizedOnnx } from '../runtimes/onnx-runtime';

export interface OpCounts {
  qlinearOps: number;
  floatOpsBetweenQdq: number;
  /** The float islands' op types with their counts, most frequent first (e.g. { ReduceMean: 9 }). */
  floatIslandOps: Record<string, number>;
  nodes: number;
}

const INT8_KERNEL = /^(QLinear|QGemm|DynamicQuantize|MatMulInteger|ConvInteger|MatMulIntegerToFloat)/;

export async function optimizedOpCounts(file: string, threads = 1): Promise<OpCounts> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'edgelab-ortopt-'));
  try {
    const out = join(dir, 'optimized.onnx');
    await writeOptimizedOnnx(file, out, threads);
    const m = decodeOnnx(await fs.readFile(out), out);
    const nodes = m.graph?.node ?? [];
    const producer = new Map<string, string>();
    for (const n of nodes) for (const o of n.output ?? []) producer.set(o, n.opType ?? '');
    const consumers = new Map<string, string[]>();
    for (const n of nodes) for (const i of n.input ?? []) consumers.set(i, [...(consumers.get(i) ?? []), n.opType ?? '']);
    let qlinearOps = 0;
    const islands: Record<string, number> = {};
    for (const n of nodes) {
      const op = n.opType ?? '';
      if (INT8_KERNEL.test(op)) {
        qlinearOps++;
        continue;
      }
      if (op === 'QuantizeLinear' || op === 'DequantizeLinear') continue;
      const fromDq = (n.input ?? []).some((i) => producer.get(i) === 'DequantizeLinear');
      const toQ = (n.output ?? []).some((o) => (consumers.get(o) ?? []).includes('QuantizeLinear'));
      if (fromDq && toQ) islands[op] = (islands[op] ?? 0) + 1;
    }
    const sorted = Object.fromEntries(Object.entries(islands).sort((a, b) => b[1] - a[1]));
    return { qlinearOps, floatOpsBetweenQdq: Object.values(islands).reduce((a, b) => a + b, 0), floatIslandOps: sorted, nodes: nodes.length };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
