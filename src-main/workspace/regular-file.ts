// Opening a file the caller names (clip, model, shard, labels, bench file, image, lab spec) only when it is a
// REGULAR file. A FIFO (named pipe) blocks open()/read() until a writer appears: each such read holds one of libuv's
// four file-system threads forever, after which every file call of the process (static files, listRuns) waits, and
// a synchronous read blocks the event loop (signals are never handled). Devices (/dev/zero) never end.
// The file is opened with O_NONBLOCK (returns at once even for a FIFO; no effect on regular files) and checked
// with fstat on the opened descriptor, so a name swapped between a check and the open cannot slip through.
import { constants, openSync, closeSync, fstatSync, readFileSync, promises as fs, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { EdgeLabError } from '../../src-shared/protocol';

const FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

/** What a non-regular file is, in words. */
export function fileKind(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isDirectory()) return 'a folder';
  return 'not a regular file';
}

function notRegular(st: Stats, what: string, path: string): EdgeLabError {
  return new EdgeLabError('BAD_INPUT', `the ${what} is ${fileKind(st)}, not a regular file`, path);
}

function openError(e: unknown, what: string, path: string): EdgeLabError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new EdgeLabError('NOT_FOUND', `no such ${what}`, path);
  return new EdgeLabError('BAD_INPUT', `cannot read the ${what}: ${code ?? (e as Error).message}`, path);
}

function tooBig(size: number, maxBytes: number, what: string, path: string): EdgeLabError {
  return new EdgeLabError('BAD_INPUT', `the ${what} is ${size} bytes; EdgeLab reads at most ${maxBytes} bytes (${Math.round(maxBytes / 2 ** 20)} MiB) of it`, path);
}

/** Opens `path` for reading when it is a regular file (at most `maxBytes` long). The caller closes the handle. */
export async function openRegularFile(path: string, what: string, maxBytes = Infinity): Promise<{ fh: FileHandle; size: number }> {
  let fh: FileHandle;
  try {
    fh = await fs.open(path, FLAGS);
  } catch (e) {
    throw openError(e, what, path);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw notRegular(st, what, path);
    if (st.size > maxBytes) throw tooBig(st.size, maxBytes, what, path);
    return { fh, size: st.size };
  } catch (e) {
    await fh.close();
    throw e;
  }
}

/** Whole content of a regular file (BAD_INPUT for a FIFO, device, socket or folder; NOT_FOUND when absent). */
export async function readRegularFile(path: string, what: string, maxBytes = Infinity): Promise<Buffer> {
  const { fh } = await openRegularFile(path, what, maxBytes);
  try {
    return await fh.readFile();
  } finally {
    await fh.close();
  }
}

/** Synchronous readRegularFile (for the few synchronous loaders, e.g. lab specs). */
export function readRegularFileSync(path: string, what: string, maxBytes = Infinity): Buffer {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (e) {
    throw openError(e, what, path);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw notRegular(st, what, path);
    if (st.size > maxBytes) throw tooBig(st.size, maxBytes, what, path);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
