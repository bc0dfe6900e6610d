// What the engine holds in memory now (getInfo's `memory`): after a burst of jobs, ORT sessions and tfjs tensors must
// be back to zero (every job disposes its own); the tfjs wasm heap is only noted — WebAssembly memory grows to its
// high-water mark and cannot shrink, so it is the part of RSS a burst leaves behind by design.
import * as tf from '@tensorflow/tfjs';
import type { EngineMemory } from '../../src-shared/api';
import { ortSessionsOpen } from '../runtimes/onnx-runtime';

const MB = 1024 * 1024;
const round1 = (x: number) => Math.round(x * 10) / 10;

export function engineMemory(): EngineMemory {
  // findBackend does not initialise a backend that was never used.
  const wasm = tf.findBackend('wasm') as { wasm?: { HEAPU8?: Uint8Array } } | null;
  const heap = wasm?.wasm?.HEAPU8?.buffer.byteLength;
  const m = tf.memory();
  return {
    rssMb: round1(process.memoryUsage.rss() / MB),
    heapUsedMb: round1(process.memoryUsage().heapUsed / MB),
    ortSessionsOpen: ortSessionsOpen(),
    tfjsTensors: m.numTensors,
    tfjsBytes: m.numBytes,
    wasmHeapMb: heap === undefined ? null : round1(heap / MB),
  };
}
