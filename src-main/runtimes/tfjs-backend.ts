// Picks and initialises the tfjs backend once per process: tfjs-node ('tensorflow') when the optional
// package imports, else wasm (SIMD build from the package's dist dir), else the pure-JS cpu backend.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export interface TfjsBackendInfo {
  backend: string;
  /** Why earlier choices were skipped, in order. */
  detail: string;
}

let ready: Promise<TfjsBackendInfo> | null = null;

/** Absolute dir (with trailing slash) holding tfjs-backend-wasm's .wasm files. */
export function wasmDistDir(): string {
  const req = createRequire(import.meta.url);
  return dirname(req.resolve('@tensorflow/tfjs-backend-wasm')) + '/';
}

async function tryNode(): Promise<string | null> {
  // The name is in a variable so bundlers (vite, electron-vite) leave the optional import alone.
  const name = '@tensorflow/tfjs-node';
  try {
    await import(/* @vite-ignore */ name);
  } catch (e) {
    return `tfjs-node unavailable (${String((e as Error).message ?? e).split('\n')[0].slice(0, 120)})`;
  }
  try {
    if (await tf.setBackend('tensorflow')) return null;
    return 'tfjs-node imported but the tensorflow backend did not initialise';
  } catch (e) {
    return `tensorflow backend failed: ${(e as Error).message}`;
  }
}

async function init(): Promise<TfjsBackendInfo> {
  const skipped: string[] = [];
  const nodeWhy = await tryNode();
  if (nodeWhy === null) return { backend: 'tensorflow', detail: 'tfjs-node' };
  skipped.push(nodeWhy);
  try {
    setWasmPaths(wasmDistDir());
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      return { backend: 'wasm', detail: skipped.join('; ') };
    }
    skipped.push('wasm backend did not initialise');
  } catch (e) {
    skipped.push(`wasm failed: ${(e as Error).message}`);
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return { backend: 'cpu', detail: skipped.join('; ') };
}

/** Idempotent: the first call chooses the backend, later calls return the same answer. */
export function ensureTfjsBackend(): Promise<TfjsBackendInfo> {
  if (!ready) ready = init();
  return ready;
}
