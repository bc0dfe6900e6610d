// Model identity: sha256 over the main file's bytes followed by every weight shard in weightsManifest
// order (TF.js), or the .onnx bytes alone. models/catalog.json's sha256 fields use this definition.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { EdgeLabError } from '../../src-shared/protocol';
import { readModelJson } from '../formats/tfjs/manifest';
import { openRegularFile } from '../workspace/regular-file';

function isTfjsMain(mainFile: string): boolean {
  return mainFile.toLowerCase().endsWith('.json');
}

/** Absolute paths of every file the model consists of: the .onnx alone, or model.json then its shards. */
export async function modelFiles(mainFile: string): Promise<string[]> {
  const abs = resolve(mainFile);
  if (!isTfjsMain(abs)) return [abs];
  const m = await readModelJson(abs);
  return [abs, ...m.shards];
}

/** A file of the model that cannot be read: BAD_INPUT naming it (a shard listed in model.json but absent). */
function unreadable(e: unknown, f: string, mainFile: string): EdgeLabError {
  if (e instanceof EdgeLabError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const what = f === resolve(mainFile) ? 'model file' : `weight shard (listed in ${resolve(mainFile)})`;
  return new EdgeLabError('BAD_INPUT', code === 'ENOENT' ? `missing ${what}` : `cannot read ${what}: ${code ?? (e as Error).message}`, f);
}

/** Hex sha256 over the bytes of `modelFiles(mainFile)` in order. */
export async function hashModel(mainFile: string): Promise<string> {
  const h = createHash('sha256');
  for (const f of await modelFiles(mainFile)) {
    // Opened non-blocking and fstat-checked: a FIFO or device named as a model file or shard never ends.
    const { fh } = await openRegularFile(f, f === resolve(mainFile) ? 'model file' : 'weight shard').catch((e: unknown) => {
      if (e instanceof EdgeLabError && e.code === 'BAD_INPUT' && /regular file/.test(e.message)) throw e;
      throw unreadable(Object.assign(new Error(String((e as Error).message)), { code: e instanceof EdgeLabError && e.code === 'NOT_FOUND' ? 'ENOENT' : undefined }), f, mainFile);
    });
    try {
      for await (const chunk of fh.createReadStream({ autoClose: false })) h.update(chunk as Buffer);
    } catch (e) {
      throw unreadable(e, f, mainFile);
    } finally {
      await fh.close();
    }
  }
  return h.digest('hex');
}

/** Sum of the sizes (bytes) of `modelFiles(mainFile)`. */
export async function modelSizeBytes(mainFile: string): Promise<number> {
  let n = 0;
  for (const f of await modelFiles(mainFile)) {
    n += (
      await fs.stat(f).catch((e: unknown) => {
        throw unreadable(e, f, mainFile);
      })
    ).size;
  }
  return n;
}
