// The CLI's own validation applied to an upload before it is placed (upload-route.ts): a model is inspected by the
// engine (inspectModel, as `edgelab inspect`/`import`), a clip probed by ffmpeg (as replay opens it), labels parsed
// by the labels registry (as compare --gt), a benchmark file parsed by the importer registry (as import-bench).
// Byte caps per kind: the ones the engine applies when it reads such a file (bench 32 MiB, labels 128 MiB) and the
// upload caps of src-shared/uploads.ts (models, clips).
import { join } from 'node:path';
import type { Transport } from '../../src-shared/client';
import { EdgeLabError } from '../../src-shared/protocol';
import { MAX_CLIP_UPLOAD_BYTES, MAX_MODEL_UPLOAD_BYTES, isPrimaryModelFile, type UploadFileEntry, type UploadKind } from '../../src-shared/uploads';
import { MAX_BENCH_BYTES, parseBenchText } from '../benchmarks/registry';
import { MAX_LABELS_BYTES, readLabels } from '../evaluate/ground-truth';
import { probeClip } from '../media/ffmpeg';
import { readRegularFile } from '../workspace/regular-file';

/** Largest upload of a kind, bytes (all files of a model group together). */
export function uploadCap(kind: UploadKind): number {
  switch (kind) {
    case 'model':
      return MAX_MODEL_UPLOAD_BYTES;
    case 'clip':
      return MAX_CLIP_UPLOAD_BYTES;
    case 'labels':
      return MAX_LABELS_BYTES;
    case 'bench':
      return MAX_BENCH_BYTES;
  }
}

/** The file the engine opens: the model group's primary file, else the only file. */
export function primaryFile(kind: UploadKind, files: UploadFileEntry[]): UploadFileEntry {
  return (kind === 'model' ? files.find((f) => isPrimaryModelFile(f.name)) : undefined) ?? files[0]!;
}

/** Labels are checked without a clip: a frame size large enough that no box is clipped; frame count from the file. */
const LABELS_GRID = { frames: [], ptsMs: [], width: 1 << 20, height: 1 << 20 };

async function check(engine: Transport, kind: UploadKind, file: string): Promise<void> {
  switch (kind) {
    case 'model':
      await engine.call('inspectModel', { model: file });
      return;
    case 'clip':
      await probeClip(file);
      return;
    case 'labels':
      await readLabels(file, LABELS_GRID, { read: async (f) => (await readRegularFile(f, 'labels file', MAX_LABELS_BYTES)).toString('utf8') });
      return;
    case 'bench':
      parseBenchText((await readRegularFile(file, 'benchmark file', MAX_BENCH_BYTES)).toString('utf8'), file);
      return;
  }
}

/**
 * Validates the upload received in `dir`. Throws BAD_INPUT naming the desk file (`<name>: <why>`, the file at fault —
 * a model's sidecar, say — else the main file), never the temp path (a refused upload is removed: it would name nothing).
 */
export async function checkUpload(engine: Transport, kind: UploadKind, dir: string, files: UploadFileEntry[]): Promise<void> {
  const main = primaryFile(kind, files);
  try {
    await check(engine, kind, join(dir, main.name));
  } catch (e) {
    const p = EdgeLabError.toPayload(e);
    // `<tmp>/<file>: why` → `<file>: why` (the file may be another of the group, e.g. a model's sidecar).
    const why = p.message.split(dir + '/').join('').split(dir).join('');
    const named = files.some((f) => why.startsWith(`${f.name}: `));
    const code = p.code === 'INTERNAL' || p.code === 'CANCELLED' ? p.code : 'BAD_INPUT';
    throw new EdgeLabError(code, named ? why : `${main.name}: ${why}`);
  }
}
