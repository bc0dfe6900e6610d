// decodeFrames: the one way EdgeLab reads a clip — an async iterator of timestamped RGB frames from ffmpeg.
// By default ffmpeg's pipe is read on a worker thread (decode-client.ts + decode-worker.ts), so decoding keeps
// going while this thread runs inference; the frames come over by transfer. The worker is a separately built
// file (electron.vite.config.ts entry 'decode-worker' → out/main/decode-worker.js), found beside the running
// bundle. Running from TypeScript sources (vitest) there is no such file — a worker cannot load .ts and no TS
// loader is installed — so decoding falls back to this thread (decode-in-thread.ts), with the same contract.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EdgeLabError } from '../../src-shared/protocol';
import { decodeInWorker } from './decode-client';
import { decodeInThread } from './decode-in-thread';
import type { DecodedFrame, DecodeOptions } from './decode-types';

export type { DecodedFrame, DecodeOptions } from './decode-types';
export { decodeInThread } from './decode-in-thread';
export { decodeInWorker, DEFAULT_BUFFER_FRAMES } from './decode-client';

export const DECODE_WORKER_FILE = 'decode-worker.js';

/** The built decode worker beside the running bundle (out/main/ or out/main/chunks/), or null (sources). */
export function builtDecodeWorker(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const p of [join(here, DECODE_WORKER_FILE), join(here, '..', DECODE_WORKER_FILE)]) if (existsSync(p)) return p;
  return null;
}

/** Which thread decodeFrames will read ffmpeg on for these options, and the worker file when 'worker'. */
export function decodeThreadFor(opts: DecodeOptions = {}): { thread: 'worker' | 'main'; workerFile?: string } {
  const env = process.env.EDGELAB_DECODE;
  const want = opts.thread && opts.thread !== 'auto' ? opts.thread : env === 'main' || env === 'worker' ? env : 'auto';
  if (want === 'main') return { thread: 'main' };
  const file = opts.workerFile ?? builtDecodeWorker();
  if (file) return { thread: 'worker', workerFile: file };
  if (want === 'worker') throw new EdgeLabError('UNSUPPORTED', `decode worker ${DECODE_WORKER_FILE} not built (run npm run build)`);
  return { thread: 'main' };
}

/** Async iterator of frames. Breaking out of the loop or aborting `signal` kills ffmpeg and reaps it. */
export function decodeFrames(path: string, opts: DecodeOptions = {}): AsyncGenerator<DecodedFrame> {
  const t = decodeThreadFor(opts);
  return t.thread === 'worker' ? decodeInWorker(path, opts, t.workerFile!) : decodeInThread(path, opts);
}
