// Test helpers (not a test): a real decoded frame of samples/cup.mp4 via the bundled static ffmpeg, and a
// stock tfjs GraphModel loaded from files on disk (Node has no fetch of file://).
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

const require = createRequire(import.meta.url);

export function ffmpegPath(): string {
  return join(dirname(require.resolve('@ffmpeg-installer/linux-x64/package.json')), 'ffmpeg');
}

/** First frame of `clip` resized to width×height, RGB24 bytes, length width·height·3. */
export async function decodeFrame(clip: string, width: number, height: number): Promise<Uint8Array> {
  const args = ['-v', 'error', '-i', clip, '-vframes', '1', '-s', `${width}x${height}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'];
  const out = await new Promise<Buffer>((ok, fail) =>
    execFile(ffmpegPath(), args, { encoding: 'buffer', maxBuffer: 64 << 20 }, (err, stdout) => (err ? fail(err) : ok(stdout))),
  );
  if (out.length !== width * height * 3) throw new Error(`ffmpeg gave ${out.length} bytes, expected ${width * height * 3}`);
  return new Uint8Array(out);
}

let backendReady: Promise<void> | undefined;
/** Selects the tfjs wasm backend once per process. */
export function useWasm(): Promise<void> {
  backendReady ??= (async () => {
    setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
    await tf.setBackend('wasm');
    await tf.ready();
  })();
  return backendReady;
}

/** Stock `tf.loadGraphModel` over an IOHandler that reads model.json and its shards with node:fs. */
export async function loadGraphModelFromDisk(modelJson: string): Promise<tf.GraphModel> {
  const json = JSON.parse(await fs.readFile(modelJson, 'utf8'));
  const dir = dirname(modelJson);
  const weightSpecs = json.weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights);
  const shards = await Promise.all(json.weightsManifest.flatMap((g: { paths: string[] }) => g.paths).map((p: string) => fs.readFile(join(dir, p))));
  const all = Buffer.concat(shards);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return tf.loadGraphModel({
    load: async () => ({
      modelTopology: json.modelTopology,
      weightSpecs,
      weightData,
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy,
      signature: json.signature,
      userDefinedMetadata: json.userDefinedMetadata,
      modelInitializer: json.modelInitializer,
    }),
  });
}
